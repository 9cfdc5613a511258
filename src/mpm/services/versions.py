"""What cached answers depend on, compared cheaply: a workspace's data version, and the
version of the app state.

The data version changes whenever the warehouse is written (loads, reverts, deletions: every
commit changes the DuckDB file or its write-ahead log), the workspace's settings or KPI and
channel definitions change, or the day turns in the workspace's time zone. It needs no database
query. A cache keyed on it is never stale.

The app-state version is the newest audit entry: every change of a row of the app state
(objectives, plans, members, views, notes, ...) writes one in its own transaction (`mpm.store`
records them in the flush), from the server and from commands alike.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from mpm.config import Settings
from mpm.store import WorkspaceSettings, session_scope
from mpm.store.models import AuditRow


def _stamp(path: Path) -> tuple[str, int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (path.name, stat.st_mtime_ns, stat.st_size)


def data_version(settings: Settings, workspace: WorkspaceSettings) -> tuple[Any, ...]:
    """The version of a workspace's data: its settings, the stamps of its warehouse (with
    the write-ahead log every commit appends to) and definition files, and its today."""
    folder = settings.workspace_dir(workspace.slug)
    files = [folder / "warehouse.duckdb", folder / "warehouse.duckdb.wal"]
    files += [folder / "channels.yml", folder / "campaigns.yml"]
    files += sorted((folder / "metrics").glob("*.yml"))
    today = datetime.now(ZoneInfo(workspace.timezone)).date()
    return (workspace, tuple(_stamp(p) for p in files), today)


def app_state_version(settings: Settings) -> int:
    """The id of the newest audit entry (0 before the first change)."""
    with session_scope(settings.app_database_url) as session:
        return session.scalar(select(func.max(AuditRow.id))) or 0
