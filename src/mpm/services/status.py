"""Objective status, cached: forecasting every objective takes seconds, and the answer only
changes when data loads, an objective changes, the settings change or the day turns. The
cache is keyed on exactly those, so a cached status is never stale; the server warms it at
start and after each import."""

from __future__ import annotations

import logging
import threading
from contextlib import nullcontext
from datetime import date
from typing import Any

from sqlalchemy import select

from mpm import goals
from mpm.auth import Permission
from mpm.config import Settings
from mpm.errors import NotFound
from mpm.services.access import Context, requires
from mpm.services.cache import FingerprintCache
from mpm.services.versions import data_version
from mpm.store import SYSTEM, WorkspaceSettings, acting_as, get_workspace, session_scope
from mpm.store.models import ObjectiveRow
from mpm.warehouse import SharedWarehouses

log = logging.getLogger("mpm.status")
_cache: FingerprintCache[list[goals.Progress]] = FingerprintCache()


def _fingerprint(
    settings: Settings, workspace: WorkspaceSettings, today: date | None, extra: Any
) -> Any:
    """Everything an objective's status depends on, compared cheaply."""
    with session_scope(settings.app_database_url) as session:
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
            .where(ObjectiveRow.workspace_id == workspace.id)
            .order_by(ObjectiveRow.id)
        ).all()
    return (
        data_version(settings, workspace),
        today,
        tuple(tuple(str(v) for v in row) for row in objectives),
        extra,
    )


def _status(
    settings: Settings, workspace: WorkspaceSettings, today: date | None, thresholds: Any
) -> list[goals.Progress]:
    fingerprint = _fingerprint(settings, workspace, today, thresholds)
    return _cache.get(
        (settings.app_database_url, workspace.id),
        fingerprint,
        lambda: goals.objectives_progress(
            today=today, workspace=workspace.slug, settings=settings, thresholds=thresholds
        ),
    )


@requires(Permission.READ)
def objectives_status(
    ctx: Context, *, today: date | None = None, thresholds: goals.Thresholds | None = None
) -> list[goals.Progress]:
    """The progress of every objective of the workspace (cached, see the module)."""
    return _status(ctx.settings, ctx.workspace, today, thresholds)


def warm_status(settings: Settings, slug: str) -> None:
    """Compute the status of a workspace's objectives now, so the next request finds it."""
    with session_scope(settings.app_database_url) as session:
        try:
            workspace = get_workspace(session, slug)
        except NotFound:
            return
    with acting_as(SYSTEM):
        _status(settings, workspace, None, None)


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
