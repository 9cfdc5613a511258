"""The analytics warehouse of a workspace: one DuckDB file, reached through Ibis for queries."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import duckdb

from mpm.errors import Conflict, UserError
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


LOCK_WAIT_SECONDS = 15.0
"""How long a command waits for another process (a server, an import) to release a warehouse."""


def _lock_holder(exc: Exception) -> str:
    """The process DuckDB says holds the file, for the message: 'PID 1234' or 'another'."""
    found = re.search(r"PID (\d+)", str(exc))
    return f"process {found.group(1)}" if found else "another process"


def _connect(path: Path, *, read_only: bool) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting up to LOCK_WAIT_SECONDS while another process holds it."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    pause = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only and path.exists())
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise
            if time.monotonic() >= deadline:
                raise Conflict(
                    f"the warehouse {path} is in use by {_lock_holder(exc)} (a running `mpm "
                    f"serve` or import); waited {LOCK_WAIT_SECONDS:.0f} s. Stop it, or make the "
                    "change through the server's API (/api/v1)"
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.5)


class SharedWarehouses:
    """One DuckDB database per file for a server, handed out as cursors (each its own
    connection and transactions), so its threads never open a file twice with different
    settings. Files idle for `idle_seconds` are closed, so a command in another process can
    take its turn. Active where `using()` is in effect (a server sets it for each request)."""

    def __init__(self, idle_seconds: float = 5.0) -> None:
        self.idle_seconds = idle_seconds
        self.lock = threading.Lock()
        self.open: dict[Path, list[Any]] = {}  # path -> [connection, users, last use]
        self.stopped = threading.Event()
        self.reaper = threading.Thread(target=self._reap, name="mpm-warehouse-idle", daemon=True)
        self.reaper.start()

    @contextmanager
    def using(self) -> Iterator[None]:
        token = _active.set(self)
        try:
            yield
        finally:
            _active.reset(token)

    def acquire(self, path: Path) -> duckdb.DuckDBPyConnection:
        with self.lock:
            entry = self.open.get(path)
            if entry is None:
                con = _connect(path, read_only=False)
                _create_schema(con)
                entry = self.open[path] = [con, 0, time.monotonic()]
            entry[1] += 1
            return entry[0].cursor()

    def release(self, path: Path) -> None:
        with self.lock:
            entry = self.open.get(path)
            if entry is not None:
                entry[1] -= 1
                entry[2] = time.monotonic()

    def close(self) -> None:
        """Close every file (at shutdown)."""
        self.stopped.set()
        with self.lock:
            for con, _, _ in self.open.values():
                con.close()
            self.open.clear()

    def _reap(self) -> None:
        while not self.stopped.wait(max(self.idle_seconds / 4, 0.05)):
            with self.lock:
                now = time.monotonic()
                for path, (con, users, last) in list(self.open.items()):
                    if users == 0 and now - last >= self.idle_seconds:
                        con.close()
                        del self.open[path]


_active: ContextVar[SharedWarehouses | None] = ContextVar("mpm_warehouses", default=None)


def _create_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create missing canonical tables, in one transaction (one fsync instead of dozens)."""
    with transaction(con):
        upgrade_layout(con)
        for statement in all_ddl():
            con.execute(statement)


class Warehouse:
    """An open DuckDB warehouse file with the canonical schema in place."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._shared = _active.get()
        if self._shared is not None:
            self.con = self._shared.acquire(path)
            return
        self.con = _connect(path, read_only=read_only)
        if not read_only:
            _create_schema(self.con)

    def ibis(self) -> Any:
        """An Ibis backend over the same connection (queries, never string-built SQL)."""
        import ibis  # imported on use: it takes a second, and most commands never query

        return ibis.duckdb.from_connection(self.con)

    def close(self) -> None:
        self.con.close()
        if self._shared is not None:
            self._shared.release(self.path)


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
