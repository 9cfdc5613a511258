"""Service of the audit log: owners read and export every change made in their workspace."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select

from mpm.auth import Permission
from mpm.services.access import Context, requires
from mpm.store import session_scope
from mpm.store.models import AuditRow


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    via: str
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    request_id: str | None


@dataclass(frozen=True)
class AuditPage:
    entries: list[AuditEntry]
    total: int


@requires(Permission.ADMIN)
def audit_log(
    ctx: Context,
    *,
    entity: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    limit: int | None = 100,
    offset: int = 0,
) -> AuditPage:
    """Changes in the workspace, newest first; `limit=None` for all of them (export)."""
    query = select(AuditRow).where(AuditRow.workspace_id == ctx.workspace.id)
    if entity:
        query = query.where(AuditRow.entity == entity)
    if actor:
        query = query.where(AuditRow.actor == actor)
    if since:
        query = query.where(AuditRow.at >= since)
    with session_scope(ctx.settings.app_database_url) as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        page = query.order_by(AuditRow.id.desc()).offset(offset)
        if limit is not None:
            page = page.limit(limit)
        entries = [
            AuditEntry(
                r.id,
                r.at,
                r.actor,
                r.via,
                r.action,
                r.entity,
                r.entity_id,
                r.before,
                r.after,
                r.request_id,
            )
            for r in session.scalars(page)
        ]
    return AuditPage(entries, total)
