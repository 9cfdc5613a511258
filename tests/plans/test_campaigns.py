"""Campaigns and activities: plans checked on the way in (nothing stored on bad input), status
changes logged as decisions, progress against the warehouse (checked with hand SQL), overdue
items with a fixed today, ids scoped to their workspace, and the calendar from the CLI."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta
from subprocess import CompletedProcess
from typing import Any

import pytest

from mpm.cli.calendar import bar, months_header, weeks
from mpm.config import Settings
from mpm.demo import load_demo
from mpm.errors import NotFound, UserError
from mpm.goals import add_objective
from mpm.goals.decisions import list_decisions
from mpm.plans.activities import (
    CalendarEntry,
    PlanCalendar,
    add_activity,
    complete_activity,
    list_activities,
    plan_calendar,
    update_activity,
)
from mpm.plans.campaigns import (
    add_campaign,
    campaign_status,
    get_campaign,
    list_campaigns,
    pacing_flag,
    update_campaign,
)
from tests.helpers import query as hand_sql

CLI = Callable[..., CompletedProcess[str]]
DEMO_END = date(2026, 7, 31)  # a fixed demo world: 120 days from 2026-04-03
SUMMER = "Search | Seasonal | Summer Camping 2026"  # flies 2026-05-15 .. 2026-07-31 in the demo
DATES: dict[str, Any] = {"start": date(2026, 5, 15), "end": date(2026, 7, 31)}
FLIGHT: dict[str, Any] = {"channel": "Paid Search", **DATES}
TODAY = date(2026, 7, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("campaign-demo"))
    load_demo(settings, seed=3, days=120, end=DEMO_END)
    return settings


def hand_total(settings: Settings, sql: str) -> float:
    return float(hand_sql(settings, sql)[0][0] or 0)


# --- progress against the data ------------------------------------------------------------------


def test_status_counts_the_flight_through_yesterday_as_hand_sql_does(demo: Settings) -> None:
    add_campaign(SUMMER, budget=20_000, status="live", settings=demo, **FLIGHT)
    progress = campaign_status(SUMMER, today=TODAY, settings=demo)

    where = f"campaign = '{SUMMER}'"
    days = "BETWEEN DATE '2026-05-15' AND DATE '2026-06-30'"
    media = hand_total(
        demo, f"SELECT sum(spend_base) FROM ad_performance WHERE {where} AND date {days}"
    )
    booked = hand_total(demo, f"SELECT sum(amount_base) FROM costs WHERE {where} AND date {days}")
    # costs with neither channel nor campaign (salaries, tools) are shared by media spend share
    pool = hand_total(
        demo,
        "SELECT sum(amount_base) FROM costs WHERE coalesce(channel, '') = '' "
        f"AND coalesce(campaign, '') = '' AND date {days}",
    )
    all_media = hand_total(demo, f"SELECT sum(spend_base) FROM ad_performance WHERE date {days}")
    conversions = hand_total(
        demo, f"SELECT sum(conversions) FROM ad_performance WHERE {where} AND date {days}"
    )
    revenue = hand_total(
        demo,
        f"SELECT sum(revenue_base) FROM orders WHERE {where} AND CAST(ordered_at AS DATE) {days}",
    )
    assert media > 0 and conversions > 0 and revenue > 0 and pool > 0
    cost = media + booked + pool * media / all_media
    assert progress.through == date(2026, 6, 30)
    assert (progress.days_elapsed, progress.flight_days) == (47, 78)
    assert progress.flight_elapsed_share == pytest.approx(47 / 78)
    assert progress.spend == pytest.approx(media)
    assert progress.marketing_cost == pytest.approx(cost)
    assert progress.conversions == pytest.approx(conversions)
    assert progress.revenue == pytest.approx(revenue)
    assert progress.cpa == pytest.approx(media / conversions)
    assert progress.roas == pytest.approx(revenue / media)
    assert progress.budget_spent_share == pytest.approx(cost / 20_000)
    assert progress.budget_remaining == pytest.approx(20_000 - cost)
    assert progress.pacing == pytest.approx(cost / 20_000 / (47 / 78))
    assert progress.notes == ()


def test_pacing_reads_budget_share_against_flight_share(demo: Settings) -> None:
    name = "Meta | Promo | Summer Sale 2026"  # 2026-07-06 .. 2026-07-19, about 3,800 spent
    flight = {"channel": "Paid Social", "start": date(2026, 7, 6), "end": date(2026, 7, 19)}
    add_campaign(name, budget=10_000, settings=demo, **flight)
    before = campaign_status(name, today=date(2026, 7, 6), settings=demo)
    assert before.pacing_status == "not_started" and before.through is None
    assert (before.marketing_cost, before.cpa, before.pacing) == (0.0, None, None)
    assert before.notes == ()

    running = campaign_status(name, today=date(2026, 7, 13), settings=demo)
    assert running.through == date(2026, 7, 12) and running.days_elapsed == 7
    assert running.pacing_status == "under_pace"  # ~1/5 of the budget in half the flight
    assert any("still planned" in n for n in running.notes)

    update_campaign(name, budget=3_000, reason="smaller test", settings=demo)
    after = campaign_status(name, today=date(2026, 8, 15), settings=demo)
    assert after.through == date(2026, 7, 19) and after.flight_elapsed_share == 1.0
    assert after.pacing_status == "overspent"
    assert any("ended on 2026-07-19 but the campaign is still planned" in n for n in after.notes)

    update_campaign(name, budget=0, reason="paid by the partner", settings=demo)
    free = campaign_status(name, today=date(2026, 7, 13), settings=demo)
    assert free.budget_spent_share is None and free.pacing_status == "no_budget"


@pytest.mark.parametrize(
    ("pacing", "spent", "elapsed", "flag"),
    [
        (None, None, 0.0, "not_started"),
        (None, None, 0.5, "no_budget"),
        (1.9, 1.01, 0.53, "overspent"),
        (1.06, 0.53, 0.5, "over_pace"),
        (1.05, 0.525, 0.5, "on_plan"),
        (0.89, 0.445, 0.5, "under_pace"),
        (0.2, 0.01, 0.05, "on_plan"),  # a slow start is normal in the first tenth
    ],
)
def test_pacing_flags_follow_the_budget_line_thresholds(
    pacing: float | None, spent: float | None, elapsed: float, flag: str
) -> None:
    assert pacing_flag(pacing, spent, elapsed) == flag


def test_a_name_the_data_does_not_know_is_kept_with_a_warning(demo: Settings) -> None:
    unknown = add_campaign(
        "Podcast | Launch",
        channel="paid social",
        budget=500,
        settings=demo,
        **DATES,
    )
    assert unknown.channel == "Paid Social"  # conformed to the workspace's channel grouping
    assert unknown.warnings == (
        "no data for campaign 'Podcast | Launch' yet; results will show once its data is imported",
    )
    status = campaign_status("Podcast | Launch", today=TODAY, settings=demo)
    assert status.marketing_cost == 0.0 and status.notes[0].startswith("no data for campaign")
    known = add_campaign(
        "Bing | Search | Brand",
        channel="Radio",
        budget=1,
        settings=demo,
        **DATES,
    )
    assert len(known.warnings) == 1 and "channel 'Radio' is not one of" in known.warnings[0]


# --- campaigns: bad input, duplicates, updates and the decision log ------------------------------

GOOD: dict[str, Any] = {
    "channel": "Email",
    "start": date(2026, 9, 1),
    "end": date(2026, 9, 30),
    "budget": 1_000.0,
}


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"end": date(2026, 8, 31)}, UserError, r"ends \(2026-08-31\) before it starts"),
        ({"budget": -1.0}, UserError, "budget must be a number of 0 or more"),
        ({"budget": float("inf")}, UserError, "budget must be a number"),
        ({"objective": "Q3 revenu"}, NotFound, "did you mean Q3 revenue"),
        ({"status": "paused"}, UserError, "unknown campaign status 'paused'"),
        ({"channel": " "}, UserError, "needs a channel"),
        ({"name": "  "}, UserError, "needs a name"),
    ],
)
def test_bad_campaigns_are_refused_and_nothing_is_stored(
    settings: Settings, change: dict[str, Any], error: type[Exception], message: str
) -> None:
    if "objective" in change:
        add_objective(
            "Q3 revenue",
            kpi="revenue",
            target=1.0,
            start=GOOD["start"],
            end=GOOD["end"],
            settings=settings,
        )
    before = list_campaigns(settings=settings)
    options = {"name": "Autumn newsletter", **GOOD, **change}
    with pytest.raises(error, match=message):
        add_campaign(settings=settings, **options)
    assert list_campaigns(settings=settings) == before == []


def test_names_are_unique_per_workspace_and_the_objective_is_linked(settings: Settings) -> None:
    add_objective(
        "Q3 revenue",
        kpi="revenue",
        target=1.0,
        start=GOOD["start"],
        end=GOOD["end"],
        settings=settings,
    )
    first = add_campaign("Autumn newsletter", objective="Q3 revenue", settings=settings, **GOOD)
    assert first.objective == "Q3 revenue" and first.status == "planned"
    with pytest.raises(UserError, match="already exists"):
        add_campaign("Autumn newsletter", settings=settings, **{**GOOD, "budget": 5.0})
    add_campaign("Autumn newsletter", workspace="client-b", settings=settings, **GOOD)
    assert [(c.name, c.budget) for c in list_campaigns(settings=settings)] == [
        ("Autumn newsletter", 1_000.0)
    ]
    with pytest.raises(NotFound, match="did you mean Autumn newsletter"):
        get_campaign("Autumn newsleter", settings=settings)


def test_cancelling_and_budget_changes_need_a_reason_and_are_logged(settings: Settings) -> None:
    add_campaign("Autumn newsletter", settings=settings, **GOOD)
    with pytest.raises(UserError, match="cancelling needs a reason"):
        update_campaign("Autumn newsletter", status="cancelled", settings=settings)
    with pytest.raises(UserError, match="a budget change needs a reason"):
        update_campaign("Autumn newsletter", budget=2_000, owner="ann", settings=settings)
    unchanged = get_campaign("Autumn newsletter", settings=settings)
    assert (unchanged.status, unchanged.budget, unchanged.owner) == ("planned", 1_000.0, None)
    assert list_decisions(settings=settings) == []

    live = update_campaign("Autumn newsletter", status="live", owner="ann", settings=settings)
    assert live.changes == ("status planned → live", "owner none → ann")
    assert live.decision_id is None  # no reason given, none needed

    budget = update_campaign(
        "Autumn newsletter", budget=2_000, reason="list grew by half", settings=settings
    )
    cancelled = update_campaign(
        "Autumn newsletter", status="cancelled", reason="product delayed", settings=settings
    )
    decisions = list_decisions(subject_kind="campaign", settings=settings)
    assert [d.id for d in decisions] == [budget.decision_id, cancelled.decision_id]
    assert decisions[0].why == "list grew by half" and decisions[0].details["budget"] == [
        1_000.0,
        2_000.0,
    ]
    assert decisions[1].subject == "Autumn newsletter"
    assert "status live → cancelled" in decisions[1].what
    with pytest.raises(UserError, match="reopening needs a reason"):
        update_campaign("Autumn newsletter", status="planned", settings=settings)
    same = update_campaign(
        "Autumn newsletter", status="cancelled", reason="again", settings=settings
    )
    assert same.changes == () and same.decision_id is None
    assert len(list_decisions(settings=settings)) == 2
    with pytest.raises(UserError, match="would end"):
        update_campaign("Autumn newsletter", end=date(2026, 8, 1), settings=settings)
    with pytest.raises(UserError, match="nothing to change"):
        update_campaign("Autumn newsletter", settings=settings)
    final = get_campaign("Autumn newsletter", settings=settings)
    assert (final.status, final.budget, final.end) == ("cancelled", 2_000.0, GOOD["end"])


def test_list_filters_by_status_and_channel_and_flags_open_campaigns_past_their_end(
    settings: Settings,
) -> None:
    add_campaign("Autumn newsletter", settings=settings, status="live", **GOOD)
    add_campaign("Autumn search", settings=settings, **{**GOOD, "channel": "Paid Search"})
    assert [c.name for c in list_campaigns(status="live", settings=settings)] == [
        "Autumn newsletter"
    ]
    assert [c.name for c in list_campaigns(channel="paid search", settings=settings)] == [
        "Autumn search"
    ]
    late = list_campaigns(today=date(2026, 10, 1), settings=settings)
    assert [c.overdue for c in late] == [True, True]
    update_campaign("Autumn search", status="done", settings=settings)
    assert [c.overdue for c in list_campaigns(today=date(2026, 10, 1), settings=settings)] == [
        True,
        False,
    ]
    with pytest.raises(UserError, match="unknown campaign status"):
        list_campaigns(status="paused", settings=settings)


# --- activities ---------------------------------------------------------------------------------

DAY = date(2026, 9, 10)


def test_overdue_means_past_due_and_neither_done_nor_cancelled(settings: Settings) -> None:
    add_campaign("Autumn newsletter", settings=settings, **GOOD)
    late = add_activity(
        "Write copy",
        due=date(2026, 9, 9),
        campaign="Autumn newsletter",
        owner="Ann",
        today=DAY,
        settings=settings,
    )
    assert late.overdue and "has passed" in late.warnings[0]
    due_today = add_activity("Send test", due=DAY, owner="bob", today=DAY, settings=settings)
    done = add_activity("Pick segment", due=date(2026, 9, 1), today=DAY, settings=settings)
    dropped = add_activity("Translate", due=date(2026, 9, 2), today=DAY, settings=settings)
    complete_activity(done.id, settings=settings)
    update_activity(dropped.id, status="cancelled", settings=settings)

    every = list_activities(today=DAY, settings=settings)
    assert [(a.title, a.overdue) for a in every] == [
        ("Pick segment", False),
        ("Translate", False),
        ("Write copy", True),
        ("Send test", False),  # due today is not overdue yet
    ]
    assert [a.id for a in list_activities(overdue_only=True, today=DAY, settings=settings)] == [
        late.id
    ]
    tomorrow = DAY + timedelta(days=1)
    overdue = list_activities(overdue_only=True, today=tomorrow, settings=settings)
    assert [a.id for a in overdue] == [late.id, due_today.id]
    assert [a.id for a in list_activities(owner="ANN", settings=settings)] == [late.id]
    assert [a.id for a in list_activities(campaign="Autumn newsletter", settings=settings)] == [
        late.id
    ]
    assert [a.id for a in list_activities(open_only=True, settings=settings)] == [
        late.id,
        due_today.id,
    ]
    with pytest.raises(NotFound, match="did you mean Autumn newsletter"):
        list_activities(campaign="Autumn newslettr", settings=settings)

    progress = campaign_status("Autumn newsletter", today=DAY, settings=settings)
    assert (progress.activities_open, progress.activities_done, progress.activities_overdue) == (
        1,
        0,
        1,
    )


def test_completing_twice_changes_nothing_and_unknown_ids_are_not_found(
    settings: Settings,
) -> None:
    task = add_activity("Write copy", due=DAY, settings=settings)
    first = complete_activity(task.id, settings=settings)
    assert first.changes == ("status todo → done",) and first.activity.done_at is not None
    again = complete_activity(task.id, settings=settings)
    assert again.changes == () and again.activity.done_at == first.activity.done_at
    reopened = update_activity(task.id, status="doing", settings=settings)
    assert reopened.activity.done_at is None
    before = list_activities(settings=settings)
    with pytest.raises(NotFound, match="no activity 999 in workspace 'default'"):
        complete_activity(999, settings=settings)
    with pytest.raises(UserError, match="unknown activity status"):
        update_activity(task.id, status="blocked", settings=settings)
    assert list_activities(settings=settings) == before


def test_an_activity_id_of_another_workspace_is_not_found(settings: Settings) -> None:
    theirs = add_activity("Client B task", due=DAY, workspace="client-b", settings=settings)
    add_activity("Our task", due=DAY, settings=settings)
    with pytest.raises(NotFound, match=f"no activity {theirs.id} in workspace 'default'"):
        complete_activity(theirs.id, settings=settings)
    with pytest.raises(NotFound):
        update_activity(theirs.id, owner="me", settings=settings)
    [kept] = list_activities(workspace="client-b", settings=settings)
    assert (kept.status, kept.owner) == ("todo", None)


def test_bad_activities_are_refused_and_nothing_is_stored(settings: Settings) -> None:
    with pytest.raises(NotFound, match="no campaign 'Nope'"):
        add_activity("Write copy", due=DAY, campaign="Nope", settings=settings)
    with pytest.raises(UserError, match="needs a title"):
        add_activity(" ", due=DAY, settings=settings)
    with pytest.raises(UserError, match="unknown activity status 'blocked'"):
        add_activity("Write copy", due=DAY, status="blocked", settings=settings)
    assert list_activities(settings=settings) == []


# --- calendar -----------------------------------------------------------------------------------


def test_the_calendar_shows_this_month_and_the_next_two_and_carries_overdue_items(
    settings: Settings,
) -> None:
    add_campaign(
        "Summer",
        settings=settings,
        status="live",
        **{**GOOD, "start": date(2026, 6, 1), "end": date(2026, 8, 31)},
    )  # ended before the view and still live: carried as overdue
    add_campaign("Autumn newsletter", settings=settings, **GOOD)
    add_campaign(
        "Winter",
        settings=settings,
        **{**GOOD, "start": date(2026, 12, 1), "end": date(2027, 1, 31)},
    )
    add_activity("Old task", due=date(2026, 8, 20), settings=settings)
    add_activity("Done old task", due=date(2026, 8, 21), status="done", settings=settings)
    add_activity("Copy", due=date(2026, 9, 15), campaign="Autumn newsletter", settings=settings)

    view = plan_calendar(today=DAY, settings=settings)
    assert (view.start, view.end, view.week_start) == (
        date(2026, 9, 1),
        date(2026, 11, 30),
        "monday",
    )
    assert [(e.kind, e.name, e.overdue) for e in view.entries] == [
        ("campaign", "Summer", True),
        ("activity", "Old task", True),
        ("campaign", "Autumn newsletter", False),
        ("activity", "Copy", False),
    ]
    past = plan_calendar(
        start=date(2026, 8, 1), end=date(2026, 8, 31), today=DAY, settings=settings
    )
    assert [e.name for e in past.entries] == ["Summer", "Old task", "Done old task"]
    with pytest.raises(UserError, match=r"ends .* before it starts"):
        plan_calendar(start=date(2026, 9, 1), end=date(2026, 8, 1), settings=settings)


def test_cli_campaigns_activities_and_calendar_as_json(mpm: CLI) -> None:
    today = date.today()
    start, end = today - timedelta(days=10), today + timedelta(days=20)
    added = mpm(
        "campaign",
        "add",
        "Launch",
        "--channel",
        "Email",
        "--from",
        str(start),
        "--to",
        str(end),
        "--budget",
        "1500",
        "--owner",
        "ann@example.com",
        "--status",
        "live",
        "-f",
        "json",
    )
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["warnings"] == [
        "no data for campaign 'Launch' yet; results will show once its data is imported"
    ]
    mpm(
        "activity",
        "add",
        "Brief",
        "--due",
        str(today - timedelta(days=3)),
        "--campaign",
        "Launch",
        check=True,
    )
    mpm("activity", "add", "Report", "--due", str(end), "--owner", "bob", check=True)
    done = mpm("activity", "done", "2")
    assert done.returncode == 0 and "status todo → done" in done.stdout
    again = mpm("activity", "done", "2")
    assert again.returncode == 0 and "already done" in again.stderr
    unknown = mpm("activity", "done", "42")
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "error: no activity 42 in workspace 'default': see the ids with `mpm activity list`"
    )

    shown = mpm("plan", "calendar", "--from", str(start), "--to", str(end), "-f", "json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout) == [
        {
            "kind": "campaign",
            "id": None,
            "name": "Launch",
            "campaign": "Launch",
            "channel": "Email",
            "start": str(start),
            "end": str(end),
            "status": "live",
            "owner": "ann@example.com",
            "overdue": False,
        },
        {
            "kind": "activity",
            "id": 1,
            "name": "Brief",
            "campaign": "Launch",
            "channel": "Email",
            "start": str(today - timedelta(days=3)),
            "end": str(today - timedelta(days=3)),
            "status": "todo",
            "owner": None,
            "overdue": True,
        },
        {
            "kind": "activity",
            "id": 2,
            "name": "Report",
            "campaign": None,
            "channel": None,
            "start": str(end),
            "end": str(end),
            "status": "done",
            "owner": "bob",
            "overdue": False,
        },
    ]
    table = mpm("plan", "calendar", "--from", str(start), "--to", str(end))
    assert table.returncode == 0 and "todo · overdue" in table.stdout and "█" in table.stdout

    status = json.loads(mpm("campaign", "status", "Launch", "-f", "json", check=True).stdout)
    assert status["activities_overdue"] == 1 and status["through"] == str(today - timedelta(days=1))
    refused = mpm("campaign", "update", "Launch", "--status", "cancelled")
    assert refused.returncode == 1 and "needs a reason" in refused.stderr
    listed = json.loads(mpm("campaign", "list", "-f", "json", check=True).stdout)
    assert [(c["name"], c["status"]) for c in listed] == [("Launch", "live")]


def test_the_week_bar_marks_flights_due_dates_and_month_starts() -> None:
    view = PlanCalendar(date(2026, 11, 1), date(2027, 1, 31), date(2026, 11, 26), "monday", ())
    starts = weeks(view)
    assert (starts[0], starts[-1], len(starts)) == (date(2026, 10, 26), date(2027, 1, 25), 14)
    assert months_header(starts, view) == "Nov  Dec Jan  "

    def entry(kind: str, start: date, end: date, *, overdue: bool = False) -> CalendarEntry:
        return CalendarEntry(kind, "x", start, end, "live", None, overdue, None, None, None)

    flight = entry("campaign", date(2026, 11, 17), date(2026, 11, 30))
    assert bar(flight, starts, view) == "░░░███░░░░░░░░"
    late = entry("activity", date(2026, 11, 16), date(2026, 11, 16), overdue=True)
    assert bar(late, starts, view) == "░░░!░░░░░░░░░░"
    earlier = entry("activity", date(2026, 10, 2), date(2026, 10, 2), overdue=True)
    assert bar(earlier, starts, view) == "◀░░░░░░░░░░░░░"
