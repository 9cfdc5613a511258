"""The decision log: what changed, why, on which evidence, who decided and when.

Changes that matter later (a budget moved, a target revised, a campaign stopped) are written
here in the same transaction as the change itself, so the log and the plan cannot disagree.
Reports cite decisions by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.config import Settings, get_settings
from mpm.errors import UserError
from mpm.store import ensure_workspace, session_scope
from mpm.store.models import DecisionRow


@dataclass(frozen=True)
class Decision:
    id: int
    subject_kind: str  # objective, budget, campaign, activity, other
    subject: str
    what: str
    why: str
    evidence: str | None
    who: str | None
    decided_at: datetime
    details: dict[str, Any]


def now() -> datetime:
    """The current time as stored in the app database (UTC, naive)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _decision(row: DecisionRow) -> Decision:
    return Decision(
        id=row.id,
        subject_kind=row.subject_kind,
        subject=row.subject,
        what=row.what,
        why=row.why,
        evidence=row.evidence,
        who=row.who,
        decided_at=row.decided_at,
        details=dict(row.details or {}),
    )


def record_decision(
    session: Session,
    workspace_id: int,
    *,
    subject_kind: str,
    subject: str,
    what: str,
    why: str,
    evidence: str | None = None,
    who: str | None = None,
    details: dict[str, Any] | None = None,
) -> Decision:
    """Add a decision inside the caller's transaction (with the change it explains)."""
    if not why or not why.strip():
        raise UserError(f"say why: a decision on {subject_kind} {subject!r} needs a reason")
    if not what.strip():
        raise UserError("say what was decided")
    row = DecisionRow(
        workspace_id=workspace_id,
        subject_kind=subject_kind,
        subject=subject,
        what=what.strip(),
        why=why.strip(),
        evidence=evidence.strip() if evidence and evidence.strip() else None,
        who=who,
        decided_at=now(),
        details=details or {},
    )
    session.add(row)
    session.flush()
    return _decision(row)


def log_decision(
    *,
    subject_kind: str,
    subject: str,
    what: str,
    why: str,
    evidence: str | None = None,
    who: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Decision:
    """Record a decision on its own (one not made through another command)."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        return record_decision(
            session,
            ws.id,
            subject_kind=subject_kind,
            subject=subject,
            what=what,
            why=why,
            evidence=evidence,
            who=who,
        )


def list_decisions(
    *,
    subject_kind: str | None = None,
    subject: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> list[Decision]:
    """The decisions of a workspace, oldest first, optionally about one kind or subject."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        statement = select(DecisionRow).where(DecisionRow.workspace_id == ws.id)
        if subject_kind is not None:
            statement = statement.where(DecisionRow.subject_kind == subject_kind)
        if subject is not None:
            statement = statement.where(DecisionRow.subject == subject)
        rows = session.scalars(statement.order_by(DecisionRow.decided_at, DecisionRow.id))
        return [_decision(r) for r in rows]
