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
from mpm.ingest.conform import FINAL, same_keys
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

    @classmethod
    def of(cls, written: int, superseded: int, replaced: int) -> LoadCounts:
        """From rows written, rows they superseded, and how many of those had a new twin."""
        return cls(inserted=written - replaced, replaced=replaced, deleted=superseded - replaced)


def _key_hash(table: Table, alias: str = "") -> str:
    return f"hash({', '.join(alias + quote(k) for k in table.natural_key)})"


def _scope(
    table: Table, source: str, accounts: list[str], first: date, last: date, new_rows: str
) -> str:
    """Rows of the warehouse table that this load supersedes (alias `t`): its partition, or
    (entity tables) the rows sharing a natural key with `new_rows`."""
    if table.mode is LoadMode.PARTITION:
        day = f"CAST(t.{quote(table.date_column)} AS DATE)"
        scope = f"t._source = {literal(source)} AND {day} BETWEEN DATE '{first}' AND DATE '{last}'"
        if table.has_account:
            scope += f" AND t.account IN ({', '.join(literal(a) for a in accounts) or 'NULL'})"
        return scope
    return f"EXISTS (SELECT 1 FROM {new_rows} s WHERE {same_keys('t', table.natural_key)})"


def _insert(
    con: duckdb.DuckDBPyConnection, table: Table, load_id: int, source: str, select: str
) -> int:
    """Insert the stored columns of `select` as rows of load `load_id`; the count."""
    columns = ", ".join(quote(c) for c, _ in table.stored_columns if not c.startswith("_"))
    return scalar(
        con,
        f"INSERT INTO {quote(rows_table(table.name))} ({columns}, _source, _loaded_at, _load_id) "
        f"SELECT {columns}, {literal(source)}, now()::TIMESTAMP, {load_id} FROM ({select})",
    )


def _supersede(
    con: duckdb.DuckDBPyConnection, table: Table, load_id: int, scope: str, new_hashes: str
) -> tuple[int, int]:
    """Mark the rows in `scope` as replaced by load `load_id`: (marked, those whose key hash is
    among `new_hashes`, i.e. replaced rather than deleted)."""
    rows = quote(rows_table(table.name))
    superseded = scalar(
        con,
        f"UPDATE {rows} AS t SET _replaced_by = {load_id} "
        f"WHERE t._replaced_by IS NULL AND t._load_id <> {load_id} AND {scope}",
    )
    if not superseded:
        return 0, 0
    replaced = scalar(
        con,
        f"SELECT count(*) FROM {rows} WHERE _replaced_by = {load_id} "
        f"AND {_key_hash(table)} IN ({new_hashes})",
    )
    return superseded, replaced


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
    """Replace the load's scope with the rows of `insert_select` (staged in `_final`, key
    hashes in `_new_keys`), in one transaction."""
    scope = _scope(table, source, accounts, first, last, FINAL)
    with transaction(con):
        superseded, replaced = _supersede(con, table, load_id, scope, f"SELECT h FROM {NEW_KEYS}")
        written = _insert(con, table, load_id, source, insert_select)
        _record_commit(con, load_id, table)
    return LoadCounts.of(written, superseded, replaced)


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
    new_rows = f"(SELECT * FROM {quote(rows_table(table.name))} WHERE _load_id = {load_id})"
    day = f"CAST({quote(table.date_column)} AS DATE)"
    accounts = "list(DISTINCT account ORDER BY account)" if table.has_account else "[]"
    with transaction(con):
        try:
            written = _insert(con, table, load_id, source, select)
        except duckdb.Error as exc:
            if GUARD_ERROR in str(exc):
                raise NotDirect from exc
            raise
        if not written or rejected_rows(con):
            raise NotDirect
        repeats, first, last, account_list = con.execute(
            f"SELECT count(*) - count(DISTINCT {_key_hash(table)}), min({day}), max({day}), "
            f"{accounts} FROM {new_rows}"
        ).fetchone() or (0, None, None, [])
        if repeats or first is None or last is None:
            raise NotDirect  # (the staged path tells duplicates from a shared 64-bit hash)
        scope = _scope(table, source, list(account_list), first, last, new_rows)
        superseded, replaced = _supersede(
            con, table, load_id, scope, f"SELECT {_key_hash(table)} FROM {new_rows}"
        )
        _record_commit(con, load_id, table)
    return DirectLoad(LoadCounts.of(written, superseded, replaced), written, first, last)


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
