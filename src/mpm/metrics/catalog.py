"""The KPI catalog: built-in definitions shipped as YAML, plus a workspace's `metrics/*.yml`.

A KPI is data (MetricFlow- and Lightdash-style): a `measure` aggregates one column of one
canonical table (sum, count, count of distinct values, first value of the period) with an
optional filter, or a `formula` combines other KPIs. Formulas are evaluated on the measures'
sums at the query's grain, so every rate is a ratio of sums.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from difflib import get_close_matches
from enum import StrEnum
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

from mpm.errors import UserError
from mpm.metrics.formula import Formula, FormulaError, parse
from mpm.model.tables import TABLES, Kind, get_table


class Unit(StrEnum):
    COUNT = "count"
    CURRENCY = "currency"
    PERCENT = "percent"
    RATIO = "ratio"
    SECONDS = "seconds"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"
    NONE = "none"


class Agg(StrEnum):
    SUM = "sum"
    COUNT = "count"
    COUNT_DISTINCT = "count_distinct"
    MIN = "min"
    MAX = "max"
    FIRST = "first"  # value on the first day of each group, summed over the rest (stocks)


class UnknownMetric(UserError):
    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown KPI {name!r}{hint} (see `mpm metrics list`)")
        self.name = name
        self.suggestions = suggestions


class CatalogError(UserError):
    """A KPI definition that cannot be used, with the file and line it came from."""


@dataclass(frozen=True)
class Measure:
    table: str
    agg: Agg
    column: str | None = None
    expr: Formula | None = None
    filter: Formula | None = None
    time: str | None = None  # time column; the table's own by default
    allocate_by: str | None = None  # KPI that spreads rows lacking the queried dimensions

    @property
    def time_column(self) -> str:
        return self.time or get_table(self.table).date_column

    @property
    def columns(self) -> set[str]:
        used = {self.time_column}
        if self.column:
            used.add(self.column)
        for formula in (self.expr, self.filter):
            if formula is not None:
                used |= set(formula.names)
        return used


@dataclass(frozen=True)
class Kpi:
    name: str
    label: str
    description: str
    unit: Unit
    direction: Direction
    measure: Measure | None = None
    formula: Formula | None = None
    origin: str = "built-in"  # file:line


@dataclass(frozen=True)
class Catalog:
    kpis: dict[str, Kpi]

    def get(self, name: str) -> Kpi:
        if name not in self.kpis:
            raise UnknownMetric(name, get_close_matches(name, list(self.kpis), n=3, cutoff=0.5))
        return self.kpis[name]

    def measures_of(self, name: str) -> list[str]:
        """The measure KPIs a KPI is computed from, in order of first use."""
        out: dict[str, None] = {}

        def walk(kpi: Kpi) -> None:
            if kpi.measure is not None:
                out.setdefault(kpi.name, None)
                if kpi.measure.allocate_by:
                    walk(self.get(kpi.measure.allocate_by))
                return
            assert kpi.formula is not None
            for used in kpi.formula.names:
                walk(self.get(used))

        walk(self.get(name))
        return list(out)


_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when installed: 10× faster


class _LineLoader(_SafeLoader):  # type: ignore[misc,valid-type]
    """Keeps the line of each mapping, so errors can point at the definition."""


def _mapping_with_line(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    mapping: dict[str, Any] = {
        str(k): v for k, v in loader.construct_mapping(node, deep=True).items()
    }
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def _read(text: str, origin: str) -> list[dict[str, Any]]:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as exc:
        raise CatalogError(f"{origin}: not valid YAML: {exc}") from exc
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("kpis"), list):
        raise CatalogError(f"{origin}: expected a mapping with a list under 'kpis'")
    return data["kpis"]


FIELDS = {"name", "label", "description", "unit", "direction", "measure", "formula", "__line__"}
MEASURE_FIELDS = {"table", "agg", "column", "expr", "filter", "time", "allocate_by", "__line__"}


def _definition(raw: Any, origin: str) -> Kpi:
    if not isinstance(raw, dict):
        raise CatalogError(f"{origin}: each KPI is a mapping with name, unit, measure or formula")
    where = f"{origin}:{raw.get('__line__', '?')}"
    unknown = set(raw) - FIELDS
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    name = raw.get("name")
    if not isinstance(name, str) or not name.isidentifier():
        raise CatalogError(f"{where}: 'name' must be a word of letters, digits and _")
    try:
        unit = Unit(raw.get("unit", "count"))
        direction = Direction(raw.get("direction", "higher"))
    except ValueError as exc:
        raise CatalogError(
            f"{where}: {name}: {exc} (units: {', '.join(Unit)}; directions: {', '.join(Direction)})"
        ) from exc
    has_measure, has_formula = "measure" in raw, "formula" in raw
    if has_measure == has_formula:
        raise CatalogError(f"{where}: {name}: give exactly one of 'measure' or 'formula'")
    try:
        measure = _measure(raw["measure"], where, name) if has_measure else None
        formula = parse(str(raw["formula"])) if has_formula else None
    except FormulaError as exc:
        raise CatalogError(f"{where}: {name}: {exc}") from exc
    return Kpi(
        name=name,
        label=str(raw.get("label") or name),
        description=str(raw.get("description") or ""),
        unit=unit,
        direction=direction,
        measure=measure,
        formula=formula,
        origin=where,
    )


def _measure(raw: Any, where: str, name: str) -> Measure:
    if not isinstance(raw, dict):
        raise CatalogError(f"{where}: {name}: 'measure' is a mapping with table, agg, column")
    unknown = set(raw) - MEASURE_FIELDS
    if unknown:
        raise CatalogError(
            f"{where}: {name}: unknown measure field(s) {', '.join(sorted(unknown))}"
        )
    try:
        agg = Agg(raw.get("agg", "sum"))
    except ValueError as exc:
        raise CatalogError(f"{where}: {name}: {exc} (aggregations: {', '.join(Agg)})") from exc
    table = raw.get("table")
    if table not in TABLES:
        close = get_close_matches(str(table), list(TABLES), n=2)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise CatalogError(f"{where}: {name}: unknown table {table!r}{hint}")
    return Measure(
        table=table,
        agg=agg,
        column=raw.get("column"),
        expr=parse(str(raw["expr"])) if "expr" in raw else None,
        filter=parse(str(raw["filter"]), condition=True) if "filter" in raw else None,
        time=raw.get("time"),
        allocate_by=raw.get("allocate_by"),
    )


BUILT_IN = "mpm/metrics/data/kpis.yml"


@cache
def _built_ins() -> dict[str, Kpi]:
    """The shipped KPIs, parsed once per process (Kpi values are immutable)."""
    text = files("mpm.metrics").joinpath("data/kpis.yml").read_text(encoding="utf-8")
    return _parse_file(text, BUILT_IN)


def _parse_file(text: str, origin: str) -> dict[str, Kpi]:
    kpis: dict[str, Kpi] = {}
    for raw in _read(text, origin):
        kpi = _definition(raw, origin)
        if kpi.name in kpis:
            raise CatalogError(f"{kpi.origin}: {kpi.name} is defined twice in {origin}")
        kpis[kpi.name] = kpi
    return kpis


def load_catalog(metrics_dir: Path | None = None, *, strict: bool = True) -> Catalog:
    """Built-ins, then the workspace's `metrics/*.yml` in name order (a user KPI may replace
    a built-in of the same name). Raises CatalogError on the first unusable definition, and
    (when `strict`) on the first problem `check` finds."""
    kpis = dict(_built_ins())
    if metrics_dir is not None and metrics_dir.is_dir():
        for path in sorted(metrics_dir.glob("*.yml")):
            kpis |= _parse_file(path.read_text(encoding="utf-8"), str(path))
    catalog = Catalog(kpis)
    problems = check(catalog) if strict else []
    if problems:
        raise CatalogError(
            problems[0]
            + (
                f" (and {len(problems) - 1} more; run `mpm metrics check`)"
                if len(problems) > 1
                else ""
            )
        )
    return catalog


# units as powers of base quantities: counts are dimensionless, rates too
_DIMENSION = {
    Unit.CURRENCY: {"currency": 1},
    Unit.SECONDS: {"seconds": 1},
    Unit.COUNT: {},
    Unit.PERCENT: {},
    Unit.RATIO: {},
}


def check(catalog: Catalog) -> list[str]:
    """Every problem of the catalog: unknown tables and columns, unknown KPIs in formulas,
    cycles, and units that do not follow from the formula (each with file and line)."""
    problems: list[str] = []
    for kpi in catalog.kpis.values():
        if kpi.measure is not None:
            problems += _check_measure(catalog, kpi)
    for kpi in catalog.kpis.values():
        if kpi.formula is None:
            continue
        missing = [n for n in kpi.formula.names if n not in catalog.kpis]
        for name in missing:
            close = get_close_matches(name, list(catalog.kpis), n=2)
            hint = f"; did you mean {', '.join(close)}?" if close else ""
            problems.append(f"{kpi.origin}: {kpi.name}: unknown KPI {name!r} in formula{hint}")
        if missing:
            continue
        cycle = _cycle(catalog, kpi.name, [])
        if cycle:
            problems.append(
                f"{kpi.origin}: {kpi.name}: formula refers to itself ({' → '.join(cycle)})"
            )
            continue
        problems += _check_units(catalog, kpi)
    return problems


def _check_measure(catalog: Catalog, kpi: Kpi) -> list[str]:
    measure = kpi.measure
    assert measure is not None
    table = get_table(measure.table)
    stored = {n for n, _ in table.stored_columns}
    out = []
    for column in sorted(measure.columns - stored):
        close = get_close_matches(column, sorted(stored), n=2)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        out.append(f"{kpi.origin}: {kpi.name}: {measure.table} has no column {column!r}{hint}")
    if measure.agg not in (Agg.COUNT,) and not measure.column and measure.expr is None:
        out.append(f"{kpi.origin}: {kpi.name}: agg {measure.agg} needs a column or expr")
    if measure.allocate_by and measure.allocate_by not in catalog.kpis:
        out.append(
            f"{kpi.origin}: {kpi.name}: allocate_by names unknown KPI {measure.allocate_by!r}"
        )
    money = {c.name for c in table.columns if c.kind is Kind.MONEY}
    money |= {f"{m}_base" for m in money}
    if measure.agg in (Agg.SUM, Agg.MIN, Agg.MAX, Agg.FIRST) and measure.column:
        is_money = measure.column in money
        if is_money != (kpi.unit is Unit.CURRENCY):
            kind = "an amount" if is_money else "not an amount"
            out.append(
                f"{kpi.origin}: {kpi.name}: unit {kpi.unit} does not fit {measure.table}."
                f"{measure.column}, which is {kind}"
            )
    return out


def _cycle(catalog: Catalog, name: str, path: list[str]) -> list[str]:
    if name in path:
        return [*path[path.index(name) :], name]
    kpi = catalog.kpis.get(name)
    if kpi is None or kpi.formula is None:
        return []
    for used in kpi.formula.names:
        found = _cycle(catalog, used, [*path, name])
        if found:
            return found
    return []


def _check_units(catalog: Catalog, kpi: Kpi) -> list[str]:
    assert kpi.formula is not None

    def dims(node: ast.expr) -> dict[str, int] | None:
        if isinstance(node, ast.Name):
            return dict(_DIMENSION[catalog.kpis[node.id].unit])
        if isinstance(node, ast.Constant):
            return {}
        if isinstance(node, ast.UnaryOp):
            return dims(node.operand)
        if isinstance(node, ast.BinOp):
            left, right = dims(node.left), dims(node.right)
            if left is None or right is None:
                return None
            if isinstance(node.op, (ast.Add, ast.Sub)):
                return left if left == right else None
            sign = 1 if isinstance(node.op, ast.Mult) else -1
            out = dict(left)
            for key, power in right.items():
                out[key] = out.get(key, 0) + sign * power
            return {k: v for k, v in out.items() if v}
        return None

    found = dims(kpi.formula.tree)
    if found is None:
        return [f"{kpi.origin}: {kpi.name}: formula adds or subtracts KPIs of different units"]
    if found != _DIMENSION[kpi.unit]:
        shown = " · ".join(f"{k}^{v}" for k, v in found.items()) or "a pure number"
        return [f"{kpi.origin}: {kpi.name}: unit {kpi.unit} does not fit the formula ({shown})"]
    return []
