"""A small demo world built once per test session and copied into each test's MPM_HOME,
readers of every row of an installation (app state, warehouses, files) to compare two, and
the real server in a thread with members' API tokens."""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pytest
import sqlalchemy as sa
from sqlalchemy import select

from mpm import auth
from mpm.auth import Role
from mpm.config import Settings
from mpm.demo import load_demo, plan_demo
from mpm.store import engine_for, session_scope
from mpm.store.models import WorkspaceRow


@pytest.fixture(scope="session")
def demo_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """MPM_HOME of a 60-day demo world with its plans (workspace `default`), never changed
    by tests."""
    home = tmp_path_factory.mktemp("demo-world") / "home"
    settings = Settings(home=home)
    world = load_demo(settings, seed=1, days=60)
    plan_demo(settings, first=world.first, last=world.last)
    engine_for(settings.app_database_url).dispose()  # SQLite folds its log into the file
    return home


@pytest.fixture
def demo_settings(demo_world: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> Settings:
    """This test's MPM_HOME (the `home` fixture, also the `mpm` fixture's) with the demo world."""
    shutil.copytree(demo_world, home, dirs_exist_ok=True)
    monkeypatch.setenv("MPM_HOME", str(home))
    return Settings(home=home)


def warehouse_rows(path: Path) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every table of a DuckDB file (history and commits included), sorted.
    Opened with the default settings, so it also reads a file a server in this process holds."""
    con = duckdb.connect(str(path))
    try:
        names = [
            r[0]
            for r in con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
            ).fetchall()
        ]
        return {
            name: sorted(
                tuple(str(v) for v in row)
                for row in con.execute(f'SELECT * FROM "{name}"').fetchall()
            )
            for name in sorted(names)
        }
    finally:
        con.close()


def app_rows(settings: Settings) -> dict[str, list[tuple[str, ...]]]:
    """Every row of every app-state table, sorted."""
    engine = sa.create_engine(settings.app_database_url)
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as con:
            return {
                name: sorted(tuple(str(v) for v in row) for row in con.execute(table.select()))
                for name, table in sorted(meta.tables.items())
            }
    finally:
        engine.dispose()


def installation(settings: Settings) -> dict[str, object]:
    """All an installation holds: app-state rows, each warehouse's rows, other files' bytes."""
    home = settings.home_path
    out: dict[str, object] = {"app_state": app_rows(settings)}
    for path in sorted(home.rglob("*")):
        rel = path.relative_to(home).as_posix()
        if not path.is_file() or rel.startswith("mpm.db") or rel.endswith(".wal"):
            continue
        out[rel] = warehouse_rows(path) if rel.endswith(".duckdb") else path.read_bytes()
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """The real server (`create_app`, Uvicorn) on a free loopback port in a thread; yields
    its base URL, and stops it (closing its warehouses) at the end."""
    import uvicorn

    from mpm.app import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(settings, warm=False), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def member_token(settings: Settings, email: str, role: Role, workspace: str = "default") -> str:
    """An API token of a new member with `role` in the workspace."""
    with session_scope(settings.app_database_url) as s:
        ws = s.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == workspace))
        assert ws is not None
        user = auth.add_user(s, email)
        auth.set_membership(s, user.id, ws.id, role)
        secret, _ = auth.create_token(s, user=auth.user_row(s, email), workspace=ws)
    return secret


def live_query(
    settings: Settings, sql: str, workspace: str = "default"
) -> list[tuple[object, ...]]:
    """A query on a warehouse that a server in this process may hold open (default settings,
    so the connection joins its database)."""
    con = duckdb.connect(str(settings.workspace_dir(workspace) / "warehouse.duckdb"))
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
