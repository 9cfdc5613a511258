"""The demo company's plans: objectives for this quarter and the next, quarterly budget lines
per paid channel, campaign plans with their activities, a review and a reallocation.

They are set the way a planning team sets them, from the data: a total's baseline is the same
days a year earlier scaled by the year-on-year change of the last 13 weeks (or the recent
daily rate where there is no year before), and each plan asks for more or less than its
baseline, so that some objectives are on track and some are not, one budget line runs over
pace and one under. "Today" is the day after the demo data ends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from mpm.config import Settings
from mpm.demo.campaigns import CATALOGUE
from mpm.goals import add_objective, add_review, list_objectives, log_decision, year_back
from mpm.metrics import query
from mpm.plans import (
    add_activity,
    add_campaign,
    budget_status,
    list_budgets,
    list_campaigns,
    reallocate,
    set_budget,
    update_campaign,
)

TREND_DAYS = 91  # the recent window whose year-on-year change scales last year's numbers
PAID = ("Paid Search", "Paid Social", "Display", "Video")

CMO = "cmo@ridgeline.example"
GROWTH = "growth@ridgeline.example"
SEARCH = "sem@ridgeline.example"
SOCIAL = "social@ridgeline.example"
B2B = "b2b@ridgeline.example"
OWNERS = {"Paid Search": SEARCH, "Paid Social": SOCIAL, "Display": GROWTH, "Video": GROWTH}

BUDGET_AMBITION = {"Paid Search": 1.0, "Paid Social": 1.02, "Display": 0.85, "Video": 1.3}
"""This quarter's planned spend over what the channel is on course to spend: Display is
planned short of it (over pace), Video beyond it (under pace, money to move)."""
COMMITTED = {"Paid Search": 0.0, "Paid Social": 0.3, "Display": 0.5, "Video": 0.5}
"""Share of a line's planned money booked in insertion orders (search is bought at auction)."""


@dataclass(frozen=True)
class DemoPlans:
    """What the demo planned, as of `today`; `skipped` says why nothing was added."""

    today: date
    objectives: int = 0
    budget_lines: int = 0
    campaigns: int = 0
    activities: int = 0
    decisions: int = 0
    skipped: str | None = None


@dataclass(frozen=True)
class Quarter:
    start: date
    end: date

    @classmethod
    def of(cls, day: date) -> Quarter:
        start = date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
        return cls(start, start + relativedelta(months=3, days=-1))

    @property
    def next(self) -> Quarter:
        return Quarter.of(self.end + timedelta(days=1))

    @property
    def label(self) -> str:  # the budget period: 2026-Q4
        return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"

    @property
    def title(self) -> str:  # for people: Q4 2026
        return f"Q{(self.start.month - 1) // 3 + 1} {self.start.year}"


@dataclass(frozen=True)
class Flight:
    """A seasonal campaign of the catalogue in one year."""

    name: str
    channel: str
    start: date
    end: date
    daily_budget: float


class _Data:
    """The demo warehouse as a planner reads it: KPI totals over a date range."""

    def __init__(self, settings: Settings, workspace: str, first: date, last: date) -> None:
        self.settings, self.workspace, self.first, self.last = settings, workspace, first, last

    def total(self, kpi: str, start: date, end: date, where: tuple[str, ...] = ()) -> float:
        if end < self.first or start > self.last:
            return 0.0
        frame = query(
            kpi,
            start=max(start, self.first),
            end=min(end, self.last),
            where=list(where),
            workspace=self.workspace,
            settings=self.settings,
        )
        value = frame[kpi].iloc[0] if len(frame) else None
        return 0.0 if value is None or value != value else float(value)

    def trend(self, kpi: str, where: tuple[str, ...] = ()) -> float | None:
        """The KPI over the last TREND_DAYS days against the same days a year earlier."""
        start = self.last - timedelta(days=TREND_DAYS - 1)
        before = self.total(kpi, year_back(start), year_back(self.last), where)
        if year_back(start) < self.first or before <= 0:
            return None
        return self.total(kpi, start, self.last, where) / before

    def baseline(self, kpi: str, start: date, end: date, where: tuple[str, ...] = ()) -> float:
        """What a planner expects of a total over `start`..`end`."""
        growth = self.trend(kpi, where)
        if growth is not None and year_back(start) >= self.first:
            return self.total(kpi, year_back(start), year_back(end), where) * growth
        recent = self.last - timedelta(days=27)
        return self.total(kpi, recent, self.last, where) / 28 * ((end - start).days + 1)

    def run_rate(self, kpi: str, start: date, end: date, where: tuple[str, ...] = ()) -> float:
        """A total over `start`..`end` on course: so far, and the last four weeks' daily rate
        for the days left."""
        if start > self.last:
            return self.baseline(kpi, start, end, where)
        recent = self.total(kpi, self.last - timedelta(days=27), self.last, where) / 28
        return self.total(kpi, start, self.last, where) + recent * (end - self.last).days

    def recent(self, kpi: str, where: tuple[str, ...] = ()) -> float:
        """The KPI over the last four weeks (for a ratio: its ratio of sums)."""
        return self.total(kpi, self.last - timedelta(days=27), self.last, where)


def rounded(value: float, places: int = 3) -> float:
    """A planner's round number: `places` significant digits."""
    if value <= 0:
        return 0.0
    digits = len(str(int(value))) - places
    return float(round(value, -digits)) if digits > 0 else round(value, 2)


def flights(year: int) -> list[Flight]:
    """The seasonal campaigns of the catalogue in `year`, by start."""
    found = []
    for spec in CATALOGUE:
        if spec.window is not None:
            start, end = spec.window(year)
            found.append(
                Flight(spec.name.format(year=year), spec.channel, start, end, spec.daily_budget)
            )
    return sorted(found, key=lambda f: (f.start, f.name))


def plan_demo(
    settings: Settings, *, workspace: str = "default", first: date, last: date
) -> DemoPlans:
    """Add the demo's objectives, budgets, campaigns and activities to `workspace`, whose data
    runs from `first` to `last`. A workspace that already has any is left as it is."""
    today = last + timedelta(days=1)
    has = (
        list_objectives(workspace=workspace, settings=settings)
        or list_budgets(workspace=workspace, settings=settings)
        or list_campaigns(workspace=workspace, settings=settings)
    )
    if has:
        return DemoPlans(today, skipped="the workspace has plans already; they were kept")
    data = _Data(settings, workspace, first, last)
    quarter = Quarter.of(today)
    objectives = _objectives(data, quarter, today, workspace, settings)
    lines, decisions = _budgets(data, quarter, today, workspace, settings)
    campaigns, activities, cancelled = _campaigns(data, quarter, today, workspace, settings)
    log_decision(
        subject_kind="channel",
        subject="Display",
        what="capped display prospecting's daily budget at its plan",
        why="a mistyped daily budget made display prospecting spend about four times its plan",
        evidence="mpm kpi spend --by campaign --where channel=Display --grain week",
        who=GROWTH,
        workspace=workspace,
        settings=settings,
    )
    return DemoPlans(
        today,
        objectives=objectives,
        budget_lines=lines,
        campaigns=campaigns,
        activities=activities,
        decisions=decisions + cancelled + 1,
    )


def _objectives(
    data: _Data, quarter: Quarter, today: date, workspace: str, settings: Settings
) -> int:
    """This quarter's objectives, with ambitions from easy to out of reach, and the next
    quarter's revenue; a review of this quarter's revenue a week ago."""
    q, nxt = quarter, quarter.next
    search, social = ("channel=Paid Search",), ("channel=Paid Social",)
    count = 0

    def objective(
        name: str,
        kpi: str,
        target: float,
        period: Quarter,
        goal: str,
        owner: str,
        *,
        filters: tuple[str, ...] = (),
        cadence: str = "weekly",
    ) -> None:
        nonlocal count
        add_objective(
            name,
            kpi=kpi,
            target=rounded(target),
            start=period.start,
            end=period.end,
            filters=filters,
            goal=goal,
            owner=owner,
            cadence=cadence,
            phasing="even" if filters else "seasonal",  # totals follow last year's weeks
            workspace=workspace,
            settings=settings,
        )
        count += 1

    def baseline(kpi: str, period: Quarter) -> float:
        return data.baseline(kpi, period.start, period.end)

    objective(f"{q.title} revenue", "revenue", baseline("revenue", q) * 1.03, q,
              "revenue_growth", CMO)  # fmt: skip
    objective(f"{q.title} new customers", "new_customers", baseline("new_customers", q) * 1.3,
              q, "customer_acquisition", GROWTH)  # fmt: skip
    objective(f"{q.title} B2B leads", "leads", baseline("leads", q) * 0.85, q,
              "lead_generation", B2B, cadence="monthly")  # fmt: skip
    objective(f"{q.title} Paid Search CPA", "cpa", data.recent("cpa", search) * 1.25, q,
              "customer_acquisition", SEARCH, filters=search)  # fmt: skip
    objective(f"{q.title} Paid Social ROAS", "roas", data.recent("roas", social) * 1.35, q,
              "revenue_growth", SOCIAL, filters=social)  # fmt: skip
    objective(f"{nxt.title} revenue", "revenue", baseline("revenue", nxt) * 1.05, nxt,
              "revenue_growth", CMO, cadence="monthly")  # fmt: skip
    review_day = today - timedelta(days=7)
    if review_day > q.start:
        add_review(
            f"{q.title} revenue",
            "Revenue follows last year's curve; the holiday weeks decide the quarter. "
            "Keep search budgets flexible.",
            reviewer=CMO,
            today=review_day,
            workspace=workspace,
            settings=settings,
        )
    return count


def _budgets(
    data: _Data, quarter: Quarter, today: date, workspace: str, settings: Settings
) -> tuple[int, int]:
    """Quarterly lines per paid channel for this year up to this quarter and for the next;
    then money moved from the line that spends too slowly to search. Returns (lines,
    decisions)."""
    quarters = [Quarter.of(date(quarter.start.year, 1, 1))]
    while quarters[-1].start < quarter.start:
        quarters.append(quarters[-1].next)
    quarters.append(quarter.next)
    lines = 0
    for period in quarters:
        for channel in PAID:
            where = (f"channel={channel}",)
            if period == quarter:  # what it is on course to spend, asked for more or less
                expected = data.run_rate("marketing_cost", period.start, period.end, where)
                planned = rounded(expected * BUDGET_AMBITION[channel], 2)
            else:  # last year's (or the recent) spend and a tenth more
                expected = data.baseline("marketing_cost", period.start, period.end, where)
                planned = rounded(expected * 1.1, 2)
            if planned <= 0:
                continue
            set_budget(
                period.label,
                channel,
                planned=planned,
                committed=round(planned * COMMITTED[channel], -2),
                note=f"{OWNERS[channel]}: {period.title} plan",
                who=CMO,
                workspace=workspace,
                settings=settings,
            )
            lines += 1
    moved = _reallocation(quarter, today, workspace, settings)
    return lines, lines + moved


def _reallocation(quarter: Quarter, today: date, workspace: str, settings: Settings) -> int:
    """Move 40% of what is free on this quarter's Video line to Paid Search (one decision),
    if at least 1,000 is free."""
    status = {
        s.line.channel: s
        for s in budget_status(
            period=quarter.label, today=today, workspace=workspace, settings=settings
        )
    }
    source, target = status.get("Video"), status.get("Paid Search")
    if source is None or target is None or source.available < 1000:
        return 0
    reallocate(
        source.line.ref,
        target.line.ref,
        amount=rounded(source.available * 0.4, 2),
        reason="Video spends well under plan; Paid Search converts below its CPA target",
        evidence=f"mpm plan budget status --period {quarter.label}; "
        "mpm kpi cpa --by channel --from this_quarter",
        who=CMO,
        today=today,
        workspace=workspace,
        settings=settings,
    )
    return 1


@dataclass(frozen=True)
class Step:
    """An activity of a campaign plan, due `offset` days from the flight's start (or end)."""

    title: str
    offset: int
    status: str = "todo"
    after_end: bool = False


BRIEF = "Brief the creative agency"
LAUNCH_QA = "Launch QA: links, pixels and UTM tags"
POST_MORTEM = "Write the post-mortem"
FIRST_STEPS = [
    Step(BRIEF, -28, "doing"),
    Step("Book the landing page build", -14),
    Step(LAUNCH_QA, -1),
]


def _campaigns(
    data: _Data, quarter: Quarter, today: date, workspace: str, settings: Settings
) -> tuple[int, int, int]:
    """Campaign plans: the seasonal flights of the last four months (done; the latest still
    marked live, so it shows as overdue), those running now (live), an always-on search
    campaign for this quarter, and the next two flights (one planned, one cancelled). Each
    gets the activities its stage calls for. Returns (campaigns, activities, decisions)."""
    year = today.year
    seasonal = [f for y in (year - 1, year, year + 1) for f in flights(y)]
    ended = [f for f in seasonal if today - timedelta(days=120) <= f.end < today]
    running = [f for f in seasonal if f.start < today <= f.end]
    upcoming = [f for f in seasonal if f.start >= today][:2]
    campaigns = activities = 0

    def plan(
        flight: Flight, status: str, budget: float, objective: str | None, steps: list[Step]
    ) -> None:
        nonlocal campaigns, activities
        add_campaign(
            flight.name,
            channel=flight.channel,
            start=flight.start,
            end=flight.end,
            budget=budget,
            objective=objective,
            owner=OWNERS.get(flight.channel),
            status=status,
            workspace=workspace,
            settings=settings,
        )
        campaigns += 1
        for step in steps:
            anchor = flight.end if step.after_end else flight.start
            add_activity(
                step.title,
                due=anchor + timedelta(days=step.offset),
                campaign=flight.name,
                owner=OWNERS.get(flight.channel),
                status=step.status,
                today=today,
                workspace=workspace,
                settings=settings,
            )
            activities += 1

    def spent(flight: Flight) -> float:
        return data.total("marketing_cost", flight.start, flight.end, (f"campaign={flight.name}",))

    revenue_objective = f"{quarter.title} revenue"
    for i, flight in enumerate(ended):
        latest = i == len(ended) - 1
        plan(
            flight,
            "live" if latest else "done",
            rounded(spent(flight) * (0.9 if i % 2 else 1.08), 2),  # one ran over its budget
            revenue_objective if flight.end >= quarter.start else None,
            [
                Step(BRIEF, -21, "done"),
                Step(LAUNCH_QA, -1, "done"),
                Step(POST_MORTEM, 10, "todo" if latest else "done", after_end=True),
                *([Step("Pull the final platform numbers", 2, after_end=True)] if latest else []),
            ],
        )
    for flight in running:
        days = (flight.end - flight.start).days + 1
        elapsed = (today - flight.start).days
        pace = spent(flight) / max(elapsed, 1)
        plan(
            flight,
            "live",
            rounded(pace * days * 1.05, 2),
            revenue_objective,
            [
                Step(BRIEF, -21, "done"),
                Step(LAUNCH_QA, -1, "done"),
                Step("Mid-flight optimisation review", days // 2),
                Step(POST_MORTEM, 10, after_end=True),
            ],
        )
    always_on = Flight(
        "Search | Generic | Tents & Camping", "Paid Search", quarter.start, quarter.end, 0.0
    )
    quarter_days = (quarter.end - quarter.start).days + 1
    run_rate = (
        data.total(
            "marketing_cost",
            today - timedelta(days=28),
            today - timedelta(days=1),
            (f"campaign={always_on.name}",),
        )
        / 28
    )
    plan(
        always_on,
        "live",
        rounded(run_rate * quarter_days, 2),
        f"{quarter.title} Paid Search CPA",
        [Step("Negative keyword clean-up", 14, "done"), Step("Bid strategy review", 45)],
    )
    cancelled = 0
    for i, flight in enumerate(upcoming):
        days = (flight.end - flight.start).days + 1
        plan(
            flight,
            "planned",
            rounded(flight.daily_budget * days, 2),
            f"{quarter.next.title} revenue" if flight.start <= quarter.next.end else None,
            FIRST_STEPS if i == 0 else [Step(BRIEF, -28, "cancelled")],
        )
        if i == 1:
            update_campaign(
                flight.name,
                status="cancelled",
                reason="its budget goes to search, which converts at half the CPA",
                workspace=workspace,
                settings=settings,
            )
            cancelled += 1
    return campaigns, activities, cancelled
