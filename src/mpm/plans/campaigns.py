"""Campaign plans: objective, channel, flight dates, budget, owner and status, and their
progress against the data (spend and pacing, conversions, revenue, CPA, ROAS, activities).

A campaign is named as it appears in the warehouse's `campaign` dimension, so its actuals are
the KPIs filtered to `campaign=NAME` over its flight. Cancelling a campaign, reopening a
cancelled one and changing a budget need a reason and are written to the decision log in the
same transaction as the change.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from mpm.config import Settings, get_settings
from mpm.errors import UserError
from mpm.goals import get_objective, shown
from mpm.goals.decisions import now, record_decision
from mpm.metrics import query
from mpm.model.channels import load_grouping
from mpm.plans.budgets import OVER_PACE, SCOPE, UNDER_PACE, UNDER_PACE_AFTER
from mpm.store import WorkspaceSettings, ensure_workspace, session_scope
from mpm.store.lookup import find_by_name
from mpm.store.models import ActivityRow, CampaignPlanRow, ObjectiveRow

# --- execution states: campaigns and the activities under them ---------------------------------
# (defined here so a campaign's progress can count its activities; mpm.plans.activities builds
# on this module)


class CampaignStatus(StrEnum):
    PLANNED = "planned"
    LIVE = "live"
    DONE = "done"
    CANCELLED = "cancelled"


class ActivityStatus(StrEnum):
    TODO = "todo"
    DOING = "doing"
    DONE = "done"
    CANCELLED = "cancelled"


OPEN_CAMPAIGN = (CampaignStatus.PLANNED.value, CampaignStatus.LIVE.value)
OPEN_ACTIVITY = (ActivityStatus.TODO.value, ActivityStatus.DOING.value)


def campaign_overdue(end: date, status: str, today: date) -> bool:
    """A campaign whose flight has ended but that is still planned or live (close it)."""
    return end < today and status in OPEN_CAMPAIGN


def activity_overdue(due: date, status: str, today: date) -> bool:
    """An activity past its due date that is neither done nor cancelled."""
    return due < today and status in OPEN_ACTIVITY


def activity_overdue_clause(today: date) -> ColumnElement[bool]:
    """`activity_overdue` as a SQL condition on `activities`."""
    return and_(ActivityRow.due_date < today, ActivityRow.status.in_(OPEN_ACTIVITY))


def workspace_today(ws: WorkspaceSettings) -> date:
    """Today's date in the workspace's time zone."""
    return datetime.now(ZoneInfo(ws.timezone)).date()


def check_status(value: str, states: type[StrEnum], what: str) -> str:
    """`value` if it is one of `states`, else a UserError listing them."""
    allowed = [s.value for s in states]
    if value not in allowed:
        raise UserError(f"unknown {what} status {value!r}: use {', '.join(allowed)}")
    return value


# --- campaigns ----------------------------------------------------------------------------------

# pacing thresholds and the dimensions marketing cost is shared out by: those of budget lines
# KPIs whose presence shows that the warehouse holds data of a campaign (any source table)
PRESENCE = ("spend", "impressions", "sessions", "revenue", "leads", "emails_sent")


class Pacing(StrEnum):
    """How a campaign's spend keeps to its budget, the first that applies in this order."""

    NOT_STARTED = "not_started"  # no complete day of the flight yet
    NO_BUDGET = "no_budget"  # a budget of 0: no share to pace against
    OVERSPENT = "overspent"  # marketing cost above the budget
    OVER_PACE = "over_pace"  # pacing above OVER_PACE
    UNDER_PACE = "under_pace"  # pacing below UNDER_PACE, once UNDER_PACE_AFTER has elapsed
    ON_PLAN = "on_plan"


@dataclass(frozen=True)
class Campaign:
    name: str
    channel: str
    start: date
    end: date
    budget: float  # base currency
    status: str
    objective: str | None
    owner: str | None
    overdue: bool  # the flight has ended but the campaign is still planned or live
    created_at: datetime
    warnings: tuple[str, ...] = ()
    id: int = 0


@dataclass(frozen=True)
class CampaignUpdate:
    campaign: Campaign
    changes: tuple[str, ...]  # what changed, in words; empty when nothing did
    decision_id: int | None  # the decision-log entry written with the change


@dataclass(frozen=True)
class CampaignProgress:
    """A campaign's plan against its actuals up to the last complete day of its flight."""

    name: str
    channel: str
    status: str
    objective: str | None
    owner: str | None
    start: date
    end: date
    budget: float
    through: date | None  # last day counted; None before the flight starts
    flight_days: int
    days_elapsed: int
    flight_elapsed_share: float  # days elapsed / flight days
    marketing_cost: float  # fully loaded, as budget lines count it (see `marketing_cost`)
    spend: float  # media spend
    conversions: float
    revenue: float
    cpa: float | None
    roas: float | None
    budget_spent_share: float | None  # marketing_cost / budget; None without a budget
    budget_remaining: float
    pacing: float | None  # budget share spent / flight share elapsed (1 = on pace)
    pacing_status: str  # see Pacing
    activities_open: int
    activities_done: int
    activities_overdue: int
    notes: tuple[str, ...]


def _campaign(
    row: CampaignPlanRow, objective: str | None, today: date, warnings: tuple[str, ...] = ()
) -> Campaign:
    return Campaign(
        name=row.name,
        channel=row.channel,
        start=row.start_date,
        end=row.end_date,
        budget=row.budget,
        status=row.status,
        objective=objective,
        owner=row.owner,
        overdue=campaign_overdue(row.end_date, row.status, today),
        created_at=row.created_at,
        warnings=warnings,
        id=row.id,
    )


def _objective_name(session: Session, row: CampaignPlanRow) -> str | None:
    if row.objective_id is None:
        return None
    return session.scalar(select(ObjectiveRow.name).where(ObjectiveRow.id == row.objective_id))


def find_campaign(session: Session, ws: WorkspaceSettings, name: str) -> CampaignPlanRow:
    """The campaign plan called `name`, or NotFound with the closest names."""
    return find_by_name(session, CampaignPlanRow, ws, name, "campaign")


def _budget(value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise UserError(f"the budget must be a number of 0 or more, not {value:g}")
    return float(value)


def owner_name(value: str | None) -> str | None:
    """An owner as given, without surrounding blanks; None for no owner."""
    if value is None:
        return None
    return value.strip() or None


def _channel(channel: str, settings: Settings, workspace: str) -> tuple[str, list[str]]:
    """The channel as the workspace's channel grouping names it, or as given with a warning."""
    if not channel.strip():
        raise UserError("a campaign needs a channel (e.g. 'Paid Search')")
    grouping = load_grouping(settings.workspace_dir(workspace) / "channels.yml")
    conformed = grouping.conform(channel)
    if conformed is not None:
        return conformed, []
    return channel.strip(), [
        f"channel {channel.strip()!r} is not one of the workspace's channels "
        f"({', '.join(grouping.channels)}); kept as given"
    ]


def has_data(name: str, *, workspace: str, settings: Settings) -> bool:
    """Whether any table of the warehouse has rows of this campaign (with a non-zero measure)."""
    frame = query(PRESENCE, where=[f"campaign={name}"], workspace=workspace, settings=settings)
    if frame.empty:
        return False
    return any(float(frame[k].iloc[0] or 0) > 0 for k in PRESENCE)


def no_data_note(name: str) -> str:
    return f"no data for campaign {name!r} yet; results will show once its data is imported"


def add_campaign(
    name: str,
    *,
    channel: str,
    start: date,
    end: date,
    budget: float,
    objective: str | None = None,
    owner: str | None = None,
    status: str = CampaignStatus.PLANNED.value,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Campaign:
    """Check and store a campaign plan; raise on bad input (nothing stored). A name the data
    does not know yet, or a channel outside the channel grouping, is kept with a warning."""
    settings = settings or get_settings()
    name = name.strip()
    if not name:
        raise UserError("a campaign needs a name: the campaign name as it appears in the data")
    if end < start:
        raise UserError(f"the flight ends ({end}) before it starts ({start})")
    budget = _budget(budget)
    check_status(status, CampaignStatus, "campaign")
    channel, warnings = _channel(channel, settings, workspace)
    if objective is not None:
        get_objective(objective, workspace=workspace, settings=settings)  # NotFound, suggestions
    if not has_data(name, workspace=workspace, settings=settings):
        warnings.append(no_data_note(name))
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        exists = session.scalar(
            select(CampaignPlanRow.id).where(
                CampaignPlanRow.workspace_id == ws.id, CampaignPlanRow.name == name
            )
        )
        if exists is not None:
            raise UserError(
                f"a campaign called {name!r} already exists in {workspace!r}: change it with "
                "`mpm campaign update`"
            )
        objective_id = (
            session.scalar(
                select(ObjectiveRow.id).where(
                    ObjectiveRow.workspace_id == ws.id, ObjectiveRow.name == objective
                )
            )
            if objective is not None
            else None
        )
        row = CampaignPlanRow(
            workspace_id=ws.id,
            name=name,
            objective_id=objective_id,
            channel=channel,
            start_date=start,
            end_date=end,
            budget=budget,
            owner=owner_name(owner),
            status=status,
            created_at=now(),
        )
        session.add(row)
        session.flush()
        return _campaign(row, objective, workspace_today(ws), tuple(warnings))


def list_campaigns(
    *,
    status: str | None = None,
    channel: str | None = None,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> list[Campaign]:
    """The campaigns of a workspace by flight start, optionally of one status or channel
    (channel compared case-insensitively)."""
    settings = settings or get_settings()
    if status is not None:
        check_status(status, CampaignStatus, "campaign")
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        statement = (
            select(CampaignPlanRow, ObjectiveRow.name)
            .outerjoin(ObjectiveRow, ObjectiveRow.id == CampaignPlanRow.objective_id)
            .where(CampaignPlanRow.workspace_id == ws.id)
        )
        if status is not None:
            statement = statement.where(CampaignPlanRow.status == status)
        if channel is not None:
            statement = statement.where(
                func.lower(CampaignPlanRow.channel) == channel.strip().lower()
            )
        rows = session.execute(
            statement.order_by(CampaignPlanRow.start_date, CampaignPlanRow.name)
        ).all()
        day = today or workspace_today(ws)
        return [_campaign(row, objective, day) for row, objective in rows]


def get_campaign(
    name: str,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Campaign:
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = find_campaign(session, ws, name)
        return _campaign(row, _objective_name(session, row), today or workspace_today(ws))


def update_campaign(
    name: str,
    *,
    status: str | None = None,
    budget: float | None = None,
    owner: str | None = None,
    end: date | None = None,
    reason: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> CampaignUpdate:
    """Change a campaign's status, budget, owner or end date. Cancelling, reopening a cancelled
    campaign and changing the budget need a `reason`; with a reason the update is written to
    the decision log (subject_kind "campaign") in the same transaction."""
    settings = settings or get_settings()
    if status is None and budget is None and owner is None and end is None:
        raise UserError("nothing to change: give a new status, budget, owner or end date")
    if status is not None:
        check_status(status, CampaignStatus, "campaign")
    if budget is not None:
        budget = _budget(budget)
    reason = reason.strip() if reason and reason.strip() else None
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = find_campaign(session, ws, name)
        changes: list[str] = []
        details: dict[str, Any] = {}
        needs_reason: list[str] = []
        if status is not None and status != row.status:
            changes.append(f"status {row.status} → {status}")
            details["status"] = [row.status, status]
            if CampaignStatus.CANCELLED.value in (status, row.status):
                needs_reason.append("cancelling" if status == "cancelled" else "reopening")
            row.status = status
        if budget is not None and budget != row.budget:
            changes.append(f"budget {shown(row.budget)} → {shown(budget)}")
            details["budget"] = [row.budget, budget]
            needs_reason.append("a budget change")
            row.budget = budget
        if owner is not None and owner_name(owner) != row.owner:
            changes.append(f"owner {row.owner or 'none'} → {owner_name(owner) or 'none'}")
            details["owner"] = [row.owner, owner_name(owner)]
            row.owner = owner_name(owner)
        if end is not None and end != row.end_date:
            if end < row.start_date:
                raise UserError(f"the flight would end ({end}) before it starts ({row.start_date})")
            changes.append(f"end {row.end_date} → {end}")
            details["end"] = [row.end_date.isoformat(), end.isoformat()]
            row.end_date = end
        if needs_reason and reason is None:
            raise UserError(
                f"campaign {row.name!r}: {' and '.join(needs_reason)} needs a reason "
                "(--reason TEXT), kept in the decision log"
            )
        decision_id = None
        if changes and reason is not None:
            decision = record_decision(
                session,
                ws.id,
                subject_kind="campaign",
                subject=row.name,
                what=f"campaign {row.name!r}: " + "; ".join(changes),
                why=reason,
                details=details,
            )
            decision_id = decision.id
        session.flush()
        campaign = _campaign(row, _objective_name(session, row), workspace_today(ws))
        return CampaignUpdate(campaign, tuple(changes), decision_id)


def _number(frame: Any, kpi: str) -> float | None:
    if frame.empty:
        return None
    value = frame[kpi].iloc[0]
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)


def marketing_cost(
    name: str, *, start: date, end: date, workspace: str, settings: Settings
) -> float:
    """The campaign's `marketing_cost` over the days, as budget lines count it: by channel and
    campaign, so it carries its media spend, the costs booked on it and its spend share of the
    costs without a channel (a channel's own costs without a campaign stay with the channel)."""
    frame = query(
        "marketing_cost",
        by=SCOPE,
        start=start,
        end=end,
        workspace=workspace,
        settings=settings,
    )
    if frame.empty:
        return 0.0
    return float(frame.loc[frame["campaign"] == name, "marketing_cost"].fillna(0.0).sum())


def pacing_flag(pacing: float | None, spent_share: float | None, elapsed_share: float) -> Pacing:
    """The pacing state from the shares of budget spent and of flight elapsed."""
    if elapsed_share == 0:
        return Pacing.NOT_STARTED
    if spent_share is None or pacing is None:
        return Pacing.NO_BUDGET
    if spent_share > 1:
        return Pacing.OVERSPENT
    if pacing > OVER_PACE:
        return Pacing.OVER_PACE
    if pacing < UNDER_PACE and elapsed_share >= UNDER_PACE_AFTER:
        return Pacing.UNDER_PACE
    return Pacing.ON_PLAN


def campaign_status(
    name: str,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> CampaignProgress:
    """Plan against actuals through the last complete day (yesterday) within the flight:
    marketing cost against budget, pacing (share of budget spent / share of flight elapsed),
    conversions, revenue, CPA, ROAS and the campaign's open, done and overdue activities."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        day = today or workspace_today(ws)
        row = find_campaign(session, ws, name)
        campaign = _campaign(row, _objective_name(session, row), day)
        counts: dict[str, int] = {
            status: count
            for status, count in session.execute(
                select(ActivityRow.status, func.count())
                .where(ActivityRow.campaign_id == row.id)
                .group_by(ActivityRow.status)
            )
        }
        overdue = session.scalar(
            select(func.count()).where(
                ActivityRow.campaign_id == row.id, activity_overdue_clause(day)
            )
        )
    flight_days = (campaign.end - campaign.start).days + 1
    through = min(campaign.end, day - timedelta(days=1))
    started = through >= campaign.start
    days_elapsed = (through - campaign.start).days + 1 if started else 0
    elapsed_share = days_elapsed / flight_days
    kpis = ("spend", "conversions", "revenue", "cpa", "roas")
    actual: dict[str, float | None] = dict.fromkeys(kpis)
    cost = 0.0
    if started:
        days: dict[str, Any] = {"start": campaign.start, "end": through}
        frame = query(
            kpis,
            where=[f"campaign={campaign.name}"],
            workspace=workspace,
            settings=settings,
            **days,
        )
        actual = {k: _number(frame, k) for k in kpis}
        cost = marketing_cost(campaign.name, workspace=workspace, settings=settings, **days)
    spent_share = cost / campaign.budget if campaign.budget > 0 else None
    pacing = spent_share / elapsed_share if spent_share is not None and elapsed_share > 0 else None
    notes: list[str] = []
    if not has_data(campaign.name, workspace=workspace, settings=settings):
        notes.append(no_data_note(campaign.name))
    if campaign.status == CampaignStatus.PLANNED.value and started and campaign.end >= day:
        notes.append(
            f"the flight started on {campaign.start} but the campaign is still planned: "
            f"set it live with `mpm campaign update {campaign.name!r} --status live`"
        )
    if campaign.overdue:
        notes.append(
            f"the flight ended on {campaign.end} but the campaign is still {campaign.status}: "
            f"mark it done with `mpm campaign update {campaign.name!r} --status done`"
        )
    return CampaignProgress(
        name=campaign.name,
        channel=campaign.channel,
        status=campaign.status,
        objective=campaign.objective,
        owner=campaign.owner,
        start=campaign.start,
        end=campaign.end,
        budget=campaign.budget,
        through=through if started else None,
        flight_days=flight_days,
        days_elapsed=days_elapsed,
        flight_elapsed_share=elapsed_share,
        marketing_cost=cost,
        spend=actual["spend"] or 0.0,
        conversions=actual["conversions"] or 0.0,
        revenue=actual["revenue"] or 0.0,
        cpa=actual["cpa"],
        roas=actual["roas"],
        budget_spent_share=spent_share,
        budget_remaining=campaign.budget - cost,
        pacing=pacing,
        pacing_status=pacing_flag(pacing, spent_share, elapsed_share).value,
        activities_open=sum(counts.get(s, 0) for s in OPEN_ACTIVITY),
        activities_done=counts.get(ActivityStatus.DONE.value, 0),
        activities_overdue=overdue or 0,
        notes=tuple(notes),
    )
