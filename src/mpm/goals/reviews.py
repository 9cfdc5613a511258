"""Reviews of objectives by their cadence: which are due, and review notes that keep what the
reviewer saw (a snapshot of the objective's progress) next to what they wrote."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from mpm.config import Settings, get_settings
from mpm.errors import UserError
from mpm.goals.decisions import now
from mpm.goals.objectives import Objective, get_objective, list_objectives
from mpm.goals.progress import Progress, objective_progress
from mpm.store import ensure_workspace, session_scope
from mpm.store.lookup import find_by_name
from mpm.store.models import ObjectiveRow, ReviewRow


@dataclass(frozen=True)
class Review:
    id: int
    objective: str
    reviewed_at: datetime
    reviewer: str | None
    note: str
    snapshot: dict[str, Any]


@dataclass(frozen=True)
class DueReview:
    objective: str
    cadence: str
    owner: str | None
    last_reviewed: date | None
    due: date


def next_review(cadence: str, after: date) -> date:
    """The day a review falls due after one on `after`."""
    if cadence == "daily":
        return after + timedelta(days=1)
    if cadence == "weekly":
        return after + timedelta(days=7)
    return after + relativedelta(months=1 if cadence == "monthly" else 3)


def due_date(objective: Objective, last_reviewed: date | None) -> date | None:
    """When the objective is next due for review: one cadence after its start or creation,
    whichever is later (or after its last review), and once more after its end (a closing
    review); None when nothing is left."""
    if last_reviewed is not None and last_reviewed > objective.end:
        return None  # closed
    since = last_reviewed or max(objective.start, objective.created_at.date())
    due = next_review(objective.cadence, since)
    return min(due, objective.end + timedelta(days=1))


def _snapshot(progress: Progress) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in asdict(progress).items()}


def _review(row: ReviewRow, objective: str) -> Review:
    return Review(row.id, objective, row.reviewed_at, row.reviewer, row.note, dict(row.snapshot))


def add_review(
    name: str,
    note: str,
    *,
    reviewer: str | None = None,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Review:
    """Record a review of objective `name` with the progress the reviewer is looking at."""
    settings = settings or get_settings()
    if not note.strip():
        raise UserError("a review needs a note: what you saw and what happens next")
    objective = get_objective(name, workspace=workspace, settings=settings)
    progress = objective_progress(objective, today=today, workspace=workspace, settings=settings)
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        objective_id = find_by_name(session, ObjectiveRow, ws, name, "objective").id
        row = ReviewRow(
            workspace_id=ws.id,
            objective_id=objective_id,
            reviewed_at=now() if today is None else datetime.combine(today, now().time()),
            reviewer=reviewer,
            note=note.strip(),
            snapshot=_snapshot(progress),
        )
        session.add(row)
        session.flush()
        return _review(row, name)


def list_reviews(
    name: str, *, workspace: str = "default", settings: Settings | None = None
) -> list[Review]:
    settings = settings or get_settings()
    get_objective(name, workspace=workspace, settings=settings)  # NotFound with suggestions
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        rows = session.scalars(
            select(ReviewRow)
            .join(ObjectiveRow, ReviewRow.objective_id == ObjectiveRow.id)
            .where(ReviewRow.workspace_id == ws.id, ObjectiveRow.name == name)
            .order_by(ReviewRow.reviewed_at, ReviewRow.id)
        )
        return [_review(r, name) for r in rows]


def due_reviews(
    *, today: date | None = None, workspace: str = "default", settings: Settings | None = None
) -> list[DueReview]:
    """Objectives whose review is due on or before `today`, most overdue first."""
    settings = settings or get_settings()
    today = today or date.today()
    objectives = list_objectives(workspace=workspace, settings=settings)
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        last = dict(
            session.execute(
                select(ObjectiveRow.name, ReviewRow.reviewed_at)
                .join(ReviewRow, ReviewRow.objective_id == ObjectiveRow.id)
                .where(ObjectiveRow.workspace_id == ws.id)
                .order_by(ReviewRow.reviewed_at)
            ).all()
        )
    due = []
    for objective in objectives:
        reviewed = last.get(objective.name)
        day = due_date(objective, reviewed.date() if reviewed else None)
        if day is not None and day <= today:
            due.append(
                DueReview(
                    objective.name,
                    objective.cadence,
                    objective.owner,
                    reviewed.date() if reviewed else None,
                    day,
                )
            )
    return sorted(due, key=lambda d: (d.due, d.objective))
