"""Helpers for tests: warehouse and app-state snapshots and read-only queries."""

from __future__ import annotations

from pathlib import Path

import duckdb

from mpm.config import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
TEST_DATA = Path(__file__).parent / "data"


def warehouse_file(settings: Settings, workspace: str = "default") -> Path:
    return settings.workspace_dir(workspace) / "warehouse.duckdb"


def snapshot(settings: Settings, workspace: str = "default") -> dict[str, list[tuple]]:
    """Every row of every warehouse table (history and commits included), sorted."""
    path = warehouse_file(settings, workspace)
    if not path.exists():
        return {}
    con = duckdb.connect(str(path), read_only=True)
    try:
        names = [r[0] for r in con.execute("SHOW TABLES").fetchall()]
        return {
            name: sorted(
                (
                    tuple(str(v) for v in row)
                    for row in con.execute(f'SELECT * FROM "{name}"').fetchall()
                ),
            )
            for name in names
        }
    finally:
        con.close()


def app_state(settings: Settings) -> dict[str, list[tuple]]:
    """Every row of every app-state table, sorted (to show that nothing was written)."""
    import sqlalchemy as sa

    engine = sa.create_engine(settings.app_database_url)
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as con:
            return {
                name: sorted(tuple(str(v) for v in row) for row in con.execute(table.select()))
                for name, table in meta.tables.items()
            }
    finally:
        engine.dispose()


def query(settings: Settings, sql: str, workspace: str = "default") -> list[tuple]:
    con = duckdb.connect(str(warehouse_file(settings, workspace)), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()
