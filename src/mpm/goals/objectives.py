"""Objectives: a KPI of the catalog, with filters, to bring to a target over a period.

Created with a SMART check (Doran 1981: specific, measurable, assignable, realistic,
time-related) that explains each weakness; `strict` refuses an objective that has any.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import select

from mpm.config import Settings, get_settings
from mpm.errors import UserError
from mpm.goals.decisions import Decision, record_decision
from mpm.goals.phasing import Phasing, daily_weights
from mpm.metrics import Direction, Filter, Kpi, query, workspace_catalog
from mpm.store import ensure_workspace, session_scope
from mpm.store.lookup import find_by_name
from mpm.store.models import ObjectiveRow


class Goal(StrEnum):
    REVENUE_GROWTH = "revenue_growth"
    CUSTOMER_ACQUISITION = "customer_acquisition"
    LEAD_GENERATION = "lead_generation"
    BRAND_AWARENESS = "brand_awareness"
    ENGAGEMENT = "engagement"
    RETENTION = "retention"


class Cadence(StrEnum):
    DAILY = "daily"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"


# reach and attention counts: fine to track, weak as objectives without a business goal
VANITY = {
    "impressions",
    "reach",
    "clicks",
    "video_views",
    "social_impressions",
    "social_engagements",
    "follower_change",
    "sessions",
    "users",
    "pageviews",
    "emails_sent",
}
PLAUSIBLE = 2.0  # a target beyond this multiple of the best comparable period is flagged


@dataclass(frozen=True)
class Objective:
    name: str
    kpi: str
    target: float
    start: date
    end: date
    filters: tuple[str, ...]
    goal: str | None
    owner: str | None
    cadence: str
    warnings: tuple[str, ...]
    created_at: datetime
    phasing: str = "even"
    monthly_targets: dict[str, float] | None = None
    id: int = 0


class SmartCheckFailed(UserError):
    """An objective refused under `strict` because the SMART check found weaknesses."""

    def __init__(self, message: str, weaknesses: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.weaknesses = weaknesses


def _row(row: ObjectiveRow) -> Objective:
    return Objective(
        name=row.name,
        kpi=row.kpi,
        target=row.target,
        start=row.start_date,
        end=row.end_date,
        filters=tuple(row.filters or ()),
        goal=row.goal,
        owner=row.owner,
        cadence=row.cadence,
        warnings=tuple(row.warnings or ()),
        created_at=row.created_at,
        phasing=row.phasing,
        monthly_targets=dict(row.monthly_targets) if row.monthly_targets else None,
        id=row.id,
    )


def _value(frame: Any, kpi: str) -> float | None:
    if frame.empty:
        return None
    value = frame[kpi].iloc[0]
    return (
        None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)
    )


def shown(value: float) -> str:
    """A number for a sentence: grouped thousands, no exponent, a few significant decimals."""
    return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.4g}"


def smart_check(
    kpi: Kpi,
    *,
    target: float,
    start: date,
    end: date,
    goal: str | None,
    owner: str | None,
    history: dict[str, float | None],
    today: date,
) -> list[str]:
    """The weaknesses of an objective, each explained; `history` holds the KPI over the
    comparable periods ("last year", "the period before")."""
    weaknesses = []
    if goal is None:
        weaknesses.append(
            "no business goal: say what it serves with --goal " + "|".join(g.value for g in Goal)
        )
        if kpi.name in VANITY:
            weaknesses.append(
                f"{kpi.name} is an attention metric (vanity KPI): on its own it does not show "
                "business results; link it to a goal or choose a result KPI"
            )
    if owner is None:
        weaknesses.append("no owner: name who is accountable with --owner")
    if end < today:
        weaknesses.append(f"the period ended on {end}: the objective can no longer be acted on")
    known = {k: v for k, v in history.items() if v is not None and v > 0}
    if not known:
        weaknesses.append("no history of this KPI to judge whether the target is realistic")
        return weaknesses
    higher = kpi.direction is not Direction.LOWER
    best = (max if higher else min)(known.values())
    ratio = target / best
    compared = ", ".join(f"{label}: {shown(value)}" for label, value in known.items())
    if higher and ratio > PLAUSIBLE:
        weaknesses.append(
            f"the target {shown(target)} is {ratio:.1f}× the best comparable period ({compared}); "
            f"history makes anything beyond {PLAUSIBLE:g}× implausible"
        )
    if not higher and ratio < 1 / PLAUSIBLE:
        weaknesses.append(
            f"the target {shown(target)} is {1 / ratio:.1f}× lower than the best comparable period "
            f"({compared}); history makes that implausible"
        )
    return weaknesses


def add_objective(
    name: str,
    *,
    kpi: str,
    target: float,
    start: date,
    end: date,
    filters: tuple[str, ...] = (),
    goal: str | None = None,
    owner: str | None = None,
    cadence: str = "weekly",
    phasing: str = "even",
    monthly_targets: dict[str, float] | None = None,
    strict: bool = False,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Objective:
    """Check and store an objective; raise on bad input (nothing stored) or, with `strict`,
    on any SMART weakness. The weaknesses are kept with the objective and returned."""
    settings = settings or get_settings()
    if not name.strip():
        raise UserError("an objective needs a name")
    definition = workspace_catalog(settings, workspace).get(kpi)
    if end < start:
        raise UserError(f"the period ends ({end}) before it starts ({start})")
    if not math.isfinite(target):
        raise UserError(f"the target must be a number, not {target}")
    if goal is not None and goal not in {g.value for g in Goal}:
        raise UserError(f"unknown goal {goal!r}: use {', '.join(g.value for g in Goal)}")
    if cadence not in {c.value for c in Cadence}:
        raise UserError(f"unknown cadence {cadence!r}: use {', '.join(c.value for c in Cadence)}")
    for f in filters:
        Filter.parse(f)
    if phasing not in {p.value for p in Phasing}:
        raise UserError(f"unknown phasing {phasing!r}: use {', '.join(p.value for p in Phasing)}")
    if (phasing == Phasing.MONTHLY) != bool(monthly_targets):
        raise UserError(
            "give a target per month (--month YYYY-MM=AMOUNT) with monthly phasing, and only then"
        )
    if monthly_targets:
        daily_weights(start, end, Phasing.MONTHLY, monthly=monthly_targets)  # checks the months
    days = (end - start).days + 1
    history = {
        "last year": _value(
            query(
                kpi,
                start=year_back(start),
                end=year_back(end),
                where=list(filters),
                workspace=workspace,
                settings=settings,
            ),
            kpi,
        ),
        "the period before": _value(
            query(
                kpi,
                start=start - timedelta(days=days),
                end=start - timedelta(days=1),
                where=list(filters),
                workspace=workspace,
                settings=settings,
            ),
            kpi,
        ),
    }
    today = datetime.now(UTC).date()
    weaknesses = smart_check(
        definition,
        target=target,
        start=start,
        end=end,
        goal=goal,
        owner=owner,
        history=history,
        today=today,
    )
    if monthly_targets and not math.isclose(sum(monthly_targets.values()), target, rel_tol=0.005):
        weaknesses.append(
            f"the monthly amounts add up to {shown(sum(monthly_targets.values()))}, not the target "
            f"{shown(target)}: they are used as the shape of the target over the months"
        )
    if strict and weaknesses:
        raise SmartCheckFailed(
            f"objective {name!r} is not SMART: " + "; ".join(weaknesses) + " (drop --strict to "
            "keep it with these warnings)",
            tuple(weaknesses),
        )
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        exists = session.scalar(
            select(ObjectiveRow).where(
                ObjectiveRow.workspace_id == ws.id, ObjectiveRow.name == name
            )
        )
        if exists is not None:
            raise UserError(f"an objective called {name!r} already exists in {workspace!r}")
        row = ObjectiveRow(
            workspace_id=ws.id,
            name=name,
            goal=goal,
            kpi=kpi,
            filters=list(filters),
            start_date=start,
            end_date=end,
            target=float(target),
            owner=owner,
            cadence=cadence,
            phasing=phasing,
            monthly_targets=monthly_targets,
            warnings=weaknesses,
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )
        session.add(row)
        session.flush()
        return _row(row)


def year_back(day: date) -> date:
    """The same day a year earlier (28 February for 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def list_objectives(
    *, workspace: str = "default", settings: Settings | None = None
) -> list[Objective]:
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        rows = session.scalars(
            select(ObjectiveRow)
            .where(ObjectiveRow.workspace_id == ws.id)
            .order_by(ObjectiveRow.end_date, ObjectiveRow.name)
        )
        return [_row(r) for r in rows]


def get_objective(
    name: str, *, workspace: str = "default", settings: Settings | None = None
) -> Objective:
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        return _row(find_by_name(session, ObjectiveRow, ws, name, "objective"))


def update_objective(
    name: str,
    *,
    reason: str,
    target: float | None = None,
    end: date | None = None,
    owner: str | None = None,
    cadence: str | None = None,
    evidence: str | None = None,
    who: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> tuple[Objective, Decision]:
    """Change an objective's target, deadline, owner or cadence; the change and its reason go
    to the decision log in the same transaction."""
    settings = settings or get_settings()
    if target is not None and not math.isfinite(target):
        raise UserError(f"the target must be a number, not {target}")
    if cadence is not None and cadence not in {c.value for c in Cadence}:
        raise UserError(f"unknown cadence {cadence!r}: use {', '.join(c.value for c in Cadence)}")
    before = get_objective(name, workspace=workspace, settings=settings)
    changes = {
        "target": (before.target, target),
        "end": (before.end, end),
        "owner": (before.owner, owner),
        "cadence": (before.cadence, cadence),
    }
    changes = {k: (old, new) for k, (old, new) in changes.items() if new is not None and new != old}
    if not changes:
        raise UserError("nothing to change: give --target, --to, --owner or --cadence")
    if end is not None and end < before.start:
        raise UserError(f"the period would end ({end}) before it starts ({before.start})")
    what = "; ".join(
        f"{field} {shown(old) if isinstance(old, float) else old} → "
        f"{shown(new) if isinstance(new, float) else new}"
        for field, (old, new) in changes.items()
    )
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = find_by_name(session, ObjectiveRow, ws, name, "objective")
        if target is not None:
            row.target = float(target)
        if end is not None:
            row.end_date = end
        if owner is not None:
            row.owner = owner
        if cadence is not None:
            row.cadence = cadence
        decision = record_decision(
            session,
            ws.id,
            subject_kind="objective",
            subject=name,
            what=what,
            why=reason,
            evidence=evidence,
            who=who,
            details={k: [str(old), str(new)] for k, (old, new) in changes.items()},
        )
        session.flush()
        return _row(row), decision
