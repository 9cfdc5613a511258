"""Budget lines: calendar periods, the arithmetic of pacing, projection and flags, actuals equal
to hand-written SQL on the demo world, reallocations that neither create nor lose money, and
bad input refused with nothing written."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from subprocess import CompletedProcess
from typing import Any

import duckdb
import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from sqlalchemy import select

from mpm.config import Settings
from mpm.demo import load_demo
from mpm.errors import NotFound, UserError
from mpm.goals.decisions import list_decisions
from mpm.plans.budgets import (
    BudgetLine,
    Flag,
    Spending,
    available,
    budget_status,
    days_elapsed,
    elapsed_share,
    flag,
    line_status,
    list_budgets,
    months_ahead,
    pacing,
    parse_period,
    project,
    reallocate,
    set_budget,
)
from mpm.store import session_scope
from mpm.store.models import ReallocationRow

Q1 = parse_period("2026-Q1")
FUTURE = "2030-Q1"  # no data, no actuals: nothing to query


# --- periods ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "label", "start", "end"),
    [
        ("2026", "2026", date(2026, 1, 1), date(2026, 12, 31)),
        ("2026-Q1", "2026-Q1", date(2026, 1, 1), date(2026, 3, 31)),
        ("2026-q4", "2026-Q4", date(2026, 10, 1), date(2026, 12, 31)),
        ("2024-02", "2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        (" 2026-3 ", "2026-03", date(2026, 3, 1), date(2026, 3, 31)),
    ],
)
def test_periods_are_calendar_years_quarters_and_months(
    text: str, label: str, start: date, end: date
) -> None:
    period = parse_period(text)
    assert (period.label, period.start, period.end) == (label, start, end)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2026-Q5", "a quarter is Q1 to Q4"),
        ("2026-13", "a month is 01 to 12"),
        ("26-Q1", r"use a year \(2026\), a quarter \(2026-Q1\) or a month \(2026-03\)"),
        ("Q1 2026", "use a year"),
        ("2026/03", "use a year"),
        ("", "use a year"),
        ("0999", "out of range"),
    ],
)
def test_a_bad_period_is_refused_naming_the_accepted_forms(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_period(text)


# --- arithmetic ------------------------------------------------------------------------------


def test_elapsed_counts_complete_days_only() -> None:
    assert days_elapsed(Q1.start, Q1.end, date(2026, 1, 1)) == 0  # today has no data yet
    assert days_elapsed(Q1.start, Q1.end, date(2026, 1, 11)) == 10
    assert elapsed_share(Q1.start, Q1.end, date(2026, 1, 11)) == pytest.approx(10 / 90)
    assert elapsed_share(Q1.start, Q1.end, date(2025, 12, 1)) == 0
    assert elapsed_share(Q1.start, Q1.end, date(2026, 4, 1)) == 1
    assert elapsed_share(Q1.start, Q1.end, date(2027, 1, 1)) == 1


def test_pacing_is_actual_over_the_planned_amount_pro_rata() -> None:
    assert pacing(3300, 9000, 30 / 90) == pytest.approx(1.1)
    assert pacing(0, 9000, 0.0) is None  # not started
    assert pacing(500, 0, 0.5) is None  # nothing planned: no ratio


@pytest.mark.parametrize(
    ("today", "months"),
    [
        (date(2026, 1, 1), 3),  # January's costs are not booked before its first day is over
        (date(2026, 1, 2), 2),
        (date(2026, 3, 1), 1),
        (date(2026, 3, 2), 0),
        (date(2025, 11, 20), 3),
        (date(2026, 5, 1), 0),
    ],
)
def test_months_ahead_are_the_months_whose_costs_are_not_booked(today: date, months: int) -> None:
    assert months_ahead(Q1.start, Q1.end, today) == months


def test_projection_adds_media_at_its_run_rate_and_other_costs_per_month_ahead() -> None:
    spending = Spending(actual=1000.0, media_per_day=50.0, other_per_month=300.0)
    # 15 February: 45 days done (Jan 1 to Feb 14), 45 left, March's costs still to come
    assert project(spending, Q1.start, Q1.end, date(2026, 2, 15)) == 1000 + 50 * 45 + 300
    # 1 March: 59 days done, 31 left, March not booked yet
    assert project(spending, Q1.start, Q1.end, date(2026, 3, 1)) == 1000 + 50 * 31 + 300
    assert project(spending, Q1.start, Q1.end, date(2026, 1, 1)) is None  # not started
    assert project(spending, Q1.start, Q1.end, date(2026, 4, 1)) == 1000  # over: the actual


@pytest.mark.parametrize(
    ("planned", "committed", "actual", "projected", "elapsed", "expected"),
    [
        (100, 150, 101, 120, 0.5, Flag.OVERSPENT),  # the first that applies
        (100, 0, 50, 105.01, 0.5, Flag.OVER_PACE),
        (100, 0, 50, 105, 0.5, Flag.ON_PLAN),  # exactly at the threshold
        (100, 0, 10, 89.99, 0.10, Flag.UNDER_PACE),
        (100, 0, 10, 89.99, 0.09, Flag.ON_PLAN),  # too early to call a slow start
        (100, 0, 10, 90, 0.5, Flag.ON_PLAN),
        (100, 120, 50, 100, 0.5, Flag.OVER_COMMITTED),
        (100, 120, 0, None, 0.0, Flag.OVER_COMMITTED),
        (100, 0, 0, None, 0.0, Flag.ON_PLAN),  # not started
    ],
)
def test_flags_follow_the_thresholds_in_order(
    planned: float,
    committed: float,
    actual: float,
    projected: float | None,
    elapsed: float,
    expected: Flag,
) -> None:
    got = flag(
        planned=planned, committed=committed, actual=actual, projected=projected, elapsed=elapsed
    )
    assert got is expected


def test_available_is_planned_less_the_larger_of_committed_and_actual() -> None:
    assert available(10_000, 2_000, 6_500) == 3_500
    assert available(10_000, 7_000, 6_500) == 3_000
    assert available(10_000, 12_000, 0) == -2_000


def test_status_of_a_line_puts_the_numbers_together() -> None:
    line = _line(planned=9000.0, committed=1000.0)
    spending = Spending(actual=3300.004, media_per_day=100.0, other_per_month=200.0)
    status = line_status(line, spending, date(2026, 1, 31))
    assert status.actual == 3300.0  # cents
    assert status.actual_to == date(2026, 1, 30)
    assert status.variance == -5700.0
    assert status.remaining == 5700.0
    assert status.available == 5700.0
    assert status.elapsed == pytest.approx(30 / 90)
    assert status.pacing == pytest.approx(1.1)
    assert status.projected == pytest.approx(3300.004 + 100 * 60 + 200 * 2, abs=0.005)
    assert status.flag is Flag.OVER_PACE


def _line(planned: float, committed: float) -> BudgetLine:
    stamp = datetime(2025, 12, 1)
    return BudgetLine(
        id=1,
        period=Q1.label,
        start=Q1.start,
        end=Q1.end,
        channel="Paid Search",
        campaign=None,
        planned=planned,
        committed=committed,
        currency="USD",
        note=None,
        created_at=stamp,
        updated_at=stamp,
    )


# --- the app database: nothing written on bad input -------------------------------------------


def _moves(settings: Settings) -> list[tuple[int, int, float, int]]:
    with session_scope(settings.app_database_url) as session:
        rows = session.scalars(select(ReallocationRow).order_by(ReallocationRow.id))
        return [(r.from_line_id, r.to_line_id, r.amount, r.decision_id) for r in rows]


def _state(settings: Settings, workspace: str = "default") -> tuple[Any, ...]:
    return (
        list_budgets(workspace=workspace, settings=settings),
        list_decisions(workspace=workspace, settings=settings),
        _moves(settings),
    )


def test_a_new_line_is_logged_and_a_planned_change_needs_a_reason(settings: Settings) -> None:
    created = set_budget(FUTURE, "paid search", planned=10_000, committed=2_500, settings=settings)
    assert created.created
    assert created.line.ref == f"{FUTURE}:Paid Search"  # the alias is conformed
    assert (created.line.planned, created.line.committed) == (10_000, 2_500)
    changed = set_budget(
        FUTURE, "Paid Search", planned=12_000, reason="search ROAS 6 in Q4", settings=settings
    )
    assert not changed.created
    assert changed.previous_planned == 10_000
    assert changed.line.committed == 2_500  # kept when not given
    decisions = list_decisions(subject_kind="budget", settings=settings)
    assert [d.why for d in decisions] == ["budget set", "search ROAS 6 in Q4"]
    assert decisions[1].what == "planned 10,000.00 → 12,000.00 USD"
    assert decisions[1].details["before"] == 10_000
    committed_only = set_budget(
        FUTURE, "Paid Search", planned=12_000, committed=3_000, settings=settings
    )
    assert committed_only.decision_id is None  # bookkeeping, not a decision
    assert len(list_decisions(subject_kind="budget", settings=settings)) == 2


def test_campaign_lines_of_different_campaigns_may_overlap(settings: Settings) -> None:
    set_budget(
        "2030", "Paid Social", campaign="Meta | Prospecting", planned=50_000, settings=settings
    )
    set_budget(
        FUTURE, "Paid Social", campaign="Meta | Retargeting", planned=9_000, settings=settings
    )
    refs = [line.ref for line in list_budgets(settings=settings)]
    assert refs == [
        "2030:Paid Social:Meta | Prospecting",
        f"{FUTURE}:Paid Social:Meta | Retargeting",
    ]
    assert [line.ref for line in list_budgets(period=FUTURE, settings=settings)] == [refs[1]]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (dict(planned=-1.0), r"the planned amount cannot be negative \(-1.00\)"),
        (dict(planned=100.0, committed=-5.0), "the committed amount cannot be negative"),
        (dict(planned=float("inf")), "the planned amount must be a number, not inf"),
        (dict(planned=float("nan")), "must be a number, not nan"),
        (dict(period="2030-Q7", planned=1.0), "a quarter is Q1 to Q4"),
        (
            dict(channel="paid-search", planned=1.0),
            "unknown channel 'paid-search'; did you mean Paid Search",
        ),
        (
            dict(channel="Facebook", planned=1.0),
            "unknown channel 'Facebook'.*Channels: Paid Search",
        ),
        (dict(planned=1.0, campaign="  "), "the campaign name is empty"),
        (dict(planned=20_000.0), "say why it changes to 20,000.00 USD with --reason"),
        (dict(period="2030", planned=1.0), r"overlaps budget line 2030-Q1:Paid Search \(id 1"),
        (dict(period="2030-02", planned=1.0), "one line's money would be counted twice"),
        (
            dict(planned=1.0, campaign="Search | Brand"),
            "planned either as a whole or by campaign in a period, never both",
        ),
        (
            dict(channel="Paid Social", period="2030", planned=1.0),
            r"2030:Paid Social overlaps budget line 2030-Q1:Paid Social:Meta \| Promo",
        ),
    ],
)
def test_bad_budget_input_is_refused_and_nothing_is_written(
    settings: Settings, call: dict[str, Any], message: str
) -> None:
    set_budget(FUTURE, "Paid Search", planned=10_000, settings=settings)
    set_budget(FUTURE, "Paid Social", campaign="Meta | Promo", planned=5_000, settings=settings)
    before = _state(settings)
    arguments = {"period": FUTURE, "channel": "Paid Search", **call}
    period, channel = arguments.pop("period"), arguments.pop("channel")
    with pytest.raises(UserError, match=message):
        set_budget(period, channel, settings=settings, **arguments)
    assert _state(settings) == before


# --- reallocation ------------------------------------------------------------------------------


def test_a_reallocation_moves_money_and_logs_it_in_one_decision(settings: Settings) -> None:
    source = set_budget(FUTURE, "Display", planned=10_000, committed=2_000, settings=settings).line
    target = set_budget(FUTURE, "Paid Search", planned=5_000, settings=settings).line
    move = reallocate(
        f"{FUTURE}:display",
        target.id,
        amount=3_000.004,
        reason="Display CPA twice the target",
        evidence="mpm kpi cpa --by channel",
        who="cmo@example.com",
        settings=settings,
    )
    assert (move.amount, move.from_before, move.from_after) == (3_000, 10_000, 7_000)
    assert (move.to_before, move.to_after) == (5_000, 8_000)
    lines = {line.id: line.planned for line in list_budgets(settings=settings)}
    assert lines == {source.id: 7_000, target.id: 8_000}
    decision = list_decisions(subject_kind="budget", settings=settings)[-1]
    assert decision.id == move.decision_id
    assert decision.subject == f"{FUTURE}:Display → {FUTURE}:Paid Search"
    assert (decision.why, decision.evidence, decision.who) == (
        "Display CPA twice the target",
        "mpm kpi cpa --by channel",
        "cmo@example.com",
    )
    assert decision.details["from_before"] == 10_000 and decision.details["to_after"] == 8_000
    assert _moves(settings) == [(source.id, target.id, 3_000, decision.id)]


@pytest.mark.parametrize(
    ("source", "target", "amount", "reason", "error", "message"),
    [
        (
            1,
            2,
            8_000.01,
            "r",
            UserError,
            r"only 8,000.00 USD is left \(planned 10,000.00 − the "
            r"larger of committed 2,000.00 and actual to date 0.00\)",
        ),
        (3, 1, 1.0, "r", UserError, "nothing is left to move on 2030-Q1:Video"),
        (1, 2, 0.0, "r", UserError, "the amount to move must be positive"),
        (1, 2, 0.004, "r", UserError, "the amount to move must be positive"),
        (1, 2, -5.0, "r", UserError, "the amount to move cannot be negative"),
        (1, 2, float("nan"), "r", UserError, "must be a number"),
        (1, 1, 5.0, "r", UserError, "both the source and the destination"),
        (1, 2, 5.0, " ", UserError, "say why the money moves"),
        (1, 99, 5.0, "r", NotFound, "no budget line '99'"),
        (1, "2030-Q1:Email", 5.0, "r", NotFound, "no budget line '2030-Q1:Email'"),
        (1, "2030-Q1", 5.0, "r", UserError, r"give its id or PERIOD:CHANNEL\[:CAMPAIGN\]"),
        (1, "2030-Q1:Paid Serch", 5.0, "r", UserError, "did you mean Paid Search"),
        (1, "2020-Q1:Paid Search", 5.0, "r", UserError, "ended on 2020-03-31"),
    ],
)
def test_bad_reallocations_are_refused_and_nothing_is_written(
    settings: Settings,
    source: int | str,
    target: int | str,
    amount: float,
    reason: str,
    error: type[Exception],
    message: str,
) -> None:
    set_budget(FUTURE, "Display", planned=10_000, committed=2_000, settings=settings)
    set_budget(FUTURE, "Paid Search", planned=5_000, settings=settings)
    set_budget(FUTURE, "Video", planned=1_000, committed=1_500, settings=settings)
    set_budget("2020-Q1", "Paid Search", planned=1_000, settings=settings)
    before = _state(settings)
    with pytest.raises(error, match=message):
        reallocate(source, target, amount=amount, reason=reason, settings=settings)
    assert _state(settings) == before


CHANNELS = ("Paid Search", "Paid Social", "Display", "Video")
cents = st.decimals(min_value=0, max_value=100_000, places=2)
counter = itertools.count()


@pytest.fixture(scope="module")
def property_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(home=tmp_path_factory.mktemp("property-home"))


@hypothesis_settings(max_examples=40, deadline=None)
@given(
    lines=st.lists(st.tuples(cents, cents), min_size=2, max_size=len(CHANNELS)),
    moves=st.lists(
        st.tuples(
            st.integers(0, 3),
            st.integers(0, 3),
            st.decimals(min_value=-10, max_value=120_000, places=2),
        ),
        max_size=8,
    ),
)
def test_reallocations_neither_create_nor_lose_money(
    property_settings: Settings,
    lines: list[tuple[Decimal, Decimal]],
    moves: list[tuple[int, int, Decimal]],
) -> None:
    settings, workspace = property_settings, f"property-{next(counter)}"
    ids = []
    for channel, (planned, committed) in zip(CHANNELS, lines, strict=False):
        line = set_budget(
            FUTURE,
            channel,
            planned=float(planned),
            committed=float(committed),
            workspace=workspace,
            settings=settings,
        ).line
        ids.append(line.id)
    expected = {line_id: planned for line_id, (planned, _) in zip(ids, lines, strict=False)}
    committed = {line_id: c for line_id, (_, c) in zip(ids, lines, strict=False)}
    done = 0
    for i, j, amount in moves:
        source, target = ids[i % len(ids)], ids[j % len(ids)]
        allowed = source != target and 0 < amount <= expected[source] - committed[source]
        try:
            reallocate(
                source,
                target,
                amount=float(amount),
                reason="test",
                workspace=workspace,
                settings=settings,
            )
        except UserError:
            assert not allowed
            continue
        assert allowed
        expected[source] -= amount
        expected[target] += amount
        done += 1
    got = {
        line.id: Decimal(str(line.planned))
        for line in list_budgets(workspace=workspace, settings=settings)
    }
    assert got == expected
    assert sum(got.values()) == sum(planned for planned, _ in lines)
    decisions = list_decisions(workspace=workspace, settings=settings)
    assert len(decisions) == len(ids) + done  # one per line created, one per move


# --- actuals on the demo world -------------------------------------------------------------------

END = date(2026, 6, 30)  # the demo's last day
TODAY = date(2026, 5, 20)  # data after the 19th exist, and must not count
Q2 = parse_period("2026-Q2")

HAND_SQL = """
WITH s AS (
  SELECT coalesce(channel, '') AS channel, coalesce(campaign, '') AS campaign,
         sum(spend_base::DOUBLE) AS spend
  FROM ad_performance WHERE date BETWEEN $start AND $end GROUP BY ALL),
c AS (
  SELECT coalesce(channel, '') AS channel, coalesce(campaign, '') AS campaign,
         sum(amount_base::DOUBLE) AS cost
  FROM costs WHERE date BETWEEN $start AND $end GROUP BY ALL),
j AS (
  SELECT channel, campaign, coalesce(spend, 0) AS spend, coalesce(cost, 0) AS cost
  FROM s FULL JOIN c USING (channel, campaign)),
a AS (
  SELECT *, sum(CASE WHEN channel = '' AND campaign = '' THEN cost END) OVER () AS pool,
         sum(spend) OVER () AS total
  FROM j)
SELECT channel, campaign, spend,
       CASE WHEN channel = '' AND campaign = '' THEN 0 ELSE cost END
         + coalesce(pool, 0) * spend / total AS other
FROM a
"""


def hand(
    settings: Settings, start: date, end: date, channel: str, campaign: str | None = None
) -> tuple[float, float]:
    """(media spend, other costs) of a channel (or one campaign) over the days, in SQL: costs
    without a channel and campaign are shared in proportion to spend."""
    con = duckdb.connect(
        str(settings.workspace_dir("default") / "warehouse.duckdb"), read_only=True
    )
    try:
        rows = con.execute(HAND_SQL, {"start": start, "end": end}).fetchall()
    finally:
        con.close()
    scoped = [r for r in rows if r[0] == channel and (campaign is None or r[1] == campaign)]
    return sum(r[2] for r in scoped), sum(r[3] for r in scoped)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("budget-demo"))
    load_demo(settings, seed=3, days=400, end=END)
    return settings


def _top_campaign(settings: Settings, channel: str) -> str:
    con = duckdb.connect(
        str(settings.workspace_dir("default") / "warehouse.duckdb"), read_only=True
    )
    try:
        row = con.execute(
            "SELECT campaign FROM ad_performance WHERE channel = $channel AND date >= $start "
            "GROUP BY 1 ORDER BY sum(spend_base) DESC LIMIT 1",
            {"channel": channel, "start": Q2.start},
        ).fetchone()
    finally:
        con.close()
    assert row is not None
    return str(row[0])


def test_actuals_and_projections_equal_hand_written_sql(demo: Settings) -> None:
    campaign = _top_campaign(demo, "Paid Social")
    set_budget("2026-Q2", "Paid Search", planned=150_000, committed=40_000, settings=demo)
    set_budget("2026-Q2", "Paid Social", campaign=campaign, planned=30_000, settings=demo)
    set_budget("2026-Q1", "Paid Search", planned=100_000, settings=demo)
    set_budget("2026-Q3", "Paid Search", planned=100_000, settings=demo)
    statuses = {s.line.ref: s for s in budget_status(today=TODAY, settings=demo)}
    yesterday = date(2026, 5, 19)

    search = statuses["2026-Q2:Paid Search"]
    spend, other = hand(demo, Q2.start, yesterday, "Paid Search")
    assert spend > 20_000 and other > 5_000  # a real test: both parts matter
    assert search.actual == pytest.approx(spend + other, abs=0.01)
    assert search.actual_to == yesterday
    media, _ = hand(demo, date(2026, 5, 6), yesterday, "Paid Search")  # the last 14 days
    _, costs = hand(demo, date(2026, 2, 1), date(2026, 4, 30), "Paid Search")  # 3 months
    days_left = (Q2.end - yesterday).days
    want = spend + other + media / 14 * days_left + costs / 3 * 1  # June's costs to come
    assert search.projected == pytest.approx(want, abs=0.01)
    assert search.elapsed == pytest.approx(49 / 91)
    assert search.pacing == pytest.approx(search.actual / (150_000 * 49 / 91))
    assert search.available == pytest.approx(150_000 - max(40_000, search.actual), abs=0.01)

    social = statuses[f"2026-Q2:Paid Social:{campaign}"]
    spend, other = hand(demo, Q2.start, yesterday, "Paid Social", campaign)
    assert spend > 0
    assert social.actual == pytest.approx(spend + other, abs=0.01)

    ended = statuses["2026-Q1:Paid Search"]
    spend, other = hand(demo, Q1.start, Q1.end, "Paid Search")
    assert ended.actual == pytest.approx(spend + other, abs=0.01)
    assert (ended.elapsed, ended.projected) == (1.0, ended.actual)

    ahead = statuses["2026-Q3:Paid Search"]  # the demo has data there, but it is the future
    assert (ahead.actual, ahead.actual_to, ahead.pacing, ahead.projected) == (0, None, None, None)
    assert ahead.flag is Flag.ON_PLAN


def test_a_line_gives_no_more_than_planned_less_what_is_spent(demo: Settings) -> None:
    actual = sum(hand(demo, Q2.start, date(2026, 5, 19), "Video"))
    source = set_budget("2026-Q2", "Video", planned=round(actual) + 1_000, settings=demo).line
    target = set_budget("2026-Q2", "Display", planned=10_000, settings=demo).line
    before = _state(demo)
    with pytest.raises(UserError, match=r"only [\d,.]+ USD is left .*actual to date"):
        reallocate(source.id, target.id, amount=1_500, reason="r", today=TODAY, settings=demo)
    assert _state(demo) == before
    move = reallocate(
        source.id, target.id, amount=900, reason="video CPM up", today=TODAY, settings=demo
    )
    assert (move.from_after, move.to_after) == (source.planned - 900, 10_900)


# --- the command line ----------------------------------------------------------------------------


def test_the_command_line_sets_moves_and_reports_as_json(
    mpm: Callable[..., CompletedProcess[str]], settings: Settings
) -> None:
    set_budget(FUTURE, "Paid Search", planned=10_000, committed=2_000, settings=settings)
    created = mpm("plan", "budget", "set", FUTURE, "email", "--planned", "1500", check=True)
    assert created.stdout.startswith(f"budget line {FUTURE}:Email (id 2) created")
    move = mpm(
        *("plan", "reallocate", "--from", f"{FUTURE}:Paid Search", "--to", "2"),
        *("--amount", "2500", "--reason", "email ROI 12", "--format", "json"),
        check=True,
    )
    assert json.loads(move.stdout) | {"moved_at": None} == {
        **{"id": 1, "from_line": f"{FUTURE}:Paid Search", "to_line": f"{FUTURE}:Email"},
        **{"amount": 2500, "from_before": 10_000, "from_after": 7500, "to_before": 1500},
        **{"to_after": 4000, "currency": "USD", "decision_id": 3, "moved_at": None},
    }
    too_much = mpm(
        "plan", "reallocate", "--from", "1", "--to", "2", "--amount", "6e3", "--reason", "r"
    )
    assert too_much.returncode == 1
    assert too_much.stderr.startswith("error: cannot move 6,000.00 USD from 2030-Q1:Paid Search")
    assert len(too_much.stderr.strip().splitlines()) == 1
    status = json.loads(mpm("plan", "budget", "status", "--format", "json", check=True).stdout)
    assert [(r["ref"], r["planned"], r["committed"], r["campaign"]) for r in status] == [
        (f"{FUTURE}:Email", 4000, 0, None),
        (f"{FUTURE}:Paid Search", 7500, 2000, None),
    ]
    first = status[0]
    assert (first["actual"], first["actual_to"], first["pacing"], first["projected"]) == (
        0,
        None,
        None,
        None,
    )
    assert (first["start"], first["currency"], first["flag"]) == ("2030-01-01", "USD", "on_plan")
    table = mpm("plan", "budget", "status", "--period", "2030", check=True).stdout
    assert "total" in table and "11,500" in table
