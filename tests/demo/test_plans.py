"""The demo company's plans: objectives on and off track, budget lines that run over and under
pace, a reallocation that conserves money, campaigns at every stage with overdue work, and
reviews that compare with last year's edition. Added once; a workspace with plans is kept."""

from __future__ import annotations

from datetime import date

import pytest

from mpm.config import Settings
from mpm.demo import DemoPlans, load_demo, plan_demo
from mpm.goals import list_decisions, list_objectives, list_reviews, objectives_progress
from mpm.plans import (
    annual_review,
    budget_status,
    campaign_review,
    list_activities,
    list_budgets,
    list_campaigns,
)
from tests.helpers import app_state, snapshot

END = date(2026, 11, 15)  # the data's last day: "today" is 16 November, in Q4
TODAY = date(2026, 11, 16)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, DemoPlans]:
    settings = Settings(home=tmp_path_factory.mktemp("demo-plans"))
    result = load_demo(settings, seed=3, days=500, end=END)
    plans = plan_demo(settings, first=result.first, last=result.last)
    return settings, plans


def test_the_demo_plans_a_quarter_as_of_the_day_after_its_data(
    demo: tuple[Settings, DemoPlans],
) -> None:
    settings, plans = demo
    assert plans.today == TODAY and plans.skipped is None
    objectives = list_objectives(settings=settings)
    assert len(objectives) == plans.objectives == 6
    assert {o.start for o in objectives} == {date(2026, 10, 1), date(2027, 1, 1)}
    assert all(o.goal and o.owner for o in objectives)  # SMART: every one has a goal and owner
    assert len(list_budgets(settings=settings)) == plans.budget_lines
    assert len(list_campaigns(today=TODAY, settings=settings)) == plans.campaigns
    assert len(list_activities(today=TODAY, settings=settings)) == plans.activities
    assert len(list_decisions(settings=settings)) == plans.decisions
    assert list_reviews("Q4 2026 revenue", settings=settings)  # reviewed a week ago


def test_some_objectives_are_on_track_and_some_are_not(demo: tuple[Settings, DemoPlans]) -> None:
    settings, _ = demo
    progress = {p.name: p for p in objectives_progress(today=TODAY, settings=settings)}
    statuses = {p.status for p in progress.values()}
    assert "on_track" in statuses and statuses & {"at_risk", "off_track"}, statuses
    # the stretch target asks 30% more than last year's trend: out of reach
    assert progress["Q4 2026 new customers"].status == "off_track"
    assert progress["Q4 2026 new customers"].gap_per_day > 0
    # the CPA target allows 25% more than the recent CPA: on track
    assert progress["Q4 2026 Paid Search CPA"].status == "on_track"
    nxt = progress["Q1 2027 revenue"]
    assert nxt.actual is None and nxt.probability is not None
    assert "last year's profile" in nxt.method  # 500 days: the yearly pattern is modelled


def test_this_quarters_lines_run_over_and_under_pace_and_money_moved_is_conserved(
    demo: tuple[Settings, DemoPlans],
) -> None:
    settings, _ = demo
    lines = {
        s.line.channel: s for s in budget_status(period="2026-Q4", today=TODAY, settings=settings)
    }
    assert lines["Display"].flag.value in {"over_pace", "overspent"}  # planned short of its pace
    assert lines["Paid Search"].flag.value == "on_plan"
    (move,) = [
        d for d in list_decisions(subject_kind="budget", settings=settings) if "moved" in d.what
    ]
    amount = move.details["amount"]
    assert move.details["from"] == "2026-Q4:Video" and move.details["to"] == "2026-Q4:Paid Search"
    assert move.details["from_before"] - amount == pytest.approx(lines["Video"].line.planned)
    assert move.details["to_before"] + amount == pytest.approx(lines["Paid Search"].line.planned)
    # every line was created at its planned amount and logged; the move changed two of them
    created = {
        d.subject: d.details["planned"]
        for d in list_decisions(subject_kind="budget", settings=settings)
        if "created" in d.what
    }
    now = {line.ref: line.planned for line in list_budgets(settings=settings)}
    assert sum(created.values()) == pytest.approx(sum(now.values()))


def test_campaigns_at_every_stage_with_overdue_work(demo: tuple[Settings, DemoPlans]) -> None:
    settings, _ = demo
    campaigns = list_campaigns(today=TODAY, settings=settings)
    assert {c.status for c in campaigns} == {"planned", "live", "done", "cancelled"}
    assert any(c.overdue for c in campaigns)  # its flight ended, still marked live
    assert list_activities(overdue_only=True, today=TODAY, settings=settings)
    cancelled = next(c for c in campaigns if c.status == "cancelled")
    assert any(
        d.subject == cancelled.name
        for d in list_decisions(subject_kind="campaign", settings=settings)
    )


def test_the_reviews_compare_with_plan_and_with_last_years_edition(
    demo: tuple[Settings, DemoPlans],
) -> None:
    settings, _ = demo
    review = annual_review(2026, today=TODAY, settings=settings)
    planned = {c.channel: c.planned for c in review.channels if c.planned}
    assert set(planned) == {"Paid Search", "Paid Social", "Display", "Video"}
    done = next(
        c
        for c in list_campaigns(today=TODAY, settings=settings)
        if c.status == "done" and "2026" in c.name
    )
    post_mortem = campaign_review(done.name, today=TODAY, settings=settings)
    assert post_mortem.previous_name == done.name.replace("2026", "2025")
    assert post_mortem.previous_year["spend"]  # last year's edition spent


def test_a_workspace_with_plans_is_left_as_it_is(demo: tuple[Settings, DemoPlans]) -> None:
    settings, _ = demo
    before = (app_state(settings), snapshot(settings))
    again = plan_demo(settings, first=END, last=END)
    assert again.skipped and again.objectives == 0
    assert (app_state(settings), snapshot(settings)) == before
