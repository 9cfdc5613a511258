"""`mpm kpi KPI[,KPI...]`: KPIs by any dimension, grain and date range, with comparisons."""

from __future__ import annotations

import math
from datetime import date
from typing import Annotated, Any

import numpy as np
import typer

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit
from mpm.config import get_settings
from mpm.metrics import Compare, Grain, Unit, compiled_sql, query, workspace_catalog

EXAMPLES = """\
Examples:

  mpm kpi spend,clicks,ctr,cpc --by channel
  mpm kpi roas,cac --by channel --grain month --from 2025-01-01 --to 2025-06-30
  mpm kpi revenue --grain week --from last_90_days --compare previous_period
  mpm kpi spend --by campaign --top 5 --where 'channel=in:Paid Search|Paid Social'
  mpm kpi ctr --by campaign --format json
  mpm kpi roas --by channel --explain          # the SQL it compiles to
"""


def kpi(
    kpis: Annotated[str, typer.Argument(help="KPI names, comma-separated (mpm metrics list).")],
    by: Annotated[str | None, typer.Option("--by", help="Dimensions, comma-separated.")] = None,
    grain: Annotated[Grain | None, typer.Option("--grain", help="One row per period.")] = None,
    start: Annotated[
        str | None, typer.Option("--from", help="First day (YYYY-MM-DD or e.g. last_30_days).")
    ] = None,
    end: Annotated[str | None, typer.Option("--to", help="Last day, inclusive.")] = None,
    where: Annotated[
        list[str] | None,
        typer.Option("--where", help="DIM=VALUE, DIM!=VALUE or DIM=in:A|B; repeatable (AND)."),
    ] = None,
    compare: Annotated[
        Compare | None, typer.Option("--compare", help="Add <kpi>_previous and <kpi>_change.")
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            min=1,
            help="Keep the N largest values of the first --by dimension by the first KPI; "
            'the rest become "other".',
        ),
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Print the compiled SQL.")] = False,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """KPIs over a date range, by dimension and period, from the workspace's warehouse."""
    settings = get_settings()
    options: dict[str, Any] = {
        "by": by,
        "grain": grain,
        "start": start,
        "end": end,
        "where": where,
    }
    if explain:
        typer.echo(compiled_sql(kpis, workspace=workspace, settings=settings, **options))
        return
    frame = query(kpis, compare=compare, top=top, workspace=workspace, settings=settings, **options)
    records = [
        {k: _json_value(v) for k, v in row.items()} for row in frame.to_dict(orient="records")
    ]
    if fmt is not Format.table:
        emit(records, fmt)
        return
    catalog = workspace_catalog(settings, workspace)
    units = {
        name: catalog.get(name).unit
        for name in (k.strip() for k in kpis.split(","))
        if name in catalog.kpis
    }
    # for people: the change next to each KPI; the previous values are in json and csv
    emit(
        [
            {k: kpi_cell(k, v, units) for k, v in r.items() if not k.endswith("_previous")}
            for r in records
        ],
        fmt,
        title=f"{kpis} in workspace {workspace}",
        empty="no data for this query (see `mpm tables` for what is loaded)",
    )


def _json_value(value: Any) -> Any:
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, np.generic):  # numpy scalars
        return _json_value(value.item())
    if isinstance(value, date):
        return value.isoformat()
    return value


def kpi_cell(key: str, value: Any, units: dict[str, Unit]) -> Any:
    """Table cells: rates and changes as percentages, other numbers rounded for reading."""
    if not isinstance(value, float):
        return value
    base = key.removesuffix("_previous")
    if key.endswith("_change"):
        return f"{value:+.1%}"
    unit = units.get(base)
    if unit is Unit.PERCENT:
        return f"{value:.2%}"
    if unit is Unit.RATIO:
        return f"{value:,.3f}"
    if unit is Unit.COUNT and value.is_integer():
        return int(value)
    return round(value, 2)
