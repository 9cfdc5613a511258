"""Write a staged file into the warehouse atomically, and undo a load.

One DuckDB transaction marks the rows a load replaces (`_replaced_by`, so they leave the
canonical view but stay for a revert), inserts the new rows and records the commit in
`_load_commits`. A process killed midway leaves the warehouse as it was: DuckDB discards the
uncommitted transaction on the next open.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import duckdb

from mpm.errors import UserError
from mpm.ingest.conform import FINAL
from mpm.ingest.readers import rejected_rows
from mpm.ingest.sql import literal, scalar
from mpm.ingest.validation import GUARD_ERROR, NEW_KEYS
from mpm.model.tables import TABLES, LoadMode, Table
from mpm.warehouse import quote, rows_table, transaction


@dataclass(frozen=True)
class LoadCounts:
    inserted: int
    replaced: int
    deleted: int


def _scope(table: Table, source: str, accounts: list[str], first: date, last: date) -> str:
    """Rows of the warehouse table that this load supersedes (alias `t`)."""
    if table.mode is LoadMode.PARTITION:
        day = f"CAST(t.{quote(table.date_column)} AS DATE)"
        scope = f"t._source = {literal(source)} AND {day} BETWEEN DATE '{first}' AND DATE '{last}'"
        if table.has_account:
            scope += f" AND t.account IN ({', '.join(literal(a) for a in accounts) or 'NULL'})"
        return scope
    keys = " AND ".join(
        f"s.{quote(k)} IS NOT DISTINCT FROM t.{quote(k)}" for k in table.natural_key
    )
    return f"EXISTS (SELECT 1 FROM {FINAL} s WHERE {keys})"


def write(
    con: duckdb.DuckDBPyConnection,
    *,
    table: Table,
    load_id: int,
    source: str,
    accounts: list[str],
    first: date,
    last: date,
    insert_select: str,
) -> LoadCounts:
    """Replace the load's scope with the rows of `insert_select`, in one transaction."""
    rows = quote(rows_table(table.name))
    columns = [c for c, _ in table.stored_columns if not c.startswith("_")]
    column_list = ", ".join(quote(c) for c in columns)
    scope = _scope(table, source, accounts, first, last)
    key_hash = f"hash({', '.join(quote(k) for k in table.natural_key)})"
    with transaction(con):
        superseded = scalar(
            con,
            f"UPDATE {rows} AS t SET _replaced_by = {load_id} "
            f"WHERE t._replaced_by IS NULL AND {scope}",
        )
        replaced = 0
        if superseded:
            replaced = scalar(
                con,
                f"SELECT count(*) FROM {rows} WHERE _replaced_by = {load_id} AND {key_hash} "
                f"IN (SELECT h FROM {NEW_KEYS})",
            )
        inserted = scalar(
            con,
            f"INSERT INTO {rows} ({column_list}, _source, _loaded_at, _load_id) "
            f"SELECT {column_list}, {literal(source)}, now()::TIMESTAMP, {load_id} "
            f"FROM ({insert_select})",
        )
        _record_commit(con, load_id, table)
    return LoadCounts(
        inserted=inserted - replaced, replaced=replaced, deleted=superseded - replaced
    )


@dataclass(frozen=True)
class DirectLoad:
    """What a load that read the file once wrote."""

    counts: LoadCounts
    rows: int
    min_date: date
    max_date: date


class NotDirect(Exception):
    """The file needs the staged path: a row broke a rule, the typed reader rejected a cell,
    keys repeat, an amount needs an exchange rate, or there are no rows. Nothing was written."""


def write_direct(
    con: duckdb.DuckDBPyConnection,
    *,
    table: Table,
    load_id: int,
    source: str,
    select: str,
) -> DirectLoad:
    """Insert the rows of `select` (which reads the file), then check what needs all of them
    (duplicate keys), then mark the rows they replace: one transaction, one pass over the
    file. Raises NotDirect, with the transaction rolled back, when the file needs `stage`."""
    rows = quote(rows_table(table.name))
    columns = [c for c, _ in table.stored_columns if not c.startswith("_")]
    column_list = ", ".join(quote(c) for c in columns)
    keys = ", ".join(quote(k) for k in table.natural_key)
    day = f"CAST({quote(table.date_column)} AS DATE)"
    accounts = "list(DISTINCT account ORDER BY account)" if table.has_account else "[]"
    new = f"_load_id = {load_id}"
    with transaction(con):
        try:
            inserted = scalar(
                con,
                f"INSERT INTO {rows} ({column_list}, _source, _loaded_at, _load_id) "
                f"SELECT {column_list}, {literal(source)}, now()::TIMESTAMP, {load_id} "
                f"FROM ({select})",
            )
        except duckdb.Error as exc:
            if GUARD_ERROR in str(exc):
                raise NotDirect from exc
            raise
        if not inserted or rejected_rows(con):
            raise NotDirect
        repeats, first, last, account_list = con.execute(
            f"SELECT count(*) - count(DISTINCT hash({keys})), min({day}), max({day}), "
            f"{accounts} FROM {rows} WHERE {new}"
        ).fetchone() or (0, None, None, [])
        if repeats or first is None or last is None:
            raise NotDirect  # (the staged path tells duplicates from a shared 64-bit hash)
        if table.mode is LoadMode.PARTITION:
            scope = _scope(table, source, list(account_list), first, last)
        else:
            match = " AND ".join(
                f"s.{quote(k)} IS NOT DISTINCT FROM t.{quote(k)}" for k in table.natural_key
            )
            scope = f"EXISTS (SELECT 1 FROM {rows} s WHERE s.{new} AND {match})"
        superseded = scalar(
            con,
            f"UPDATE {rows} AS t SET _replaced_by = {load_id} "
            f"WHERE t._replaced_by IS NULL AND t._load_id <> {load_id} AND {scope}",
        )
        replaced = 0
        if superseded:
            replaced = scalar(
                con,
                f"SELECT count(*) FROM {rows} WHERE _replaced_by = {load_id} AND hash({keys}) "
                f"IN (SELECT hash({keys}) FROM {rows} WHERE {new})",
            )
        _record_commit(con, load_id, table)
    counts = LoadCounts(
        inserted=inserted - replaced, replaced=replaced, deleted=superseded - replaced
    )
    return DirectLoad(counts, inserted, first, last)


def _record_commit(con: duckdb.DuckDBPyConnection, load_id: int, table: Table) -> None:
    con.execute(
        "INSERT INTO _load_commits VALUES (?, ?, now()::TIMESTAMP, NULL)", [load_id, table.name]
    )


def committed(con: duckdb.DuckDBPyConnection, load_id: int) -> tuple[bool, bool]:
    """(committed, reverted) as the warehouse knows it."""
    row = con.execute(
        "SELECT reverted_at IS NOT NULL FROM _load_commits WHERE load_id = ?", [load_id]
    ).fetchone()
    return (row is not None, bool(row[0]) if row else False)


def revert(con: duckdb.DuckDBPyConnection, *, table: Table, load_id: int) -> LoadCounts:
    """Undo a load: drop its rows and bring back the rows it replaced, in one transaction."""
    rows = quote(rows_table(table.name))
    is_committed, is_reverted = committed(con, load_id)
    if not is_committed:
        raise UserError(f"load {load_id} never reached the warehouse; nothing to revert")
    if is_reverted:
        raise UserError(f"load {load_id} is already reverted")
    later = con.execute(
        f"SELECT DISTINCT _replaced_by FROM {rows} "
        "WHERE _load_id = ? AND _replaced_by IS NOT NULL ORDER BY 1",
        [load_id],
    ).fetchall()
    if later:
        ids = ", ".join(str(r[0]) for r in later)
        raise UserError(
            f"rows of load {load_id} were since replaced by load {ids}; revert that first"
        )
    with transaction(con):
        removed = scalar(con, f"DELETE FROM {rows} WHERE _load_id = {load_id}")
        restored = scalar(
            con, f"UPDATE {rows} SET _replaced_by = NULL WHERE _replaced_by = {load_id}"
        )
        con.execute(
            "UPDATE _load_commits SET reverted_at = now()::TIMESTAMP WHERE load_id = ?", [load_id]
        )
    return LoadCounts(inserted=restored, replaced=0, deleted=removed)


def clear_source(con: duckdb.DuckDBPyConnection, source: str) -> int:
    """Delete every row of one source from all tables, history included (demo reset)."""
    removed = 0
    with transaction(con):
        for name in TABLES:
            removed += scalar(
                con,
                f"DELETE FROM {quote(rows_table(name))} WHERE _source = {literal(source)} "
                "AND _replaced_by IS NULL",
            )
            con.execute(f"DELETE FROM {quote(rows_table(name))} WHERE _source = {literal(source)}")
    return removed
