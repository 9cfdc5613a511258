"""The annual budget review and the campaign post-mortem: what was spent, what it brought, how
that compares with the plan and with the year before, and where the next unit of money is
likely to work hardest (simple marginal return, `mpm.analysis.response`).

Every KPI is a ratio of sums over the whole period (the KPI layer's rule); the year before is
the same span of days one year earlier, so a year in progress is compared like for like.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd

from mpm.analysis.response import Response, marginal_return
from mpm.config import Settings, get_settings
from mpm.errors import NotFound, UserError
from mpm.goals import list_decisions, objective_progress
from mpm.goals.objectives import get_objective, year_back
from mpm.metrics import query
from mpm.plans.activities import list_activities
from mpm.plans.budgets import list_budgets
from mpm.plans.campaigns import Campaign, get_campaign, marketing_cost, workspace_today
from mpm.store import ensure_workspace, session_scope

RESULTS = ["spend", "marketing_cost", "conversions", "revenue", "new_customers"]
RATIOS = ["cpa", "roas", "roi", "cac"]
KPIS = RESULTS + RATIOS
CAMPAIGN_KPIS = [
    "spend",
    "impressions",
    "clicks",
    "conversions",
    "revenue",
    "ctr",
    "cpc",
    "cpa",
    "roas",
]


def _value(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def change(now: float | None, before: float | None) -> float | None:
    """Relative change; None when either is unknown or the earlier value is 0."""
    if now is None or before is None or before == 0:
        return None
    return now / before - 1


def _records(frame: pd.DataFrame, key: str) -> dict[str, dict[str, float | None]]:
    return {
        str(row[key]): {k: _value(row[k]) for k in frame.columns if k != key}
        for _, row in frame.iterrows()
    }


@dataclass(frozen=True)
class ChannelReview:
    channel: str
    values: dict[str, float | None]  # KPIS this year
    previous: dict[str, float | None]  # KPIS the year before, same days
    planned: float | None  # budget lines of the year
    response: Response  # weekly revenue against weekly media spend
    rank: int | None  # by marginal ROAS, best first

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {"rank": self.rank, "channel": self.channel}
        for kpi in KPIS:
            out[kpi] = self.values.get(kpi)
            out[f"{kpi}_previous"] = self.previous.get(kpi)
            out[f"{kpi}_change"] = change(self.values.get(kpi), self.previous.get(kpi))
        cost = self.values.get("marketing_cost")
        out["planned"] = self.planned
        out["variance"] = None if self.planned is None or cost is None else cost - self.planned
        r = self.response
        out["marginal_roas"] = r.marginal
        out["marginal_roas_low"] = r.marginal_low
        out["marginal_roas_high"] = r.marginal_high
        out["marginal_roi"] = None if r.marginal is None else r.marginal - 1
        out["elasticity"] = r.elasticity
        out["response_weeks"] = r.periods
        out["response_note"] = r.note
        return out


@dataclass(frozen=True)
class AnnualReview:
    year: int
    start: date
    end: date  # last complete day counted
    previous_start: date
    previous_end: date
    channels: list[ChannelReview]  # ranked by marginal ROAS, then by revenue
    total: dict[str, float | None]
    total_previous: dict[str, float | None]
    total_planned: float | None


def annual_review(
    year: int,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> AnnualReview:
    """Per channel: spend, results, CPA, ROAS, ROI and CAC for `year` against its budget lines
    and against the same days of the year before, ranked by marginal ROAS."""
    settings = settings or get_settings()
    if today is None:
        with session_scope(settings.app_database_url) as session:
            today = workspace_today(ensure_workspace(session, workspace))
    start = date(year, 1, 1)
    end = min(date(year, 12, 31), today - timedelta(days=1))
    if end < start:
        raise UserError(f"{year} has not started yet: review a year up to {today.year}")
    previous_start, previous_end = date(year - 1, 1, 1), year_back(end)

    def by_channel(a: date, b: date) -> dict[str, dict[str, float | None]]:
        frame = query(KPIS, by="channel", start=a, end=b, workspace=workspace, settings=settings)
        return _records(frame, "channel")

    current, previous = by_channel(start, end), by_channel(previous_start, previous_end)
    totals = query(KPIS, start=start, end=end, workspace=workspace, settings=settings)
    totals_previous = query(
        KPIS, start=previous_start, end=previous_end, workspace=workspace, settings=settings
    )
    planned: dict[str, float] = defaultdict(float)
    for line in list_budgets(workspace=workspace, settings=settings):
        if line.start >= start and line.end <= date(year, 12, 31):
            planned[line.channel] += line.planned
    weekly = query(
        ["spend", "revenue"],
        by="channel",
        grain="week",
        start=start,
        end=end,
        workspace=workspace,
        settings=settings,
    )
    channels = []
    for channel in sorted(set(current) | set(planned)):
        rows = weekly[weekly["channel"] == channel]
        response = marginal_return(
            rows["spend"].fillna(0).to_numpy(float), rows["revenue"].fillna(0).to_numpy(float)
        )
        channels.append(
            ChannelReview(
                channel,
                current.get(channel, {}),
                previous.get(channel, {}),
                planned.get(channel),
                response,
                None,
            )
        )
    ranked = sorted(
        channels,
        key=lambda c: (
            c.response.marginal is None,
            -(c.response.marginal or 0),
            -(c.values.get("revenue") or 0),
        ),
    )
    channels = [
        ChannelReview(
            c.channel,
            c.values,
            c.previous,
            c.planned,
            c.response,
            i + 1 if c.response.marginal is not None else None,
        )
        for i, c in enumerate(ranked)
    ]
    return AnnualReview(
        year,
        start,
        end,
        previous_start,
        previous_end,
        channels,
        {k: _value(totals[k].iloc[0]) for k in KPIS} if not totals.empty else {},
        {k: _value(totals_previous[k].iloc[0]) for k in KPIS} if not totals_previous.empty else {},
        sum(planned.values()) if planned else None,
    )


@dataclass(frozen=True)
class CampaignReview:
    name: str
    planned: bool  # False: reviewed from its data alone (no campaign plan)
    channel: str | None
    status: str | None
    owner: str | None
    objective: str | None
    objective_status: str | None
    objective_probability: float | None
    start: date
    end: date
    through: date  # last complete day counted
    budget: float | None
    marketing_cost: float | None
    values: dict[str, float | None]  # CAMPAIGN_KPIS over the flight
    previous_year: dict[str, float | None]  # last year's edition, or the same days a year earlier
    previous_name: str  # the campaign compared with: this one, or last year's edition
    previous_start: date
    previous_end: date
    before: dict[str, float | None]  # the same number of days just before the flight
    response: Response  # daily revenue against daily spend over the flight
    activities_done: int
    activities_open: int
    activities_overdue: int
    decisions: list[str]

    def record(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            k: getattr(self, k)
            for k in (
                "name",
                "planned",
                "channel",
                "status",
                "owner",
                "objective",
                "objective_status",
                "objective_probability",
                "start",
                "end",
                "through",
                "budget",
                "marketing_cost",
                "previous_name",
                "previous_start",
                "previous_end",
            )
        }
        out["budget_used"] = (
            None
            if not self.budget or self.marketing_cost is None
            else self.marketing_cost / self.budget
        )
        out["budget_variance"] = (
            None
            if self.budget is None or self.marketing_cost is None
            else self.marketing_cost - self.budget
        )
        for kpi in CAMPAIGN_KPIS:
            out[kpi] = self.values.get(kpi)
            out[f"{kpi}_previous_year"] = self.previous_year.get(kpi)
            out[f"{kpi}_before"] = self.before.get(kpi)
        r = self.response
        out |= {
            "marginal_roas": r.marginal,
            "marginal_roas_low": r.marginal_low,
            "marginal_roas_high": r.marginal_high,
            "response_days": r.periods,
            "response_note": r.note,
            "activities_done": self.activities_done,
            "activities_open": self.activities_open,
            "activities_overdue": self.activities_overdue,
            "decisions": self.decisions,
        }
        return out


def _flight_from_data(
    name: str, *, workspace: str, settings: Settings
) -> tuple[date, date, str | None]:
    frame = query(
        "spend",
        by="channel",
        grain="day",
        where=[f"campaign={name}"],
        workspace=workspace,
        settings=settings,
    )
    frame = frame[frame["spend"].fillna(0) > 0]
    if frame.empty:
        raise NotFound(
            f"no campaign {name!r}: neither planned (`mpm campaign list`) nor in the spend data "
            "(`mpm kpi spend --by campaign`)"
        )
    days = pd.to_datetime(frame["period"]).dt.date
    channel = frame.groupby("channel")["spend"].sum().idxmax()
    return days.min(), days.max(), str(channel)


YEAR_IN_NAME = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")


def last_edition(name: str) -> str | None:
    """The same campaign a year earlier by its name, if the name carries a year: "Black Friday
    2026" → "Black Friday 2025" (the last year named)."""
    years = list(YEAR_IN_NAME.finditer(name))
    if not years:
        return None
    year = years[-1]
    return f"{name[: year.start()]}{int(year.group()) - 1}{name[year.end() :]}"


def _without_data(values: dict[str, float | None]) -> dict[str, float | None]:
    """None for every KPI when the campaign had no delivery and no revenue then (nothing to
    compare with), else the values."""
    if any(values.get(k) for k in ("spend", "impressions", "clicks", "revenue")):
        return values
    return dict.fromkeys(CAMPAIGN_KPIS)


def campaign_review(
    name: str,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> CampaignReview:
    """A campaign's post-mortem: plan against actuals over its flight, against the same days a
    year earlier and the days just before, its marginal return, activities and decisions. A
    campaign that was never planned in mpm is reviewed over the days it spent."""
    settings = settings or get_settings()
    if today is None:
        with session_scope(settings.app_database_url) as session:
            today = workspace_today(ensure_workspace(session, workspace))
    try:
        plan: Campaign | None = get_campaign(
            name, today=today, workspace=workspace, settings=settings
        )
    except NotFound:
        plan = None
    if plan is not None:
        start, end, channel = plan.start, plan.end, plan.channel
    else:
        start, end, channel = _flight_from_data(name, workspace=workspace, settings=settings)
    objective_name = plan.objective if plan else None
    through = min(end, today - timedelta(days=1))
    if through < start:
        raise UserError(f"campaign {name!r} starts on {start}: nothing to review yet")
    where = [f"campaign={name}"]

    def kpis(campaign: str, a: date, b: date) -> dict[str, float | None]:
        frame = query(
            CAMPAIGN_KPIS,
            start=a,
            end=b,
            where=[f"campaign={campaign}"],
            workspace=workspace,
            settings=settings,
        )
        return {k: _value(frame[k].iloc[0]) for k in CAMPAIGN_KPIS} if not frame.empty else {}

    days = (through - start).days + 1
    values = kpis(name, start, through)
    previous_name, previous_start, previous_end = name, year_back(start), year_back(through)
    edition = last_edition(name)
    if edition is not None:  # a yearly campaign: last year's edition over its own flight
        try:
            previous_start, previous_end, _ = _flight_from_data(
                edition, workspace=workspace, settings=settings
            )
            previous_name = edition
        except NotFound:
            pass
    previous_year = _without_data(kpis(previous_name, previous_start, previous_end))
    before = _without_data(kpis(name, start - timedelta(days=days), start - timedelta(days=1)))
    cost = marketing_cost(name, start=start, end=through, workspace=workspace, settings=settings)
    daily = query(
        ["spend", "revenue"],
        grain="day",
        start=start,
        end=through,
        where=where,
        workspace=workspace,
        settings=settings,
    )
    response = marginal_return(
        daily["spend"].fillna(0).to_numpy(float), daily["revenue"].fillna(0).to_numpy(float)
    )
    objective_status = objective_probability = None
    if objective_name is not None:
        progress = objective_progress(
            get_objective(objective_name, workspace=workspace, settings=settings),
            today=today,
            workspace=workspace,
            settings=settings,
        )
        objective_status, objective_probability = progress.status, progress.probability
    activities = (
        list_activities(campaign=name, today=today, workspace=workspace, settings=settings)
        if plan is not None
        else []
    )
    decisions = [
        f"#{d.id} {d.decided_at:%Y-%m-%d} {d.what} (why: {d.why})"
        for d in list_decisions(
            subject_kind="campaign", subject=name, workspace=workspace, settings=settings
        )
    ]
    return CampaignReview(
        name=name,
        planned=plan is not None,
        channel=channel,
        status=plan.status if plan else None,
        owner=plan.owner if plan else None,
        objective=objective_name,
        objective_status=objective_status,
        objective_probability=objective_probability,
        start=start,
        end=end,
        through=through,
        budget=plan.budget if plan else None,
        marketing_cost=cost,
        values=values,
        previous_year=previous_year,
        previous_name=previous_name,
        previous_start=previous_start,
        previous_end=previous_end,
        before=before,
        response=response,
        activities_done=sum(a.status == "done" for a in activities),
        activities_open=sum(a.status in ("todo", "doing") for a in activities),
        activities_overdue=sum(a.overdue for a in activities),
        decisions=decisions,
    )
