"""Options every data command shares (the stable command-line contract)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from mpm.cli.output import Format
from mpm.errors import UserError

WorkspaceOption = Annotated[
    str,
    typer.Option(
        "--workspace", "-w", envvar="MPM_WORKSPACE", help="Workspace to use.", show_default=True
    ),
]
FormatOption = Annotated[
    Format, typer.Option("--format", "-f", help="Output: table (for people), json or csv.")
]


def parse_day(text: str, option: str) -> date:
    """A date option given as YYYY-MM-DD."""
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{option} {text!r}: use a date like 2026-03-31") from exc
