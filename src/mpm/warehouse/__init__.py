"""Storage of analytics data: one DuckDB warehouse per workspace, reached through Ibis."""

from mpm.warehouse.connection import (
    SharedWarehouses,
    Warehouse,
    connect_query_only,
    open_warehouse,
    transaction,
)
from mpm.warehouse.schema import quote, rows_table
from mpm.warehouse.stats import TableStats, table_stats

__all__ = [
    "SharedWarehouses",
    "TableStats",
    "Warehouse",
    "connect_query_only",
    "open_warehouse",
    "quote",
    "rows_table",
    "table_stats",
    "transaction",
]
