"""KPI queries of a workspace: `query("roas", by="channel", grain="month")` → a DataFrame.

Dates are resolved in the workspace's time zone and calendar, the spec is compiled to Ibis and
run on the workspace's warehouse (or `MPM_WAREHOUSE_URL`), comparisons and top-N are added.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd

from mpm.config import Settings, get_settings
from mpm.errors import UserError
from mpm.metrics.catalog import Catalog, load_catalog
from mpm.metrics.compiler import PERIOD, Context, Filter, QuerySpec, compile_query
from mpm.metrics.periods import Calendar, Compare, Grain, parse_day, period_start, shift
from mpm.store import ensure_workspace, session_scope
from mpm.warehouse import Warehouse, connect_query_only

NONE_LABEL = "(none)"


def _names(value: str | Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return tuple(v.strip() for v in value.split(",") if v.strip())
    return tuple(value)


def workspace_catalog(settings: Settings, workspace: str) -> Catalog:
    """Built-in KPIs plus the workspace's `metrics/*.yml`."""
    return load_catalog(settings.workspace_dir(workspace) / "metrics")


def _open_backend(settings: Settings, workspace: str) -> tuple[Any, Warehouse | None]:
    if settings.warehouse_url:
        return connect_query_only(settings.warehouse_url), None
    path = settings.workspace_dir(workspace) / "warehouse.duckdb"
    warehouse = Warehouse(path, read_only=Path(path).exists())
    return warehouse.ibis(), warehouse


@dataclass(frozen=True)
class _Prepared:
    catalog: Catalog
    ctx: Context
    spec: QuerySpec
    today: date


def _prepare(
    settings: Settings,
    workspace: str,
    kpis: str | Iterable[str],
    *,
    by: str | Iterable[str] | None = None,
    grain: str | Grain | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    where: str | Iterable[str] | None = None,
    top: int | None = None,
) -> _Prepared:
    """The workspace's catalog and calendar, and the query spec with its dates resolved."""
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
    ctx = Context(
        calendar=Calendar(ws.week_start, ws.fiscal_year_start_month), timezone=ws.timezone
    )
    today = datetime.now(ZoneInfo(ws.timezone)).date()
    where_list = [where] if isinstance(where, str) else list(where or [])
    spec = QuerySpec(
        kpis=_names(kpis),
        by=_names(by),
        grain=_grain(grain),
        start=_day(start, today, ctx.calendar, end=False),
        end=_day(end, today, ctx.calendar, end=True),
        where=tuple(Filter.parse(w) for w in where_list),
        top=top,
    )
    if not spec.kpis:
        raise UserError("name at least one KPI (see `mpm metrics list`)")
    if spec.start and spec.end and spec.start > spec.end:
        raise UserError(f"--from {spec.start} is after --to {spec.end}")
    return _Prepared(workspace_catalog(settings, workspace), ctx, spec, today)


def query(
    kpis: str | Iterable[str],
    *,
    by: str | Iterable[str] | None = None,
    grain: str | Grain | None = None,
    start: str | date | None = None,
    end: str | date | None = None,
    where: str | Iterable[str] | None = None,
    compare: str | Compare | None = None,
    top: int | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
    arrow: bool = False,
    backend: Any = None,
) -> Any:
    """KPIs as a pandas DataFrame (a pyarrow Table with `arrow=True`): `period` (the first
    day of each period, with a grain), the `by` dimensions, one column per KPI, and with
    `compare` `<kpi>_previous` and `<kpi>_change` (relative; null when the previous is 0)."""
    settings = settings or get_settings()
    prepared = _prepare(
        settings, workspace, kpis, by=by, grain=grain, start=start, end=end, where=where, top=top
    )
    catalog, ctx, spec = prepared.catalog, prepared.ctx, prepared.spec
    warehouse = None
    if backend is None:
        backend, warehouse = _open_backend(settings, workspace)
    try:
        if spec.top is not None:
            spec = _with_top(backend, catalog, spec, ctx)
        frame = _run(backend, catalog, spec, ctx)
        if compare is not None:
            frame = _compare(backend, catalog, spec, ctx, Compare(compare), frame, prepared.today)
    finally:
        if warehouse is not None:
            warehouse.close()
    frame = _present(frame, spec)
    if arrow:
        import pyarrow as pa

        return pa.Table.from_pandas(frame, preserve_index=False)
    return frame


def compiled_sql(
    kpis: str | Iterable[str],
    *,
    workspace: str = "default",
    settings: Settings | None = None,
    **options: Any,
) -> str:
    """The SQL a query compiles to (for `mpm kpi --explain`); options as `query`."""
    settings = settings or get_settings()
    prepared = _prepare(settings, workspace, kpis, **options)
    backend, warehouse = _open_backend(settings, workspace)
    try:
        import ibis

        expr = compile_query(backend, prepared.catalog, prepared.spec, prepared.ctx)
        return str(ibis.to_sql(expr))
    finally:
        if warehouse is not None:
            warehouse.close()


def _grain(value: str | Grain | None) -> Grain | None:
    if value is None:
        return None
    try:
        return Grain(value)
    except ValueError as exc:
        raise UserError(f"unknown grain {value!r}: use {', '.join(Grain)}") from exc


def _day(value: str | date | None, today: date, calendar: Calendar, *, end: bool) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return parse_day(value, today, calendar, end=end)


def _run(backend: Any, catalog: Catalog, spec: QuerySpec, ctx: Context) -> pd.DataFrame:
    expr = compile_query(backend, catalog, spec, ctx)
    frame = expr.to_pandas()
    if PERIOD in frame.columns:
        frame[PERIOD] = pd.to_datetime(frame[PERIOD]).dt.date
    return frame


def _with_top(backend: Any, catalog: Catalog, spec: QuerySpec, ctx: Context) -> QuerySpec:
    """Keep the `top` values of the first dimension by the first KPI; the rest become
    "other" (aggregated from the measures, so ratios stay ratios of sums)."""
    if not spec.by:
        raise UserError("--top needs --by")
    first, kpi = spec.by[0], spec.kpis[0]
    ranking = _run(backend, catalog, replace(spec, kpis=(kpi,), by=(first,), grain=None), ctx)
    ranking = ranking.sort_values(kpi, ascending=False, na_position="last")
    if len(ranking) <= (spec.top or 0):
        return spec
    return replace(spec, top_values=tuple(ranking[first].head(spec.top or 0).tolist()))


def _compare(
    backend: Any,
    catalog: Catalog,
    spec: QuerySpec,
    ctx: Context,
    compare: Compare,
    current: pd.DataFrame,
    today: date,
) -> pd.DataFrame:
    """Add `<kpi>_previous` and `<kpi>_change`. Without a range, every period is compared
    with the one a year earlier, cut a year before yesterday (this year's unfinished period against
    the same days of last year's, not all of it)."""
    if spec.start is None or spec.end is None:
        if compare is Compare.PREVIOUS_PERIOD or spec.grain is None:
            raise UserError(
                f"--compare {compare} needs a date range (--from/--to, e.g. --from last_month)"
            )
        back = shift(compare, date(2000, 1, 1), date(2000, 12, 31), spec.grain, ctx.calendar)
        yesterday = today - timedelta(days=1)  # the last complete day
        previous = _run(backend, catalog, replace(spec, end=yesterday - back), ctx)
    else:
        back = shift(compare, spec.start, spec.end, spec.grain, ctx.calendar)
        previous = _run(
            backend, catalog, replace(spec, start=spec.start - back, end=spec.end - back), ctx
        )
    keys = spec.keys
    if PERIOD in keys and not previous.empty:
        assert spec.grain is not None
        previous[PERIOD] = [
            period_start(p + back, spec.grain, ctx.calendar) for p in previous[PERIOD]
        ]
        previous = (
            previous.groupby(keys, as_index=False, dropna=False).sum(min_count=1)
            if previous.duplicated(keys).any()
            else previous
        )
    renamed = pd.DataFrame(previous).rename(columns={k: f"{k}_previous" for k in spec.kpis})
    if keys:
        merged = current.merge(renamed, on=keys, how="left")
    else:
        merged = pd.concat([current.reset_index(drop=True), renamed.reset_index(drop=True)], axis=1)
    for k in spec.kpis:
        prev = merged[f"{k}_previous"]
        merged[f"{k}_change"] = (merged[k] - prev) / prev.where(prev != 0)
    order = [*keys, *[c for k in spec.kpis for c in (k, f"{k}_previous", f"{k}_change")]]
    return merged.loc[:, order]


def _present(frame: pd.DataFrame, spec: QuerySpec) -> pd.DataFrame:
    for dim in spec.by:
        frame[dim] = frame[dim].replace("", NONE_LABEL)
    return frame.reset_index(drop=True)
