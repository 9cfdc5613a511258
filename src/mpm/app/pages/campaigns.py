"""Campaigns & activities: the list with owners, status and what is overdue, the calendar of
flights and due dates, one campaign's spend and results against its budget; planning a
campaign or an activity, and quick status changes (in place with htmx, a plain form without)."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import altair as alt
import pandas as pd
from dateutil.relativedelta import relativedelta
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mpm.app.api.access import Id
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.pages import charts, forms
from mpm.app.pages.forms import Short, Text
from mpm.app.pages.render import Here, here_of, redirect, render, sentence
from mpm.errors import UserError
from mpm.metrics import Calendar
from mpm.plans import OPEN_ACTIVITY, ActivityStatus, CampaignStatus
from mpm.services import planning

router = APIRouter(include_in_schema=False)


CAMPAIGN_STATES = [s.value for s in CampaignStatus]
ACTIVITY_STATES = [s.value for s in ActivityStatus]
VIEWS = ("list", "calendar")
MONTHS_SHOWN = 3
NO_CAMPAIGN = "No campaign"
COMMAND_HINT = re.compile(r" with `mpm [^`]*`")
# flight colours by status: planned grey, live blue, done green, cancelled light grey, and
# red for a flight that has ended while still open
STATUS_COLOURS = {
    "planned": charts.GREY,
    "live": charts.PALETTE[0],
    "done": "#2E7D32",
    "cancelled": "#C8CCD2",
    "overdue": "#C62828",
}


def _month(text: str, today: date) -> date:
    """The first day of the month `YYYY-MM`, or of this month when `text` is not one."""
    try:
        year, month = (int(part) for part in text.split("-")[:2])
        return date(year, month, 1)
    except ValueError:
        return today.replace(day=1)


# --- the calendar -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    day: date
    in_month: bool
    today: bool
    entries: list[Any]  # CalendarEntry: activities due, flights starting or ending


@dataclass(frozen=True)
class Month:
    first: date
    weeks: list[list[Day]]
    weekdays: list[str]


def months(plan: Any) -> list[Month]:
    """Month grids of the plan's range, weeks starting on the workspace's first day of the
    week; each day lists the activities due, and the flights that start or end on it."""
    by_day: dict[date, list[Any]] = {}
    for entry in plan.entries:  # an activity's start and end are its due date
        by_day.setdefault(entry.start, []).append(entry)
        if entry.end != entry.start:
            by_day.setdefault(entry.end, []).append(entry)
    first_weekday = Calendar(plan.week_start).week_start_index
    grid = calendar.Calendar(firstweekday=first_weekday)
    names = [calendar.day_abbr[(first_weekday + i) % 7] for i in range(7)]
    out: list[Month] = []
    first = plan.start.replace(day=1)
    while first <= plan.end:
        weeks = [
            [Day(d, d.month == first.month, d == plan.today, by_day.get(d, [])) for d in week]
            for week in grid.monthdatescalendar(first.year, first.month)
        ]
        out.append(Month(first, weeks, names))
        first += relativedelta(months=1)
    return out


def timeline(plan: Any, here: Here) -> dict[str, Any] | None:
    """Campaign flights as bars (one row each, by start) with their activities' due dates as
    marks on the row, and today as a rule: the plan at a glance."""
    flights = [e for e in plan.entries if e.kind == "campaign"]
    tasks = [e for e in plan.entries if e.kind == "activity"]
    if not flights and not tasks:
        return None
    order = [f.name for f in sorted(flights, key=lambda f: (f.start, f.name))]
    order += sorted({t.campaign for t in tasks if t.campaign and t.campaign not in order})
    if any(t.campaign is None for t in tasks):
        order.append(NO_CAMPAIGN)
    first, last = plan.start, plan.end + timedelta(days=1)
    bars = pd.DataFrame(
        [
            {
                "row": f.name,
                "from": max(f.start, plan.start).isoformat(),
                "to": min(f.end + timedelta(days=1), last).isoformat(),
                "flight": f"{here.day(f.start)} – {here.day(f.end)}",
                "status": "overdue" if f.overdue else f.status,
                "channel": f.channel or "",
                "owner": f.owner or "—",
            }
            for f in flights
        ],
        columns=["row", "from", "to", "flight", "status", "channel", "owner"],
    )
    marks = pd.DataFrame(
        [
            {
                "row": t.campaign or NO_CAMPAIGN,
                "due": t.start.isoformat(),
                "activity": t.name,
                "status": "overdue" if t.overdue else t.status,
                "owner": t.owner or "—",
            }
            for t in tasks
            if plan.start <= t.start <= plan.end
        ],
        columns=["row", "due", "activity", "status", "owner"],
    )
    scale = alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values()))
    x_scale = alt.Scale(domain=[first.isoformat(), last.isoformat()])
    y = alt.Y("row:N", sort=order, title=None, scale=alt.Scale(domain=order))
    layers: list[Any] = []
    if not bars.empty:
        layers.append(
            alt.Chart(bars)
            .mark_bar(cornerRadius=3, height={"band": 0.6})
            .encode(
                x=alt.X(
                    "from:T",
                    title=None,
                    scale=x_scale,
                    axis=alt.Axis(format="%b %-d", labelOverlap=True, orient="top"),
                ),
                x2="to:T",
                y=y,
                color=alt.Color(
                    "status:N",
                    title=None,
                    scale=scale,
                    legend=alt.Legend(orient="bottom", direction="horizontal"),
                ),
                tooltip=[
                    alt.Tooltip("row:N", title="Campaign"),
                    alt.Tooltip("flight:N", title="Flight"),
                    alt.Tooltip("status:N", title="Status"),
                    alt.Tooltip("channel:N", title="Channel"),
                    alt.Tooltip("owner:N", title="Owner"),
                ],
            )
        )
    if not marks.empty:
        layers.append(
            alt.Chart(marks)
            .mark_point(shape="diamond", filled=True, size=90, stroke="#FFFFFF", strokeWidth=1)
            .encode(
                x=alt.X("due:T", scale=x_scale, title=None),
                y=y,
                color=alt.Color("status:N", title=None, scale=scale),
                tooltip=[
                    alt.Tooltip("activity:N", title="Activity"),
                    alt.Tooltip("due:T", title="Due", format="%b %-d, %Y"),
                    alt.Tooltip("status:N", title="Status"),
                    alt.Tooltip("owner:N", title="Owner"),
                ],
            )
        )
    if plan.start <= plan.today <= plan.end:
        today = pd.DataFrame([{"day": plan.today.isoformat()}])
        layers.append(
            alt.Chart(today)
            .mark_rule(strokeDash=[4, 3], color="#5D6879")
            .encode(x=alt.X("day:T", scale=x_scale), tooltip=[alt.Tooltip("day:T", title="Today")])
        )
    chart = alt.layer(*layers).properties(
        title=f"{here.day(plan.start)} – {here.day(plan.end)}",
        width=charts.WIDTH,
        height=max(90, 30 * len(order)),
    )
    return charts.finish(chart, here.locale, here.currency)


# --- the page -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    view: str = "list"
    status: str = ""  # a campaign status, or "" for every one
    owner: str = ""
    overdue: bool = False
    month: str = ""  # YYYY-MM: the calendar's first month
    every_activity: bool = False  # done and cancelled activities too, not only open ones

    def query(self, **changes: Any) -> dict[str, Any]:
        values = {
            "view": self.view,
            "status": self.status,
            "owner": self.owner,
            "overdue": "1" if self.overdue else "",
            "month": self.month,
            "activities": "all" if self.every_activity else "",
        }
        return values | changes


def _page(
    request: Request,
    principal: Any,
    workspace: str,
    filters: Filters,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    here = here_of(request, principal, workspace)
    every = planning.list_campaigns(principal, workspace, settings=settings)
    campaigns = [
        c
        for c in every
        if (not filters.status or c.status == filters.status)
        and (not filters.owner or (c.owner or "").lower() == filters.owner.lower())
        and (not filters.overdue or c.overdue)
    ]
    everyone = planning.list_activities(principal, workspace, settings=settings)
    activities = [
        a
        for a in everyone
        if (filters.every_activity or a.status in OPEN_ACTIVITY)
        and (not filters.owner or (a.owner or "").lower() == filters.owner.lower())
        and (not filters.overdue or a.overdue)
    ]
    owners = sorted(
        {c.owner for c in every if c.owner} | {a.owner for a in everyone if a.owner},
        key=str.lower,
    )
    context: dict[str, Any] = {}
    if filters.view == "calendar":
        start = _month(filters.month, here.today)
        end = start + relativedelta(months=MONTHS_SHOWN) - timedelta(days=1)
        plan = planning.plan_calendar(principal, workspace, start=start, end=end, settings=settings)
        context = {
            "plan": plan,
            "months": months(plan),
            "spec": timeline(plan, here),
            "earlier": (start - relativedelta(months=1)).strftime("%Y-%m"),
            "later": (start + relativedelta(months=1)).strftime("%Y-%m"),
            "this_month": here.today.strftime("%Y-%m"),
        }
    objectives = planning.list_objectives(principal, workspace, settings=settings)
    return render(
        request,
        "campaigns/index.html",
        principal=principal,
        workspace=workspace,
        active="campaigns",
        status_code=status_code,
        filters=filters,
        campaigns=campaigns,
        every_campaign=every,
        activities=activities,
        owners=owners,
        objectives=[o.name for o in objectives],
        campaign_states=CAMPAIGN_STATES,
        activity_states=ACTIVITY_STATES,
        counts={
            "live": sum(c.status == "live" for c in every),
            "planned": sum(c.status == "planned" for c in every),
            "overdue_campaigns": sum(c.overdue for c in every),
            "open_activities": sum(a.status in OPEN_ACTIVITY for a in everyone),
            "overdue_activities": sum(a.overdue for a in everyone),
            "all_activities": len(everyone),
        },
        errors=errors or {},
        form=form or {},
        done=request.query_params.get("done", ""),
        **context,
    )


@router.get("/w/{workspace}/campaigns", **needs(planning.list_campaigns))
def campaigns_page(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    view: str = "list",
    status: str = "",
    owner: str = "",
    overdue: str = "",
    month: str = "",
    activities: str = "",
) -> HTMLResponse:
    filters = Filters(
        view=view if view in VIEWS else "list",
        status=status if status in CAMPAIGN_STATES else "",
        owner=owner.strip()[:200],
        overdue=overdue == "1",
        month=month[:7],
        every_activity=activities == "all",
    )
    return _page(request, principal, workspace, filters)


@router.post("/w/{workspace}/campaigns", **needs(planning.add_campaign))
def add_campaign(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    name: Short = "",
    channel: Short = "",
    start: Short = "",
    end: Short = "",
    budget: Short = "",
    objective: Short = "",
    owner: Short = "",
    status: Short = "planned",
) -> Response:
    """Plan a campaign: its name as the data spells it, channel, flight, budget and owner."""
    form = {
        "name": name,
        "channel": channel,
        "start": start,
        "end": end,
        "budget": budget,
        "objective": objective,
        "owner": owner,
        "status": status,
    }
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = "Name the campaign as the ad platform names it."
    if not channel.strip():
        errors["channel"] = "Name the channel, for example Paid Search."
    first, last = forms.day(start), forms.day(end)
    if first is None:
        errors["start"] = "Pick the first day of the flight."
    if last is None:
        errors["end"] = "Pick the last day of the flight."
    elif first is not None and last < first:
        errors["end"] = "The flight ends before it starts."
    money = 0.0
    try:
        money = forms.amount(budget) if budget.strip() else 0.0
    except ValueError:
        errors["budget"] = "Write the budget as a number, for example 12000."
    if not errors and first is not None and last is not None:
        try:
            created = planning.add_campaign(
                principal,
                workspace,
                name.strip(),
                channel=channel.strip(),
                start=first,
                end=last,
                budget=money,
                objective=objective.strip() or None,
                owner=owner.strip() or None,
                status=status,
                settings=settings_of(request),
            )
        except UserError as exc:
            errors["campaign"] = sentence(exc)
        else:
            return redirect(f"/w/{workspace}/campaigns/{created.id}?created=1")
    return _page(
        request, principal, workspace, Filters(), errors=errors, form=form, status_code=422
    )


@router.post("/w/{workspace}/activities", **needs(planning.add_activity))
def add_activity(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    title: Short = "",
    due: Short = "",
    campaign: Short = "",
    owner: Short = "",
    back: Short = "",
) -> Response:
    """An activity with its due date and owner, under a campaign or on its own."""
    form = {"title": title, "due": due, "activity_campaign": campaign, "activity_owner": owner}
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Say what is to be done."
    due_day = forms.day(due)
    if due_day is None:
        errors["due"] = "Pick the day it is due."
    if not errors and due_day is not None:
        try:
            planning.add_activity(
                principal,
                workspace,
                title.strip(),
                due=due_day,
                campaign=campaign.strip() or None,
                owner=owner.strip() or None,
                settings=settings_of(request),
            )
        except UserError as exc:
            errors["activity"] = sentence(exc)
        else:
            return redirect(_back(workspace, back) + "?done=activity#activities")
    return _page(
        request, principal, workspace, Filters(), errors=errors, form=form, status_code=422
    )


def campaign_error(error: UserError, name: str) -> str:
    """A refused campaign change in words for its row or page: without the campaign's name
    (the row or page shows it) and the command line's options."""
    words = str(error).replace(f"campaign {name!r}: ", "").replace(" (--reason TEXT)", "")
    return sentence(words.replace(": give a new status, budget, owner or end date", ""))


def _back(workspace: str, back: str) -> str:
    """The page to return to after a form: a campaign's page when the form was on it."""
    return f"/w/{workspace}/campaigns/{back}" if back.isdigit() else f"/w/{workspace}/campaigns"


@router.post("/w/{workspace}/campaigns/{campaign_id}/status", **needs(planning.update_campaign))
def campaign_status_change(
    workspace: str,
    campaign_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    status: Short = "",
    reason: Text = "",
) -> Response:
    """A campaign's status from the list: cancelling or reopening needs a reason, which goes
    to the decision log. htmx gets the row back (with the error in it), a form the page."""
    error = ""
    campaign = planning.get_campaign(
        principal, workspace, campaign_id, settings=settings_of(request)
    )
    try:
        campaign = planning.update_campaign(
            principal,
            workspace,
            campaign_id,
            status=status,
            reason=reason or None,
            settings=settings_of(request),
        ).campaign
    except UserError as exc:
        error = campaign_error(exc, campaign.name)
    if forms.from_htmx(request):
        return render(
            request,
            "campaigns/_campaign_row.html",
            principal=principal,
            workspace=workspace,
            status_code=422 if error else 200,
            c=campaign,
            chosen=status,
            row_error=error,
            campaign_states=CAMPAIGN_STATES,
        )
    if error:
        return _detail(
            request, principal, workspace, campaign_id, errors={"edit": error}, status_code=422
        )
    return redirect(f"/w/{workspace}/campaigns?done=status#campaigns")


@router.post("/w/{workspace}/activities/{activity_id}/status", **needs(planning.update_activity))
def activity_status_change(
    workspace: str,
    activity_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    status: Short = "",
    back: Short = "",
) -> Response:
    """An activity's status from a list: todo, doing, done or cancelled."""
    error = ""
    activity = None
    try:
        activity = planning.update_activity(
            principal, workspace, activity_id, status=status, settings=settings_of(request)
        ).activity
    except UserError as exc:
        error = sentence(exc)
    if forms.from_htmx(request):
        if activity is None:
            activity = next(
                a
                for a in planning.list_activities(
                    principal, workspace, settings=settings_of(request)
                )
                if a.id == activity_id
            )
        return render(
            request,
            "campaigns/_activity_row.html",
            principal=principal,
            workspace=workspace,
            status_code=422 if error else 200,
            a=activity,
            row_error=error,
            activity_states=ACTIVITY_STATES,
            back=back,
        )
    if error:
        return _page(
            request, principal, workspace, Filters(), errors={"activity": error}, status_code=422
        )
    return redirect(_back(workspace, back) + "?done=status#activities")


# --- one campaign -------------------------------------------------------------------------------


def _detail(
    request: Request,
    principal: Any,
    workspace: str,
    campaign_id: int,
    *,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    campaign = planning.get_campaign(principal, workspace, campaign_id, settings=settings)
    progress = planning.campaign_status(principal, workspace, campaign_id, settings=settings)
    activities = planning.list_activities(
        principal, workspace, campaign=campaign.name, settings=settings
    )
    decisions = planning.list_decisions(
        principal, workspace, subject_kind="campaign", subject=campaign.name, settings=settings
    )
    return render(
        request,
        "campaigns/detail.html",
        principal=principal,
        workspace=workspace,
        active="campaigns",
        status_code=status_code,
        c=campaign,
        progress=progress,
        notes=[sentence(COMMAND_HINT.sub("", note)) for note in progress.notes],
        activities=activities,
        decisions=list(reversed(decisions)),
        campaign_states=CAMPAIGN_STATES,
        activity_states=ACTIVITY_STATES,
        errors=errors or {},
        form=form or {},
        created=request.query_params.get("created") == "1",
        done=request.query_params.get("done", ""),
    )


@router.get("/w/{workspace}/campaigns/{campaign_id}", **needs(planning.campaign_status))
def campaign_page(
    workspace: str, campaign_id: Id, request: Request, principal: CurrentPrincipal
) -> HTMLResponse:
    return _detail(request, principal, workspace, campaign_id)


@router.post("/w/{workspace}/campaigns/{campaign_id}/edit", **needs(planning.update_campaign))
def edit_campaign(
    workspace: str,
    campaign_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    status: Short = "",
    budget: Short = "",
    owner: Short = "",
    end: Short = "",
    reason: Text = "",
) -> Response:
    """Change status, budget, owner or end date; cancelling, reopening and budget changes
    need a reason (kept in the decision log)."""
    form = {"status": status, "budget": budget, "owner": owner, "end": end, "reason": reason}
    errors: dict[str, str] = {}
    changes: dict[str, Any] = {}
    if status.strip():
        changes["status"] = status.strip()
    if budget.strip():
        try:
            changes["budget"] = forms.amount(budget)
        except ValueError:
            errors["budget"] = "Write the budget as a number."
    if owner.strip():
        changes["owner"] = owner.strip()
    if end.strip():
        last = forms.day(end)
        if last is None:
            errors["end"] = "Pick a date."
        changes["end"] = last
    if not errors:
        try:
            planning.update_campaign(
                principal,
                workspace,
                campaign_id,
                reason=reason or None,
                settings=settings_of(request),
                **changes,
            )
        except UserError as exc:
            name = planning.get_campaign(
                principal, workspace, campaign_id, settings=settings_of(request)
            ).name
            errors["edit"] = campaign_error(exc, name)
    if errors:
        return _detail(
            request, principal, workspace, campaign_id, errors=errors, form=form, status_code=422
        )
    return redirect(f"/w/{workspace}/campaigns/{campaign_id}?done=changed")
