"""`mpm objective add | list | show`: SMART objectives of a workspace."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import typer

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.goals import (
    Cadence,
    Goal,
    Objective,
    add_objective,
    get_objective,
    list_objectives,
    shown,
)

app = typer.Typer(help="Objectives: a KPI, a target, a period.", no_args_is_help=True)

EXAMPLES = """\
Examples:

  mpm objective add "Q1 revenue" --kpi revenue --target 2500000 --from 2026-01-01 \\
      --to 2026-03-31 --goal revenue_growth --owner cmo@example.com
  mpm objective add "Search CPA" --kpi cpa --target 40 --from 2026-01-01 --to 2026-03-31 \\
      --where 'channel=Paid Search' --goal customer_acquisition --owner sem@example.com --strict
  mpm objective list --format json
"""


def _day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise UserError(f"{option} {text!r}: use a date like 2026-03-31") from exc


def _record(objective: Objective) -> dict[str, Any]:
    record = asdict(objective)
    record["filters"] = list(objective.filters)
    record["warnings"] = list(objective.warnings)
    return record


@app.command("add", epilog=EXAMPLES)
def add(
    name: Annotated[str, typer.Argument(help="A name people will recognise.")],
    kpi: Annotated[str, typer.Option("--kpi", help="KPI from `mpm metrics list`.")],
    target: Annotated[float, typer.Option("--target", help="Value to reach by the end.")],
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Last day (the deadline), YYYY-MM-DD.")],
    where: Annotated[
        list[str] | None, typer.Option("--where", help="Scope: DIM=VALUE, DIM!=VALUE, DIM=in:A|B.")
    ] = None,
    goal: Annotated[Goal | None, typer.Option("--goal", help="Business goal it serves.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who is accountable.")] = None,
    cadence: Annotated[Cadence, typer.Option("--cadence", help="Review cadence.")] = Cadence.WEEKLY,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the objective if the SMART check warns.")
    ] = False,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Create an objective; the SMART check explains any weakness (refused with --strict)."""
    objective = add_objective(
        name,
        kpi=kpi,
        target=target,
        start=_day(start, "--from"),
        end=_day(end, "--to"),
        filters=tuple(where or ()),
        goal=goal.value if goal else None,
        owner=owner,
        cadence=cadence.value,
        strict=strict,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one(_record(objective), fmt)
        return
    typer.echo(
        f"objective {objective.name!r} created: {objective.kpi} to {shown(objective.target)} "
        f"from {objective.start} to {objective.end}"
    )
    for warning in objective.warnings:
        typer.echo(f"  SMART check: {warning}", err=True)


@app.command("list")
def list_command(workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table) -> None:
    """Every objective of the workspace, by deadline."""
    objectives = list_objectives(workspace=workspace, settings=get_settings())
    records = [_record(o) for o in objectives]
    if fmt is Format.table:
        records = [
            {
                "name": o.name,
                "kpi": o.kpi,
                "target": o.target,
                "from": o.start,
                "to": o.end,
                "scope": "; ".join(o.filters),
                "owner": o.owner,
                "warnings": len(o.warnings),
            }
            for o in objectives
        ]
    emit(
        records,
        fmt,
        title=f"Objectives of workspace {workspace}",
        empty="no objectives yet: create one with `mpm objective add NAME --kpi KPI --target N "
        "--from DATE --to DATE`",
    )


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Objective name.")],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """One objective with its SMART warnings."""
    objective = get_objective(name, workspace=workspace, settings=get_settings())
    record = _record(objective)
    if fmt is Format.table:
        record["warnings"] = "\n".join(objective.warnings) or "none"
        record["filters"] = "; ".join(objective.filters) or "all"
    emit_one(record, fmt)
