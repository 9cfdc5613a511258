"""`mpm metrics list | show NAME | check`: the KPI catalog of a workspace."""

from __future__ import annotations

from typing import Annotated

import typer

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.metrics import check, load_catalog, workspace_catalog
from mpm.services.data import kpi_record

app = typer.Typer(help="The KPI catalog: list, show one, check your YAML.", no_args_is_help=True)


@app.command("list")
def list_metrics(workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table) -> None:
    """Every KPI: name, unit, direction of good and definition."""
    catalog = workspace_catalog(get_settings(), workspace)
    records = [kpi_record(k) for k in catalog.kpis.values()]
    if fmt is Format.table:
        records = [
            {k: r[k] for k in ("name", "label", "unit", "direction", "definition")} for r in records
        ]
    emit(records, fmt, title=f"KPIs of workspace {workspace}")


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="KPI name.")],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """One KPI in full, with the measures it is computed from."""
    catalog = workspace_catalog(get_settings(), workspace)
    kpi = catalog.get(name)
    record = kpi_record(kpi)
    record["measures"] = ", ".join(catalog.measures_of(name))
    emit_one(record, fmt)


@app.command("check")
def check_metrics(workspace: WorkspaceOption = "default") -> None:
    """Validate the workspace's metrics/*.yml: fields, tables, columns, formulas, cycles,
    units; every problem with its file and line."""
    folder = get_settings().workspace_dir(workspace) / "metrics"
    catalog = load_catalog(None)  # the built-ins alone are always valid
    problems: list[str] = []
    try:
        catalog = load_catalog(folder, strict=False)
    except UserError as exc:
        problems.append(str(exc))
    problems += check(catalog)
    if problems:
        for problem in problems:
            typer.echo(problem, err=True)
        raise typer.Exit(1)
    files = sorted(folder.glob("*.yml")) if folder.is_dir() else []
    typer.echo(
        f"{len(catalog.kpis)} KPIs OK ({len(files)} file{'s' if len(files) != 1 else ''} in "
        f"{folder})"
    )
