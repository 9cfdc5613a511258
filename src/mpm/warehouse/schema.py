"""Warehouse DDL generated from the canonical model: tables, their replaced-row history, commits."""

from __future__ import annotations

from mpm.model.tables import TABLES, Table


def quote(identifier: str) -> str:
    """A DuckDB identifier, quoted so any column name from a file is safe in SQL."""
    return '"' + identifier.replace('"', '""') + '"'


def history_table(table: str) -> str:
    """Rows a load replaced or deleted, kept so the load can be reverted."""
    return f"_replaced_{table}"


def table_ddl(table: Table) -> list[str]:
    cols = ", ".join(f"{quote(n)} {t}" for n, t in table.stored_columns)
    return [
        f"CREATE TABLE IF NOT EXISTS {quote(table.name)} ({cols})",
        f"CREATE TABLE IF NOT EXISTS {quote(history_table(table.name))} "
        f"({cols}, _replaced_by BIGINT)",
    ]


COMMITS_DDL = (
    "CREATE TABLE IF NOT EXISTS _load_commits ("
    "load_id BIGINT PRIMARY KEY, table_name VARCHAR, committed_at TIMESTAMP, "
    "reverted_at TIMESTAMP)"
)


def all_ddl() -> list[str]:
    statements = [COMMITS_DDL]
    for table in TABLES.values():
        statements += table_ddl(table)
    return statements
