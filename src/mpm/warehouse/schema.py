"""Warehouse DDL generated from the canonical model: stored rows, the views over them, commits.

Each canonical table keeps its rows in `_rows_<table>`, together with the rows that later
loads replaced (`_replaced_by` names that load), so any load can be reverted exactly. The
canonical name is a view of the current rows only; readers never see the history.
"""

from __future__ import annotations

import duckdb

from mpm.model.tables import TABLES, Table


def quote(identifier: str) -> str:
    """A DuckDB identifier, quoted so any column name from a file is safe in SQL."""
    return '"' + identifier.replace('"', '""') + '"'


def rows_table(table: str) -> str:
    """Where a canonical table's rows are stored, current and replaced."""
    return f"_rows_{table}"


def table_ddl(table: Table) -> list[str]:
    """The stored rows and the canonical view. `<money>_base` is stored only for amounts in
    another currency (NULL: the amount is in the base currency); the view fills it in."""
    cols = ", ".join(f"{quote(n)} {t}" for n, t in table.stored_columns)
    rows = quote(rows_table(table.name))
    bases = ", ".join(
        f"coalesce({quote(m + '_base')}, {quote(m)}) AS {quote(m + '_base')}"
        for m in table.money_columns
    )
    replace = f" REPLACE ({bases})" if bases else ""
    return [
        f"CREATE TABLE IF NOT EXISTS {rows} ({cols}, _replaced_by BIGINT)",
        f"CREATE VIEW IF NOT EXISTS {quote(table.name)} AS "
        f"SELECT * EXCLUDE (_replaced_by){replace} FROM {rows} WHERE _replaced_by IS NULL",
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


def upgrade_layout(con: duckdb.DuckDBPyConnection) -> None:
    """Bring a warehouse of the first layout (canonical tables plus `_replaced_<table>`
    history tables) to the current one, keeping every row and its history."""
    old = {
        r[0]
        for r in con.execute(
            "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"
        ).fetchall()
    }
    for name in TABLES:
        if name not in old:
            continue
        rows, history = quote(rows_table(name)), quote(f"_replaced_{name}")
        con.execute(f"ALTER TABLE {quote(name)} RENAME TO {rows}")
        con.execute(f"ALTER TABLE {rows} ADD COLUMN _replaced_by BIGINT")
        if f"_replaced_{name}" in old:
            con.execute(f"INSERT INTO {rows} SELECT * FROM {history}")
            con.execute(f"DROP TABLE {history}")
