"""`mpm demo`: build the demo world, load it through the import path, write truth.json."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer
from rich.console import Console

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit
from mpm.config import get_settings


def demo(
    seed: Annotated[
        int, typer.Option(help="Random seed; same seed and end give the same data.")
    ] = 42,
    days: Annotated[int, typer.Option(help="Days of history.", min=60, max=3650)] = 730,
    end: Annotated[str | None, typer.Option(help="Last day (ISO date); default yesterday.")] = None,
    plans: Annotated[
        bool,
        typer.Option(
            help="Also add the demo company's objectives, budgets, campaigns and activities "
            "(to a workspace without any)."
        ),
    ] = True,
    logins: Annotated[
        bool,
        typer.Option(
            help="Also make demo sign-ins for the web app (an owner and a client viewer) with "
            "new passwords, printed once."
        ),
    ] = True,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Fill a workspace with a believable company's marketing data and its true parameters."""
    # the generator is only imported when asked for
    from mpm.demo import demo_logins, load_demo, plan_demo

    last = date.fromisoformat(end) if end else None
    console = Console(stderr=True)
    with console.status("generating the demo world ...") as status:
        result = load_demo(
            get_settings(),
            workspace=workspace,
            seed=seed,
            days=days,
            end=last,
            on_table=lambda name: status.update(f"loading {name} ..."),
        )
        planned = None
        if plans:
            status.update("planning objectives, budgets and campaigns ...")
            planned = plan_demo(
                get_settings(), workspace=workspace, first=result.first, last=result.last
            )
    made = demo_logins(get_settings(), workspace=workspace) if logins else []
    emit(
        [{"table": r.table, "rows": r.rows, "load_id": r.load_id} for r in result.loads],
        fmt,
        title=f"Demo world loaded into workspace {workspace}",
    )
    if fmt is Format.table:
        out = Console()
        out.print(f"truth.json: {result.truth_path}")
        if planned is not None and planned.skipped:
            out.print(f"plans: none added ({planned.skipped})")
        elif planned is not None:
            out.print(
                f"plans as of {planned.today}: {planned.objectives} objectives, "
                f"{planned.budget_lines} budget lines, {planned.campaigns} campaigns, "
                f"{planned.activities} activities, {planned.decisions} decisions "
                "(`mpm objective status`, `mpm plan budget status`, `mpm plan calendar`)"
            )
        for login in made:
            out.print(f"sign-in ({login.role}): {login.email}  password: {login.password}")
