"""Pure data definitions: canonical tables, column kinds, currencies, channel grouping."""

from mpm.model.currencies import CURRENCIES
from mpm.model.tables import PLATFORMS, TABLES, Column, Kind, LoadMode, Table, get_table

__all__ = ["CURRENCIES", "PLATFORMS", "TABLES", "Column", "Kind", "LoadMode", "Table", "get_table"]
