"""The analytics warehouse of a workspace: one DuckDB file, reached through Ibis for queries."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb

from mpm.errors import UserError
from mpm.warehouse.schema import all_ddl, upgrade_layout


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Commit the block's statements together, or roll all of them back (also on ^C)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


class Warehouse:
    """An open DuckDB warehouse file with the canonical schema in place."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.con = duckdb.connect(str(path), read_only=read_only and path.exists())
        except duckdb.IOException as exc:
            if "lock" in str(exc).lower():
                raise UserError(
                    f"the warehouse {path} is in use by another mpm process "
                    "(a running server or import); wait for it or stop it and try again"
                ) from exc
            raise
        if not read_only:
            self._create_schema()

    def _create_schema(self) -> None:
        """Create missing canonical tables, in one transaction (one fsync instead of dozens)."""
        with transaction(self.con):
            upgrade_layout(self.con)
            for statement in all_ddl():
                self.con.execute(statement)

    def ibis(self) -> Any:
        """An Ibis backend over the same connection (queries, never string-built SQL)."""
        import ibis  # imported on use: it takes a second, and most commands never query

        return ibis.duckdb.from_connection(self.con)

    def close(self) -> None:
        self.con.close()


@contextmanager
def open_warehouse(path: Path, *, read_only: bool = False) -> Iterator[Warehouse]:
    warehouse = Warehouse(path, read_only=read_only)
    try:
        yield warehouse
    finally:
        warehouse.close()


def connect_query_only(url: str) -> Any:
    """An Ibis backend for MPM_WAREHOUSE_URL (e.g. duckdb:///path, postgres://...): queries only;
    imports always go to the workspace's DuckDB file, where loads are atomic."""
    import ibis

    try:
        return ibis.connect(url)
    except Exception as exc:  # ibis raises backend-specific errors for bad URLs
        raise UserError(f"cannot connect to MPM_WAREHOUSE_URL {url!r}: {exc}") from exc
