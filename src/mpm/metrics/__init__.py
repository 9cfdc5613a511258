"""KPIs: the catalog (built-in and workspace YAML) and the query compiler to Ibis."""

from mpm.metrics.catalog import (
    Catalog,
    CatalogError,
    Direction,
    Kpi,
    Unit,
    UnknownMetric,
    check,
    load_catalog,
)
from mpm.metrics.compiler import (
    Filter,
    QuerySpec,
    UnknownDimension,
    compile_query,
    dimensions_of,
)
from mpm.metrics.periods import Calendar, Compare, Grain
from mpm.metrics.service import compiled_sql, query, workspace_catalog

__all__ = [
    "Calendar",
    "Catalog",
    "CatalogError",
    "Compare",
    "Direction",
    "Filter",
    "Grain",
    "Kpi",
    "QuerySpec",
    "Unit",
    "UnknownDimension",
    "UnknownMetric",
    "check",
    "compile_query",
    "compiled_sql",
    "dimensions_of",
    "load_catalog",
    "query",
    "workspace_catalog",
]
