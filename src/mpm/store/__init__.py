"""App state (SQLAlchemy + Alembic): workspaces, load history, plans, users and access; every
change is written to the audit log (`mpm.store.audit`) in its own transaction."""

from mpm.store.audit import SYSTEM, Actor, acting_as, current_actor
from mpm.store.db import engine_for, session_scope
from mpm.store.workspaces import (
    WorkspaceSettings,
    ensure_workspace,
    get_workspace,
    list_workspaces,
    update_workspace,
)

__all__ = [
    "SYSTEM",
    "Actor",
    "WorkspaceSettings",
    "acting_as",
    "current_actor",
    "engine_for",
    "ensure_workspace",
    "get_workspace",
    "list_workspaces",
    "session_scope",
    "update_workspace",
]
