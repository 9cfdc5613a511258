"""Options every data command shares (the stable command-line contract)."""

from __future__ import annotations

from typing import Annotated

import typer

from mpm.cli.output import Format

WorkspaceOption = Annotated[
    str,
    typer.Option(
        "--workspace", "-w", envvar="MPM_WORKSPACE", help="Workspace to use.", show_default=True
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output: table (for people), json or csv.")
]
