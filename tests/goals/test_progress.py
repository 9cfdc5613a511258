"""Progress of objectives on a demo world: actuals against hand SQL, phased targets to date,
forecasts whose 80% intervals cover what happened, probabilities, statuses, gaps; reviews
and the decision log; the `mpm objective status` contract."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import duckdb
import numpy as np
import pytest

from mpm.analysis import simulate_totals
from mpm.config import Settings
from mpm.demo import load_demo
from mpm.errors import NotFound, UserError
from mpm.goals import (
    Thresholds,
    add_objective,
    add_review,
    due_reviews,
    get_objective,
    list_decisions,
    list_reviews,
    objective_progress,
    objective_trajectory,
    update_objective,
)
from mpm.goals.progress import Kind, kind_of
from mpm.metrics import query, workspace_catalog

END = date(2026, 6, 30)  # the demo world's last day
TODAY = date(2026, 5, 21)  # "today" in the tests: 20 complete days of May behind us
MAY = {"start": date(2026, 5, 1), "end": date(2026, 5, 31)}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("progress-demo"))
    load_demo(settings, seed=5, days=450, end=END)
    return settings


def hand(settings: Settings, sql: str, **params: object) -> float:
    path = settings.workspace_dir("default") / "warehouse.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        return float(con.execute(sql, params).fetchone()[0])  # type: ignore[index]
    finally:
        con.close()


REVENUE_SQL = (
    "SELECT sum(revenue_base) FROM orders WHERE CAST(ordered_at AS DATE) BETWEEN $a AND $b"
)
CPA_SQL = (
    "SELECT sum(spend_base) / sum(conversions) FROM ad_performance "
    "WHERE date BETWEEN $a AND $b AND channel = 'Paid Search'"
)


def test_kinds_of_kpis() -> None:
    catalog = workspace_catalog(Settings(home=Path("/nonexistent")), "default")
    assert kind_of(catalog, catalog.get("revenue")) is Kind.TOTAL
    assert kind_of(catalog, catalog.get("marketing_cost")) is Kind.TOTAL  # spend + other costs
    assert kind_of(catalog, catalog.get("cpa")) is Kind.RATIO
    assert kind_of(catalog, catalog.get("roi")) is Kind.RATIO
    assert kind_of(catalog, catalog.get("followers_start")) is Kind.LEVEL


def test_a_total_in_progress(demo: Settings) -> None:
    target = 1.1 * hand(demo, REVENUE_SQL, a=date(2025, 5, 1), b=date(2025, 5, 31))
    objective = add_objective(
        "May revenue", kpi="revenue", target=target, owner="a@x.com", settings=demo, **MAY
    )
    p = objective_progress(objective, today=TODAY, settings=demo)
    as_of = date(2026, 5, 20)
    assert p.as_of == as_of and p.days_left == 11
    assert p.actual == pytest.approx(hand(demo, REVENUE_SQL, a=MAY["start"], b=as_of), rel=1e-9)
    assert p.target_to_date == pytest.approx(target * 20 / 31)  # phased evenly
    assert p.pace == pytest.approx(p.actual / p.target_to_date)
    assert p.forecast_low < p.forecast < p.forecast_high
    assert p.forecast_low > p.actual  # the rest of the month adds something
    assert 0 <= p.probability <= 1
    assert p.required_per_day == pytest.approx(max(target - p.actual, 0) / 11)
    assert p.gap_per_day == pytest.approx(max(target - p.forecast, 0) / 11)
    thresholds = Thresholds()
    assert p.status == thresholds.status(p.probability).value
    # the demo world knows how May ended: the 80% interval holds it (a single draw, but the
    # interval is wide enough that missing it would point to a bug)
    final = hand(demo, REVENUE_SQL, **{"a": MAY["start"], "b": MAY["end"]})
    assert p.forecast_low * 0.9 <= final <= p.forecast_high * 1.1


def test_status_follows_the_thresholds(demo: Settings) -> None:
    objective = get_objective("May revenue", settings=demo)
    p = objective_progress(objective, today=TODAY, settings=demo)
    assert p.probability is not None
    strict = objective_progress(
        objective, today=TODAY, settings=demo, thresholds=Thresholds(1.01, 1.0)
    )
    lenient = objective_progress(
        objective, today=TODAY, settings=demo, thresholds=Thresholds(0.0, 0.0)
    )
    assert (strict.status, lenient.status) == ("off_track", "on_track")


def test_a_ratio_target_holds_for_the_whole_period(demo: Settings) -> None:
    current = hand(demo, CPA_SQL, a=date(2026, 4, 1), b=date(2026, 4, 30))
    objective = add_objective(
        "Search CPA",
        kpi="cpa",
        target=round(current * 0.98, 2),
        filters=("channel=Paid Search",),
        goal="customer_acquisition",
        owner="sem@x.com",
        settings=demo,
        **MAY,
    )
    p = objective_progress(objective, today=TODAY, settings=demo)
    assert p.kind == "ratio" and not p.higher_is_better
    assert p.actual == pytest.approx(hand(demo, CPA_SQL, a=MAY["start"], b=date(2026, 5, 20)))
    assert p.target_to_date == objective.target  # not phased
    assert p.gap_per_day is None and p.required_per_day is None
    assert p.forecast_low <= p.forecast <= p.forecast_high
    # the month's CPA is a ratio of sums: it stays between the best and worst days so far
    assert 0.5 * p.actual < p.forecast < 2 * p.actual
    assert "ratio of the simulated sums" in p.method


def test_an_ended_period_is_achieved_or_missed(demo: Settings) -> None:
    april = {"start": date(2026, 4, 1), "end": date(2026, 4, 30)}
    actual = hand(demo, REVENUE_SQL, a=april["start"], b=april["end"])
    easy = add_objective("April easy", kpi="revenue", target=actual * 0.9, settings=demo, **april)
    hard = add_objective("April hard", kpi="revenue", target=actual * 1.1, settings=demo, **april)
    for objective, status in ((easy, "achieved"), (hard, "missed")):
        p = objective_progress(objective, today=TODAY, settings=demo)
        assert (p.status, p.days_left, p.probability) == (status, 0, float(status == "achieved"))
        assert p.actual == pytest.approx(actual) and p.forecast == pytest.approx(actual)


def test_next_quarter_has_no_actual_yet_but_a_forecast(demo: Settings) -> None:
    q3 = {"start": date(2026, 7, 1), "end": date(2026, 9, 30)}
    objective = add_objective("Q3 leads", kpi="leads", target=1.0, settings=demo, **q3)
    p = objective_progress(objective, today=TODAY, settings=demo)
    assert p.actual is None and p.as_of is None and p.days_left == 92
    assert p.target_to_date == 0.0 and p.pace is None
    assert p.forecast > 100 and p.probability == 1.0 and p.status == "on_track"


def test_monthly_phasing_sets_the_target_to_date(demo: Settings) -> None:
    q2 = {"start": date(2026, 4, 1), "end": date(2026, 6, 30)}
    objective = add_objective(
        "Q2 orders",
        kpi="orders",
        target=6000,
        phasing="monthly",
        monthly_targets={"2026-04": 1000, "2026-05": 2000, "2026-06": 3000},
        settings=demo,
        **q2,
    )
    p = objective_progress(objective, today=TODAY, settings=demo)
    assert p.target_to_date == pytest.approx(1000 + 2000 * 20 / 31)
    with pytest.raises(UserError, match="each month of the period"):
        add_objective(
            "Q2 broken",
            kpi="orders",
            target=6000,
            phasing="monthly",
            monthly_targets={"2026-04": 1000},
            settings=demo,
            **q2,
        )
    with pytest.raises(NotFound):
        get_objective("Q2 broken", settings=demo)


def test_seasonal_phasing_follows_last_year(demo: Settings) -> None:
    objective = add_objective(
        "May revenue seasonal", kpi="revenue", target=1e6, phasing="seasonal", settings=demo, **MAY
    )
    p = objective_progress(objective, today=TODAY, settings=demo)
    a, b = date(2026, 5, 1) - timedelta(days=364), date(2026, 5, 31) - timedelta(days=364)
    share = hand(demo, REVENUE_SQL, a=a, b=a + timedelta(days=19)) / hand(
        demo, REVENUE_SQL, a=a, b=b
    )
    assert p.target_to_date == pytest.approx(1e6 * share, rel=1e-6)


def test_demo_backtest_80_percent_intervals_cover_70_to_90_percent(demo: Settings) -> None:
    """From 16 forecast origins two weeks apart, 28 days ahead, for 6 daily series of the demo
    world (overall and per channel), the realised total falls inside the 80% interval 70-90%
    of the time."""
    series = {
        "revenue": query("revenue", grain="day", settings=demo)["revenue"],
        "leads": query("leads", grain="day", settings=demo)["leads"],
        **{
            f"{kpi} {channel}": query(
                kpi, grain="day", where=[f"channel={channel}"], settings=demo
            )[kpi]
            for kpi in ("spend", "conversions")
            for channel in ("Paid Search", "Paid Social")
        },
    }
    covered = []
    for name, values in series.items():
        y = np.nan_to_num(values.to_numpy(dtype=float))
        for k in range(16):
            origin = len(y) - 28 - 14 * k
            forecast = simulate_totals(y[:origin], 28, repetitions=1000, seed=k)
            realised = y[origin : origin + 28].sum()
            covered.append(forecast.low <= realised <= forecast.high)
            assert len(y[origin : origin + 28]) == 28, name
    assert 0.70 <= np.mean(covered) <= 0.90, f"coverage {np.mean(covered):.2f}"


def test_reviews_by_cadence_and_the_decision_log(demo: Settings) -> None:
    name = "May revenue"
    objective = get_objective(name, settings=demo)
    created = objective.created_at.date()
    due = {d.objective: d for d in due_reviews(today=created + timedelta(days=8), settings=demo)}
    first = max(objective.start, created) + timedelta(days=7)
    assert due[name].due == min(first, objective.end + timedelta(days=1))  # or a closing review
    review = add_review(name, "behind: more budget on search", reviewer="cmo@x.com", settings=demo)
    assert review.snapshot["status"] in {"on_track", "at_risk", "off_track", "achieved", "missed"}
    assert list_reviews(name, settings=demo) == [review]
    later = review.reviewed_at.date() + timedelta(days=3)
    assert name not in {d.objective for d in due_reviews(today=later, settings=demo)}
    with pytest.raises(UserError, match="needs a note"):
        add_review(name, "  ", settings=demo)

    updated, decision = update_objective(
        name,
        target=objective.target * 0.9,
        reason="organic traffic fell",
        who="cmo@x.com",
        settings=demo,
    )
    assert updated.target == pytest.approx(objective.target * 0.9)
    assert decision in list_decisions(subject_kind="objective", subject=name, settings=demo)
    assert decision.what.startswith("target ")
    before = list_decisions(settings=demo)
    with pytest.raises(UserError, match="needs a reason"):
        update_objective(name, target=1.0, reason=" ", settings=demo)
    with pytest.raises(UserError, match="nothing to change"):
        update_objective(name, reason="no-op", settings=demo)
    assert list_decisions(settings=demo) == before
    assert get_objective(name, settings=demo).target == updated.target


def test_status_from_the_command_line(demo: Settings, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "MPM_HOME": str(demo.home_path), "COLUMNS": "200"}
    exe = str(Path(sys.executable).parent / "mpm")

    def mpm(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, env=env, check=False)

    result = mpm("objective", "status", "Search CPA", "--today", "2026-05-21", "--format", "json")
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert set(record) >= {
        "name",
        "kpi",
        "actual",
        "target",
        "target_to_date",
        "pace",
        "forecast",
        "forecast_low",
        "forecast_high",
        "probability",
        "status",
        "gap_per_day",
    }
    assert record["gap_per_day"] is None and 0 <= record["probability"] <= 1
    table = mpm("objective", "status", "--today", "2026-05-21")
    assert table.returncode == 0 and "Search CPA" in table.stdout and "chance" in table.stdout
    missing = mpm("objective", "status", "Serch CPA")
    assert missing.returncode == 1 and "did you mean Search CPA" in missing.stderr
    bad = mpm("objective", "status", "--on-track", "0.2", "--at-risk", "0.5")
    assert bad.returncode == 1 and "--at-risk" in bad.stderr


def test_the_trajectory_ends_where_the_progress_stands(demo: Settings) -> None:
    revenue = get_objective("May revenue", settings=demo)
    path = objective_trajectory(revenue, today=TODAY, settings=demo)
    p = objective_progress(revenue, today=TODAY, settings=demo)
    assert path.days[0] == MAY["start"] and path.days[-1] == MAY["end"] and len(path.days) == 31
    counted = [a for a in path.actual if a is not None]
    assert len(counted) == 20  # complete days only
    assert counted[-1] == pytest.approx(p.actual, rel=1e-9)
    assert counted == sorted(counted)  # a running total
    assert path.target[19] == pytest.approx(p.target_to_date)
    assert path.target[-1] == pytest.approx(revenue.target)
    # a ratio: the ratio of the running sums, against the target itself
    cpa = get_objective("Search CPA", settings=demo)
    ratio = objective_trajectory(cpa, today=TODAY, settings=demo)
    ratios = [a for a in ratio.actual if a is not None]
    assert ratios[-1] == pytest.approx(objective_progress(cpa, today=TODAY, settings=demo).actual)
    assert ratios[0] == pytest.approx(hand(demo, CPA_SQL, a=MAY["start"], b=MAY["start"]))
    assert set(ratio.target) == {cpa.target}
