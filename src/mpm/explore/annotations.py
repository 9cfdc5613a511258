"""Annotations: a short note on a date ("price change", "tracking fixed") that every chart
of the workspace shows, or only the charts of one KPI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import or_, select

from mpm.config import Settings, get_settings
from mpm.errors import NotFound, UserError
from mpm.metrics import workspace_catalog
from mpm.store import ensure_workspace, session_scope
from mpm.store.models import AnnotationRow

TEXT_LENGTH = 200


@dataclass(frozen=True)
class Annotation:
    id: int
    day: date
    text: str
    kpi: str | None  # None: every chart
    created_by: str | None
    created_at: datetime


def _annotation(row: AnnotationRow) -> Annotation:
    return Annotation(row.id, row.day, row.text, row.kpi, row.created_by, row.created_at)


def add_annotation(
    day: date,
    text: str,
    *,
    kpi: str | None = None,
    created_by: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Annotation:
    """Note `text` on `day`, for every chart or only those of `kpi`."""
    settings = settings or get_settings()
    note = " ".join(text.split())
    if not note:
        raise UserError("say what happened on that date")
    if len(note) > TEXT_LENGTH:
        raise UserError(f"an annotation has at most {TEXT_LENGTH} characters")
    if not date(2000, 1, 1) <= day <= date(2100, 12, 31):
        raise UserError(f"{day.isoformat()} is not a date charts show")
    name = (kpi or "").strip() or None
    if name is not None:
        name = workspace_catalog(settings, workspace).get(name).name
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = AnnotationRow(
            workspace_id=ws.id,
            day=day,
            text=note,
            kpi=name,
            created_by=created_by,
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )
        session.add(row)
        session.flush()
        return _annotation(row)


def list_annotations(
    *,
    start: date | None = None,
    end: date | None = None,
    kpis: list[str] | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> list[Annotation]:
    """The annotations between `start` and `end` (inclusive), by date; with `kpis`, those
    for every chart and those of these KPIs."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        statement = select(AnnotationRow).where(AnnotationRow.workspace_id == ws.id)
        if start is not None:
            statement = statement.where(AnnotationRow.day >= start)
        if end is not None:
            statement = statement.where(AnnotationRow.day <= end)
        if kpis is not None:
            statement = statement.where(
                or_(AnnotationRow.kpi.is_(None), AnnotationRow.kpi.in_(kpis))
            )
        rows = session.scalars(statement.order_by(AnnotationRow.day, AnnotationRow.id))
        return [_annotation(r) for r in rows]


def delete_annotation(
    annotation_id: int, *, workspace: str = "default", settings: Settings | None = None
) -> Annotation:
    """Delete an annotation; NotFound for one of another workspace."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = session.get(AnnotationRow, annotation_id)
        if row is None or row.workspace_id != ws.id:
            raise NotFound(f"no annotation {annotation_id} in workspace {workspace!r}")
        annotation = _annotation(row)
        session.delete(row)
        return annotation
