"""The audit log: every change to the app state, written in the same transaction as the change.

Changes are caught where they happen, in the session's flush, so no command, route or page
can change a row without its entry: who (the actor of the current context: a user of the
server, the local command line, or the system), what (table, row id, create / update /
delete), when, and the column values before and after. Secrets (password and token hashes)
are never written; columns a table lists in `__audit_ignore__` (last-seen times, counters)
do not make an entry on their own.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from mpm.store.models import AuditRow, Base, WorkspaceRow

SECRET_COLUMNS = frozenset({"password_hash", "token_hash", "csrf_token"})
REDACTED = "[redacted]"


@dataclass(frozen=True)
class Actor:
    """Who is acting: `label` is what the log shows (an e-mail, "cli:alice", "system")."""

    label: str
    via: str  # api, web, cli, system
    user_id: int | None = None
    request_id: str | None = None


SYSTEM = Actor("system", "system")
_current: ContextVar[Actor] = ContextVar("mpm_actor", default=SYSTEM)


def current_actor() -> Actor:
    return _current.get()


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Attribute the changes made inside the block to `actor`."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    try:
        json.dumps(value)
    except TypeError:
        return str(value)
    return value


def _shown(column: str, value: Any) -> Any:
    return REDACTED if column in SECRET_COLUMNS and value is not None else _plain(value)


def _columns(obj: Base) -> list[str]:
    return [c.key for c in inspect(obj).mapper.column_attrs]


def _workspace_id(obj: Base) -> int | None:
    if isinstance(obj, WorkspaceRow):
        return obj.id
    value = getattr(obj, "workspace_id", None)
    return value if isinstance(value, int) else None


def _entry(obj: Base, action: str) -> dict[str, Any] | None:
    state = inspect(obj)
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    if action == "create":
        after = {c: _shown(c, getattr(obj, c)) for c in _columns(obj)}
    elif action == "delete":
        before = {c: _shown(c, getattr(obj, c)) for c in _columns(obj)}
    else:
        ignored = set(getattr(obj, "__audit_ignore__", ()))
        before, after = {}, {}
        for column in _columns(obj):
            history = state.attrs[column].history
            if not history.has_changes():
                continue
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old == new:
                continue
            before[column], after[column] = _shown(column, old), _shown(column, new)
        if not set(after) - ignored:
            return None
    actor = current_actor()
    return {
        "workspace_id": _workspace_id(obj),
        "at": datetime.now(UTC).replace(tzinfo=None),
        "actor": actor.label,
        "user_id": actor.user_id,
        "via": actor.via,
        "action": action,
        "entity": obj.__tablename__,
        "entity_id": getattr(obj, "id", None),
        "before": before,
        "after": after,
        "request_id": actor.request_id,
    }


@event.listens_for(Session, "after_flush")
def _record(session: Session, _context: object) -> None:
    """Write one audit entry per created, changed or deleted row of this flush."""
    entries = []
    for objects, action in (
        (session.new, "create"),
        (session.dirty, "update"),
        (session.deleted, "delete"),
    ):
        for obj in objects:
            if isinstance(obj, AuditRow) or not isinstance(obj, Base):
                continue
            if action == "update" and not session.is_modified(obj, include_collections=False):
                continue
            entry = _entry(obj, action)
            if entry is not None:
                entries.append(entry)
    if entries:
        session.connection().execute(insert(AuditRow), entries)
