"""Activities (tasks) under campaigns or on their own: owner, due date, status; overdue items;
and the calendar of campaign flights and activities.

An activity is overdue when its due date has passed and it is neither done nor cancelled. Its
numeric id is the handle people use (`mpm activity done 12`); ids of other workspaces are
unknown here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from mpm.config import Settings, get_settings
from mpm.errors import NotFound, UserError
from mpm.goals.decisions import now
from mpm.plans.campaigns import (
    OPEN_ACTIVITY,
    OPEN_CAMPAIGN,
    ActivityStatus,
    activity_overdue,
    activity_overdue_clause,
    campaign_overdue,
    check_status,
    find_campaign,
    owner_name,
    workspace_today,
)
from mpm.store import WorkspaceSettings, ensure_workspace, session_scope
from mpm.store.models import ActivityRow, CampaignPlanRow

CALENDAR_MONTHS = 3  # the calendar shows this month and the next two unless told otherwise


@dataclass(frozen=True)
class Activity:
    id: int
    title: str
    campaign: str | None
    owner: str | None
    due: date
    status: str
    overdue: bool
    done_at: datetime | None
    created_at: datetime
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActivityChange:
    activity: Activity
    changes: tuple[str, ...]  # what changed, in words; empty when nothing did


@dataclass(frozen=True)
class CalendarEntry:
    """A campaign flight or an activity in the calendar."""

    kind: str  # campaign | activity
    name: str  # campaign name or activity title
    start: date  # first day of the flight; the due date of an activity
    end: date  # last day of the flight; the due date of an activity
    status: str
    owner: str | None
    overdue: bool
    campaign: str | None  # the campaign itself, or the campaign of an activity
    channel: str | None  # channel of the campaign
    id: int | None  # activity id (the handle for `mpm activity done`); None for campaigns


@dataclass(frozen=True)
class PlanCalendar:
    start: date
    end: date
    today: date
    week_start: str  # the workspace's first day of the week, e.g. "monday"
    entries: tuple[CalendarEntry, ...]


def _activity(
    row: ActivityRow, campaign: str | None, today: date, warnings: tuple[str, ...] = ()
) -> Activity:
    return Activity(
        id=row.id,
        title=row.title,
        campaign=campaign,
        owner=row.owner,
        due=row.due_date,
        status=row.status,
        overdue=activity_overdue(row.due_date, row.status, today),
        done_at=row.done_at,
        created_at=row.created_at,
        warnings=warnings,
    )


def _campaign_name(session: Session, row: ActivityRow) -> str | None:
    if row.campaign_id is None:
        return None
    return session.scalar(select(CampaignPlanRow.name).where(CampaignPlanRow.id == row.campaign_id))


def _find_activity(session: Session, ws: WorkspaceSettings, activity_id: int) -> ActivityRow:
    row = session.scalar(
        select(ActivityRow).where(ActivityRow.workspace_id == ws.id, ActivityRow.id == activity_id)
    )
    if row is None:
        raise NotFound(
            f"no activity {activity_id} in workspace {ws.slug!r}: "
            "see the ids with `mpm activity list`"
        )
    return row


def add_activity(
    title: str,
    *,
    due: date,
    campaign: str | None = None,
    owner: str | None = None,
    status: str = ActivityStatus.TODO.value,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Activity:
    """Store an activity, under a campaign plan if named; warns when it is overdue already or
    its campaign is closed."""
    settings = settings or get_settings()
    title = title.strip()
    if not title:
        raise UserError("an activity needs a title saying what is to be done")
    check_status(status, ActivityStatus, "activity")
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        day = today or workspace_today(ws)
        warnings: list[str] = []
        campaign_id = None
        if campaign is not None:
            plan = find_campaign(session, ws, campaign)
            campaign_id = plan.id
            if plan.status not in OPEN_CAMPAIGN:
                warnings.append(f"campaign {plan.name!r} is {plan.status}")
        if activity_overdue(due, status, day):
            warnings.append(f"the due date {due} has passed: the activity shows as overdue")
        created = now()
        row = ActivityRow(
            workspace_id=ws.id,
            campaign_id=campaign_id,
            title=title,
            owner=owner_name(owner),
            due_date=due,
            status=status,
            done_at=created if status == ActivityStatus.DONE.value else None,
            created_at=created,
        )
        session.add(row)
        session.flush()
        return _activity(row, campaign, day, tuple(warnings))


def list_activities(
    *,
    campaign: str | None = None,
    owner: str | None = None,
    overdue_only: bool = False,
    open_only: bool = False,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> list[Activity]:
    """Activities by due date, optionally of one campaign or owner (case-insensitive), only
    the open ones (to do or doing) or only the overdue ones."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        day = today or workspace_today(ws)
        statement = (
            select(ActivityRow, CampaignPlanRow.name)
            .outerjoin(CampaignPlanRow, CampaignPlanRow.id == ActivityRow.campaign_id)
            .where(ActivityRow.workspace_id == ws.id)
        )
        if campaign is not None:
            statement = statement.where(
                ActivityRow.campaign_id == find_campaign(session, ws, campaign).id
            )
        if owner is not None:
            statement = statement.where(func.lower(ActivityRow.owner) == owner.strip().lower())
        if open_only:
            statement = statement.where(ActivityRow.status.in_(OPEN_ACTIVITY))
        if overdue_only:
            statement = statement.where(activity_overdue_clause(day))
        rows = session.execute(statement.order_by(ActivityRow.due_date, ActivityRow.id)).all()
        return [_activity(row, name, day) for row, name in rows]


def update_activity(
    activity_id: int,
    *,
    status: str | None = None,
    due: date | None = None,
    owner: str | None = None,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> ActivityChange:
    """Change an activity's status, due date or owner; done sets `done_at`, leaving done
    clears it. Values equal to the current ones change nothing."""
    settings = settings or get_settings()
    if status is None and due is None and owner is None:
        raise UserError("nothing to change: give a new status, due date or owner")
    if status is not None:
        check_status(status, ActivityStatus, "activity")
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = _find_activity(session, ws, activity_id)
        changes: list[str] = []
        if status is not None and status != row.status:
            changes.append(f"status {row.status} → {status}")
            row.status = status
            row.done_at = now() if status == ActivityStatus.DONE.value else None
        if due is not None and due != row.due_date:
            changes.append(f"due {row.due_date} → {due}")
            row.due_date = due
        new_owner = owner_name(owner) if owner is not None else row.owner
        if new_owner != row.owner:
            changes.append(f"owner {row.owner or 'none'} → {new_owner or 'none'}")
            row.owner = new_owner
        session.flush()
        day = today or workspace_today(ws)
        return ActivityChange(_activity(row, _campaign_name(session, row), day), tuple(changes))


def complete_activity(
    activity_id: int,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> ActivityChange:
    """Mark an activity done (now); one already done is left as it is (no changes)."""
    return update_activity(
        activity_id,
        status=ActivityStatus.DONE.value,
        today=today,
        workspace=workspace,
        settings=settings,
    )


def calendar_range(start: date | None, end: date | None, today: date) -> tuple[date, date]:
    """The calendar's days: from `start` (default the first of this month) to `end` (default
    the last day of the second month after the start's month)."""
    first = start or today.replace(day=1)
    last = end or first.replace(day=1) + relativedelta(months=CALENDAR_MONTHS) - timedelta(days=1)
    if last < first:
        raise UserError(f"the calendar ends ({last}) before it starts ({first})")
    return first, last


def plan_calendar(
    *,
    start: date | None = None,
    end: date | None = None,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> PlanCalendar:
    """Campaign flights overlapping the range and activities due in it, by date. When the
    range includes today, overdue items from before it are shown too, so nothing late drops
    out of view."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        day = today or workspace_today(ws)
        first, last = calendar_range(start, end, day)
        flight_in_view: ColumnElement[bool] = CampaignPlanRow.end_date >= first
        due_in_view: ColumnElement[bool] = ActivityRow.due_date >= first
        if first <= day <= last:  # carry overdue items from before the range
            flight_in_view = or_(
                flight_in_view,
                and_(CampaignPlanRow.end_date < day, CampaignPlanRow.status.in_(OPEN_CAMPAIGN)),
            )
            due_in_view = or_(due_in_view, activity_overdue_clause(day))
        flights = select(CampaignPlanRow).where(
            CampaignPlanRow.workspace_id == ws.id,
            CampaignPlanRow.start_date <= last,
            flight_in_view,
        )
        entries = [
            CalendarEntry(
                kind="campaign",
                name=c.name,
                start=c.start_date,
                end=c.end_date,
                status=c.status,
                owner=c.owner,
                overdue=campaign_overdue(c.end_date, c.status, day),
                campaign=c.name,
                channel=c.channel,
                id=None,
            )
            for c in session.scalars(flights)
        ]
        tasks = (
            select(ActivityRow, CampaignPlanRow.name, CampaignPlanRow.channel)
            .outerjoin(CampaignPlanRow, CampaignPlanRow.id == ActivityRow.campaign_id)
            .where(
                ActivityRow.workspace_id == ws.id,
                ActivityRow.due_date <= last,
                due_in_view,
            )
        )
        entries += [
            CalendarEntry(
                kind="activity",
                name=a.title,
                start=a.due_date,
                end=a.due_date,
                status=a.status,
                owner=a.owner,
                overdue=activity_overdue(a.due_date, a.status, day),
                campaign=name,
                channel=channel,
                id=a.id,
            )
            for a, name, channel in session.execute(tasks)
        ]
    entries.sort(key=lambda e: (e.start, e.kind != "campaign", e.name, e.id or 0))
    return PlanCalendar(first, last, day, ws.week_start, tuple(entries))
