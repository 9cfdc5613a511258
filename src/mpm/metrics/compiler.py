"""The KPI query compiler: a query spec and the catalog become one Ibis expression.

The only place that knows how grains, ratio-of-sums and cross-table KPIs work. Each table's
measures are aggregated to the query's period and dimensions first; the aggregates are then
joined on those keys (so joining spend and revenue never fans out rows), and formulas are
evaluated on the joined sums (so CTR is Σclicks / Σimpressions at every grain). A division by
zero gives null.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from difflib import get_close_matches
from typing import Any

import ibis
import ibis.expr.datatypes as dt

from mpm.errors import UserError
from mpm.metrics.catalog import Agg, Catalog, Kpi, Measure
from mpm.metrics.formula import evaluate
from mpm.metrics.periods import Calendar, Grain, period_start_expr
from mpm.model.tables import Kind, get_table

PERIOD = "period"
OTHER = "other"


class UnknownDimension(UserError):
    pass


@dataclass(frozen=True)
class Filter:
    """`--where`: DIM=VALUE, DIM!=VALUE, DIM=in:A|B."""

    dimension: str
    values: tuple[str, ...]
    negate: bool = False

    @classmethod
    def parse(cls, text: str) -> Filter:
        if "!=" in text:
            dim, _, value = text.partition("!=")
            negate = True
        elif "=" in text:
            dim, _, value = text.partition("=")
            negate = False
        else:
            raise UserError(f"--where {text!r}: use DIM=VALUE, DIM!=VALUE or DIM=in:A|B")
        values = tuple(value[3:].split("|")) if value.startswith("in:") else (value,)
        return cls(dim.strip(), values, negate)


@dataclass(frozen=True)
class QuerySpec:
    kpis: tuple[str, ...]
    by: tuple[str, ...] = ()
    grain: Grain | None = None
    start: date | None = None
    end: date | None = None
    where: tuple[Filter, ...] = ()
    top: int | None = None
    top_values: tuple[str, ...] | None = field(default=None, compare=False)

    @property
    def keys(self) -> list[str]:
        return ([PERIOD] if self.grain else []) + list(self.by)


@dataclass(frozen=True)
class Context:
    """Workspace facts a query depends on."""

    calendar: Calendar = field(default_factory=Calendar)
    timezone: str = "UTC"


@ibis.udf.scalar.builtin(name="timezone")
def _to_zone(zone: str, ts: dt.timestamp) -> dt.timestamp:  # type: ignore[valid-type]
    """DuckDB's timezone(zone, timestamp): a UTC timestamp as local time in `zone`."""


def _day(table: Any, column: str, kind: Kind, timezone: str) -> Any:
    value: Any = table[column]
    if kind is not Kind.TIMESTAMP:
        return value.cast("date")
    if timezone != "UTC":
        utc = _to_zone("UTC", value)  # naive UTC → instant, then local wall time
        value = _to_zone(timezone, utc)
    return value.date()


ATTRIBUTE = "attributes."  # a column a file had, kept with --keep-extra


def _raw(table: Any, name: str) -> Any:
    """A dimension's values as stored."""
    if name.startswith(ATTRIBUTE):
        return table["attributes"].get(name.removeprefix(ATTRIBUTE))
    return table[name]


def _text(table: Any, name: str) -> Any:
    """A dimension's values as text, '' for none."""
    return _raw(table, name).cast("string").fill_null("")


def _labelled(value: Any, name: str, spec: QuerySpec) -> Any:
    """Dimension values as the result shows them: text, '' for none, "other" beyond top-N."""
    value = value.cast("string").fill_null("")
    if spec.top_values is not None and spec.by and name == spec.by[0]:
        value = value.isin(list(spec.top_values)).ifelse(value, OTHER)
    return value


def _customer_dimensions() -> set[str]:
    """Attributes of `customers` that tables with a customer_id can be split by."""
    customers = get_table("customers")
    return {c.name for c in customers.columns if c.kind is Kind.TEXT} - {"customer_id", "email"}


def _via_customers(table: str, dim: str) -> bool:
    columns = get_table(table).column_names
    return dim not in columns and "customer_id" in columns and dim in _customer_dimensions()


NOT_DIMENSIONS = frozenset({"email", "description"})  # text columns nobody splits by


def dimensions_of(catalog: Catalog, kpi: str) -> list[str]:
    """The dimensions every measure behind `kpi` can be split by, for pickers: text and
    yes/no columns of their tables and customer attributes through customer_id, without ids
    and free text (they can still be asked for by name)."""
    common: set[str] | None = None
    for name in catalog.measures_of(kpi):
        measure = catalog.get(name).measure
        assert measure is not None
        table = get_table(measure.table)
        dims = {c.name for c in table.columns if c.kind in (Kind.TEXT, Kind.BOOLEAN)}
        if "customer_id" in table.column_names:
            dims |= _customer_dimensions()
        common = dims if common is None else common & dims
    return sorted(d for d in common or () if not d.endswith("_id") and d not in NOT_DIMENSIONS)


def _check_dimensions(catalog: Catalog, spec: QuerySpec, kpis: Sequence[str]) -> None:
    wanted = list(dict.fromkeys([*spec.by, *(f.dimension for f in spec.where)]))
    for kpi in kpis:
        for name in catalog.measures_of(kpi):
            measure = catalog.get(name).measure
            assert measure is not None
            table = get_table(measure.table)
            for dim in wanted:
                if dim in table.column_names and table.column(dim).kind is not Kind.MONEY:
                    continue
                if _via_customers(table.name, dim) or dim.startswith(ATTRIBUTE):
                    continue
                every = sorted(
                    {
                        c.name
                        for m in catalog.kpis.values()
                        if m.measure is not None
                        for c in get_table(m.measure.table).columns
                        if c.kind in (Kind.TEXT, Kind.BOOLEAN)
                    }
                )
                if dim not in every:
                    close = get_close_matches(dim, every, n=3)
                    hint = f"; did you mean {', '.join(close)}?" if close else ""
                    raise UnknownDimension(f"unknown dimension {dim!r}{hint}")
                raise UnknownDimension(
                    f"{kpi} cannot be split by {dim!r}: {measure.table} (behind {name}) has no "
                    f"{dim} column"
                )


def _aggregate(
    backend: Any,
    group: list[Kpi],
    spec: QuerySpec,
    ctx: Context,
) -> Any:
    """One table's measures (same time column) at the query's keys."""
    measure = group[0].measure
    assert measure is not None
    spec_table = get_table(measure.table)
    t = backend.table(measure.table)
    dims = dict.fromkeys([*spec.by, *(f.dimension for f in spec.where)])
    extra = [d for d in dims if _via_customers(measure.table, d)]
    if extra:  # customer attributes (country, age band, ...) through customer_id
        customers = backend.table("customers").select("customer_id", *extra)
        t = t.left_join(customers, t.customer_id == customers.customer_id).select(
            t, *[customers[d] for d in extra]
        )
    time_column = spec_table.column(measure.time_column)
    t = t.mutate(_day=_day(t, time_column.name, time_column.kind, ctx.timezone))
    if not time_column.required:  # e.g. leads that never became MQLs have no mql_at
        t = t.filter(t["_day"].notnull())
    if spec.start is not None:
        t = t.filter(t["_day"] >= spec.start)
    if spec.end is not None:
        t = t.filter(t["_day"] <= spec.end)
    for f in spec.where:
        cond = _text(t, f.dimension).isin(list(f.values))
        t = t.filter(~cond if f.negate else cond)
    plain = [k for k in group if k.measure and k.measure.agg is not Agg.FIRST]
    firsts = [k for k in group if k.measure and k.measure.agg is Agg.FIRST]
    parts = []
    if plain and all(k.measure and k.measure.agg in PARTIAL for k in plain):
        # two steps: sums per day and stored dimension values (few rows), then periods and
        # labels on those, summed again; the period arithmetic runs once per day, not per row
        by_day = {"_day": t["_day"], **{name: _raw(t, name) for name in spec.by}}
        partial = {k.name: _measure_expr(t, k.measure) for k in plain if k.measure}
        days = t.aggregate(partial, by=[v.name(n) for n, v in by_day.items()])
        parts.append(_regroup(days, plain, spec, ctx))
        plain = []
    keys = _keys(t, spec, ctx)
    t = t.mutate(**keys)
    if plain:
        metrics = {k.name: _measure_expr(t, k.measure).cast("float64") for k in plain if k.measure}
        parts.append(t.aggregate(metrics, by=list(keys)) if keys else t.aggregate(metrics))
    for kpi in firsts:  # joins, not window functions: every Ibis backend runs them
        assert kpi.measure is not None
        first_day = t.aggregate(_first=t["_day"].min(), by=list(keys))
        joined = t.inner_join(first_day, list(keys)) if keys else t.cross_join(first_day)
        first = joined.filter(ibis._["_day"] == ibis._["_first"])
        metric = {kpi.name: _measure_expr(first, kpi.measure).cast("float64")}
        parts.append(first.aggregate(metric, by=list(keys)) if keys else first.aggregate(metric))
    return parts


# aggregates that can be taken per day first and combined afterwards, and how
PARTIAL = {Agg.SUM: "sum", Agg.COUNT: "sum", Agg.MIN: "min", Agg.MAX: "max"}


def _keys(
    table: Any, spec: QuerySpec, ctx: Context, column: Callable[[Any, str], Any] = _raw
) -> dict[str, Any]:
    """The query's keys over a table with `_day` and the dimension values (`column`)."""
    keys: dict[str, Any] = {}
    if spec.grain is not None:
        keys[PERIOD] = period_start_expr(table["_day"], spec.grain, ctx.calendar)
    for name in spec.by:
        keys[name] = _labelled(column(table, name), name, spec)
    return keys


def _regroup(days: Any, kpis: list[Kpi], spec: QuerySpec, ctx: Context) -> Any:
    """Per-day partial aggregates (dimension values in columns named after them) combined at
    the query's keys."""
    keys = _keys(days, spec, ctx, column=lambda table, name: table[name])
    days = days.mutate(**keys)
    metrics = {}
    for kpi in kpis:
        assert kpi.measure is not None
        column = days[kpi.name]
        combined = getattr(column, PARTIAL[kpi.measure.agg])()
        metrics[kpi.name] = combined.cast("float64")
    return days.aggregate(metrics, by=list(keys)) if keys else days.aggregate(metrics)


def _value(table: Any, measure: Measure) -> Any:
    if measure.expr is not None:
        return evaluate(measure.expr, lambda n: table[n], lambda a, b: a / b.nullif(0))
    assert measure.column is not None
    return table[measure.column]


def _measure_expr(table: Any, measure: Measure) -> Any:
    where = None
    if measure.filter is not None:
        where = evaluate(measure.filter, lambda n: table[n], lambda a, b: a / b)
    if measure.agg is Agg.COUNT:
        return (
            table.count(where=where)
            if measure.column is None
            else table[measure.column].count(where=where)
        )
    value = _value(table, measure)
    if measure.agg is Agg.COUNT_DISTINCT:
        return value.nunique(where=where)
    if measure.agg is Agg.MIN:
        return value.min(where=where)
    if measure.agg is Agg.MAX:
        return value.max(where=where)
    if value.type().is_integer() or value.type().is_decimal():
        return value.sum(where=where)  # exact, and faster than summing doubles
    return value.cast("float64").sum(where=where)


def compile_query(backend: Any, catalog: Catalog, spec: QuerySpec, ctx: Context) -> Any:
    """The Ibis table of the query: keys (period, dimensions) and one column per KPI."""
    for name in spec.kpis:
        catalog.get(name)
    _check_dimensions(catalog, spec, spec.kpis)
    measures = list(dict.fromkeys(m for k in spec.kpis for m in catalog.measures_of(k)))
    joined = _measures(backend, catalog, spec, ctx, measures)
    values: dict[str, Any] = {}

    def resolve(name: str) -> Any:
        if name in values:
            return values[name]
        kpi = catalog.get(name)
        if kpi.measure is not None:
            value = joined[name]
        else:
            assert kpi.formula is not None
            value = evaluate(kpi.formula, resolve, lambda a, b: a / _nonzero(b))
        values[name] = value
        return value

    keys = spec.keys
    result = joined.select(*keys, **{k: resolve(k).cast("float64") for k in spec.kpis})
    return result.order_by(keys) if keys else result


def _measures(
    backend: Any, catalog: Catalog, spec: QuerySpec, ctx: Context, measures: list[str]
) -> Any:
    """The measures at the query's keys, shared costs allocated."""
    shared = {
        name: by
        for name in measures
        if (by := getattr(catalog.get(name).measure, "allocate_by", None))
    }
    filtered = tuple(dict.fromkeys(f.dimension for f in spec.where if f.dimension not in spec.by))
    moved = [m for m in measures if m in shared or m in shared.values()]
    additive = all(
        catalog.get(m).measure.agg in (Agg.SUM, Agg.COUNT)  # type: ignore[union-attr]
        for m in moved
    )
    if shared and filtered and additive:
        # a filter on a dimension means the same as splitting by it and keeping its groups:
        # shared costs are allocated over its values first, then the groups are filtered
        split = replace(
            spec,
            by=spec.by + filtered,
            where=tuple(f for f in spec.where if f.dimension in spec.by),
        )
        t = _measures(backend, catalog, split, ctx, moved)
        for f in spec.where:
            if f.dimension in filtered:
                cond = t[f.dimension].isin(list(f.values))
                t = t.filter(~cond if f.negate else cond)
        sums = {m: t[m].sum() for m in moved}
        keys = spec.keys
        parts = [t.aggregate(sums, by=keys) if keys else t.aggregate(sums)]
        rest = [m for m in measures if m not in moved]
        if rest:
            parts.append(_measures(backend, catalog, spec, ctx, rest))
        return _joined(parts, spec.keys, measures)
    groups: dict[tuple[str, str], list[Kpi]] = {}
    for name in measures:
        kpi = catalog.get(name)
        assert kpi.measure is not None
        groups.setdefault((kpi.measure.table, kpi.measure.time_column), []).append(kpi)
    parts = [p for group in groups.values() for p in _aggregate(backend, group, spec, ctx)]
    return _allocate(_joined(parts, spec.keys, measures), catalog, measures, spec)


def _joined(parts: list[Any], keys: list[str], measures: list[str]) -> Any:
    """Parts with the same keys side by side: a spine of every key, left joins (no fan-out),
    missing measures 0."""
    if keys:
        spine = ibis.union(*(p.select(keys) for p in parts), distinct=True)
        joined = spine
        for part in parts:
            joined = joined.left_join(part, keys).select(
                *[joined[c] for c in joined.columns],
                *[part[c] for c in part.columns if c not in keys],
            )
    else:
        joined = parts[0]
        for part in parts[1:]:
            joined = joined.cross_join(part)
    zero = ibis.literal(0.0)
    return joined.mutate(**{m: joined[m].fill_null(zero) for m in measures})


def _nonzero(value: Any) -> Any:
    if isinstance(value, (int, float)):
        return ibis.literal(value) if value else ibis.null("float64")
    return value.nullif(0)


def _allocate(joined: Any, catalog: Catalog, measures: list[str], spec: QuerySpec) -> Any:
    """Spread amounts of rows lacking the queried dimensions (all '') over the groups of the
    same period, in proportion to the `allocate_by` measure; kept where that is all zero."""
    allocated = {
        name: by
        for name in measures
        if (by := getattr(catalog.get(name).measure, "allocate_by", None))
    }
    if not spec.by or not allocated:
        return joined
    period = [PERIOD] if spec.grain else []

    def unallocated(table: Any) -> Any:
        return ibis.and_(*(table[d] == "" for d in spec.by))

    for name, by in allocated.items():
        sums = {
            "_pool": unallocated(joined).ifelse(joined[name], 0.0).sum(),
            "_total": joined[by].sum(),
        }
        if period:
            joined = joined.left_join(joined.aggregate(sums, by=period), period)
            joined = joined.drop(*[c for c in joined.columns if c.endswith("_right")])
        else:
            joined = joined.cross_join(joined.aggregate(sums))
        own = unallocated(joined).ifelse(0.0, joined[name])
        share = joined["_pool"] * joined[by] / joined["_total"].nullif(0)
        spread = (joined["_total"] > 0).ifelse(own + share, joined[name])
        joined = joined.mutate(**{name: spread}).drop("_pool", "_total")
    empty = ibis.and_(*(joined[m] == 0 for m in measures))
    return joined.filter(~(unallocated(joined) & empty))
