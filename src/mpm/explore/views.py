"""Saved views: an explore question (KPIs, dimensions, grain, dates, filters, comparison,
chart) kept under a name in a workspace. The query is kept as the explore page's parameters,
so a view's link is the page's own stable URL. Saving under a name that exists replaces it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from mpm.config import Settings, get_settings
from mpm.errors import NotFound, UserError
from mpm.metrics import workspace_catalog
from mpm.store import ensure_workspace, session_scope
from mpm.store.models import SavedViewRow

QUERY_KEYS = ("kpi", "by", "grain", "from", "to", "where", "compare", "top", "chart")
NAME_LENGTH = 120
VALUE_LENGTH = 500


@dataclass(frozen=True)
class SavedView:
    id: int
    name: str
    query: dict[str, Any]  # explore parameters: strings, `where` a list of strings
    created_by: str | None
    created_at: datetime
    updated_at: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _view(row: SavedViewRow) -> SavedView:
    return SavedView(
        row.id, row.name, dict(row.query), row.created_by, row.created_at, row.updated_at
    )


def _text(key: str, value: Any) -> str:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise UserError(f"view parameter {key!r} must be text, not {type(value).__name__}")
    text = str(value).strip()
    if len(text) > VALUE_LENGTH:
        raise UserError(f"view parameter {key!r} is longer than {VALUE_LENGTH} characters")
    return text


def clean_query(query: Mapping[str, Any], *, settings: Settings, workspace: str) -> dict[str, Any]:
    """The parameters of a view, checked: known keys, text values, KPIs of the catalog."""
    unknown = sorted(set(query) - set(QUERY_KEYS))
    if unknown:
        raise UserError(
            f"unknown view parameter {unknown[0]!r}; a view keeps {', '.join(QUERY_KEYS)}"
        )
    clean: dict[str, Any] = {}
    for key in QUERY_KEYS:
        value = query.get(key)
        if value in (None, "", []):
            continue
        if key == "where":
            values = value if isinstance(value, list | tuple) else [value]
            clean[key] = [_text(key, v) for v in values if _text(key, v)]
        else:
            clean[key] = _text(key, value)
    kpis = [k.strip() for k in str(clean.get("kpi", "")).split(",") if k.strip()]
    if not kpis:
        raise UserError("a view needs at least one KPI")
    catalog = workspace_catalog(settings, workspace)
    for kpi in kpis:
        catalog.get(kpi)  # UnknownMetric, with a suggestion
    return clean


def save_view(
    name: str,
    query: Mapping[str, Any],
    *,
    created_by: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> SavedView:
    """Keep `query` under `name` (replacing the view of that name)."""
    settings = settings or get_settings()
    title = " ".join(name.split())
    if not title:
        raise UserError("give the view a name")
    if len(title) > NAME_LENGTH:
        raise UserError(f"a view's name has at most {NAME_LENGTH} characters")
    clean = clean_query(query, settings=settings, workspace=workspace)
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = session.scalar(
            select(SavedViewRow).where(
                SavedViewRow.workspace_id == ws.id, SavedViewRow.name == title
            )
        )
        stamp = _now()
        if row is None:
            row = SavedViewRow(
                workspace_id=ws.id,
                name=title,
                query=clean,
                created_by=created_by,
                created_at=stamp,
                updated_at=stamp,
            )
            session.add(row)
        elif row.query != clean:
            row.query, row.updated_at = clean, stamp
        session.flush()
        return _view(row)


def list_views(*, workspace: str = "default", settings: Settings | None = None) -> list[SavedView]:
    """The workspace's saved views by name."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        rows = session.scalars(
            select(SavedViewRow)
            .where(SavedViewRow.workspace_id == ws.id)
            .order_by(SavedViewRow.name)
        )
        return [_view(r) for r in rows]


def delete_view(
    view_id: int, *, workspace: str = "default", settings: Settings | None = None
) -> SavedView:
    """Delete a saved view; NotFound for a view of another workspace."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = session.get(SavedViewRow, view_id)
        if row is None or row.workspace_id != ws.id:
            raise NotFound(f"no saved view {view_id} in workspace {workspace!r}")
        view = _view(row)
        session.delete(row)
        return view
