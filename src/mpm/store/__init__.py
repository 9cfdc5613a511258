"""App state (SQLAlchemy + Alembic): workspaces and load history; later issues add their tables."""

from mpm.store.db import engine_for, session_scope
from mpm.store.workspaces import (
    WorkspaceSettings,
    ensure_workspace,
    get_workspace,
    list_workspaces,
    update_workspace,
)

__all__ = [
    "WorkspaceSettings",
    "engine_for",
    "ensure_workspace",
    "get_workspace",
    "list_workspaces",
    "session_scope",
    "update_workspace",
]
