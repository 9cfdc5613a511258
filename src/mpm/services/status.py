"""Objective status, cached: forecasting every objective takes seconds, and the answer only
changes when data loads, an objective changes, the settings change or the day turns. The
cache is keyed on exactly those, so a cached status is never stale; the server warms it at
start and after each import."""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from mpm import goals
from mpm.auth import Permission
from mpm.config import Settings
from mpm.services.access import Context, requires
from mpm.store import SYSTEM, acting_as, session_scope
from mpm.store.models import LoadRow, ObjectiveRow, WorkspaceRow
from mpm.warehouse import SharedWarehouses

log = logging.getLogger("mpm.status")
_cache: dict[tuple[str, int], tuple[Any, list[goals.Progress]]] = {}
_locks: dict[tuple[str, int], threading.Lock] = {}
_guard = threading.Lock()


def _fingerprint(settings: Settings, workspace_id: int, today: date | None, extra: Any) -> Any:
    """Everything an objective's status depends on, compared cheaply."""
    with session_scope(settings.app_database_url) as session:
        loads = session.execute(
            select(
                func.count(LoadRow.id),
                func.max(LoadRow.id),
                func.max(LoadRow.finished_at),
                func.max(LoadRow.reverted_at),
            ).where(LoadRow.workspace_id == workspace_id)
        ).one()
        objectives = session.execute(
            select(
                ObjectiveRow.id,
                ObjectiveRow.kpi,
                ObjectiveRow.target,
                ObjectiveRow.start_date,
                ObjectiveRow.end_date,
                ObjectiveRow.filters,
                ObjectiveRow.phasing,
                ObjectiveRow.monthly_targets,
                ObjectiveRow.cadence,
            )
            .where(ObjectiveRow.workspace_id == workspace_id)
            .order_by(ObjectiveRow.id)
        ).all()
        ws = session.get(WorkspaceRow, workspace_id)
        zone = (
            (ws.timezone, ws.base_currency, ws.fiscal_year_start_month, ws.week_start) if ws else ()
        )
    folder = settings.workspace_dir(str(ws.slug if ws else "")) / "metrics"
    kpi_files = sorted((p.name, p.stat().st_mtime_ns) for p in folder.glob("*.yml"))
    return (
        today or goals_today(settings, workspace_id),
        tuple(loads),
        tuple(tuple(str(v) for v in row) for row in objectives),
        zone,
        tuple(kpi_files),
        extra,
    )


def goals_today(settings: Settings, workspace_id: int) -> date:
    with session_scope(settings.app_database_url) as session:
        ws = session.get(WorkspaceRow, workspace_id)
        zone = ws.timezone if ws else "UTC"
    return datetime.now(ZoneInfo(zone)).date()


def _status(
    settings: Settings, slug: str, workspace_id: int, today: date | None, thresholds: Any
) -> list[goals.Progress]:
    key = (settings.app_database_url, workspace_id)
    with _guard:
        lock = _locks.setdefault(key, threading.Lock())
    with lock:  # one computation at a time per workspace; the others wait and reuse it
        fingerprint = _fingerprint(settings, workspace_id, today, thresholds)
        cached = _cache.get(key)
        if cached is not None and cached[0] == fingerprint:
            return cached[1]
        result = goals.objectives_progress(
            today=today, workspace=slug, settings=settings, thresholds=thresholds
        )
        _cache[key] = (fingerprint, result)
        return result


@requires(Permission.READ)
def objectives_status(
    ctx: Context, *, today: date | None = None, thresholds: goals.Thresholds | None = None
) -> list[goals.Progress]:
    """The progress of every objective of the workspace (cached, see the module)."""
    return _status(ctx.settings, ctx.slug, ctx.workspace.id, today, thresholds)


def warm_status(settings: Settings, slug: str) -> None:
    """Compute the status of a workspace's objectives now, so the next request finds it."""
    with session_scope(settings.app_database_url) as session:
        ws = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
    if ws is None:
        return
    with acting_as(SYSTEM):
        _status(settings, slug, ws.id, None, None)


def warm_in_background(
    settings: Settings, slugs: list[str], warehouses: SharedWarehouses | None = None
) -> threading.Thread:
    def run() -> None:
        with warehouses.using() if warehouses else nullcontext():
            warm(slugs)

    def warm(slugs: list[str]) -> None:
        for slug in slugs:
            try:
                warm_status(settings, slug)
            except Exception:  # warming is best effort: a request computes it anyway
                log.exception("warming the objective status of %s failed", slug)

    thread = threading.Thread(target=run, name="mpm-warm-status", daemon=True)
    thread.start()
    return thread
