"""The annual budget review and the campaign post-mortem on a demo world, against hand SQL."""

from __future__ import annotations

import json
from datetime import date, timedelta

import duckdb
import numpy as np
import pytest

from mpm.analysis import marginal_return
from mpm.config import Settings
from mpm.demo import load_demo
from mpm.errors import NotFound, UserError
from mpm.goals import add_objective
from mpm.plans.activities import add_activity, complete_activity
from mpm.plans.budgets import set_budget
from mpm.plans.campaigns import add_campaign, update_campaign
from mpm.plans.review import annual_review, campaign_review, last_edition

END = date(2026, 6, 30)
TODAY = END + timedelta(days=1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    settings = Settings(home=tmp_path_factory.mktemp("review-demo"))
    load_demo(settings, seed=11, days=600, end=END)
    return settings


def sql(settings: Settings, text: str, **params: object) -> list[tuple]:
    con = duckdb.connect(
        str(settings.workspace_dir("default") / "warehouse.duckdb"), read_only=True
    )
    try:
        return con.execute(text, params).fetchall()
    finally:
        con.close()


SPEND = (
    "SELECT channel, sum(spend_base) FROM ad_performance WHERE date BETWEEN $a AND $b GROUP BY 1"
)
REVENUE = (
    "SELECT channel, sum(revenue_base) FROM orders "
    "WHERE CAST(ordered_at AS DATE) BETWEEN $a AND $b GROUP BY 1"
)


def test_the_annual_review_matches_hand_sql_and_ranks_by_marginal_roas(demo: Settings) -> None:
    set_budget("2026-Q1", "Paid Search", planned=150_000, settings=demo)
    set_budget("2026-Q2", "Paid Search", planned=160_000, settings=demo)
    set_budget("2025-Q4", "Paid Search", planned=999_999, settings=demo)  # another year
    review = annual_review(2026, today=TODAY, settings=demo)
    assert (review.start, review.end) == (date(2026, 1, 1), END)
    assert (review.previous_start, review.previous_end) == (date(2025, 1, 1), date(2025, 6, 30))
    a, b = review.start, review.end
    spend = dict(sql(demo, SPEND, a=a, b=b))
    revenue = dict(sql(demo, REVENUE, a=a, b=b))
    revenue_before = dict(sql(demo, REVENUE, a=review.previous_start, b=review.previous_end))
    rows = {c.channel: c.record() for c in review.channels}
    for channel, value in spend.items():
        r = rows[channel]
        assert r["spend"] == pytest.approx(float(value), rel=1e-9)
        assert r["roas"] == pytest.approx(float(revenue[channel]) / float(value), rel=1e-9)
        assert r["revenue_previous"] == pytest.approx(float(revenue_before[channel]), rel=1e-9)
        assert r["revenue_change"] == pytest.approx(
            float(revenue[channel]) / float(revenue_before[channel]) - 1, rel=1e-9
        )
    assert rows["Paid Search"]["planned"] == 310_000
    assert rows["Paid Search"]["variance"] == pytest.approx(
        rows["Paid Search"]["marketing_cost"] - 310_000
    )
    assert rows["Direct"]["marginal_roas"] is None  # no spend, no response
    # the marginal return is the log-log fit on the channel's weekly spend and revenue
    weekly = sql(
        demo,
        "WITH s AS (SELECT date_trunc('week', date) AS w, sum(spend_base) AS s FROM ad_performance"
        " WHERE channel = 'Paid Search' AND date BETWEEN $a AND $b GROUP BY 1),"
        " r AS (SELECT date_trunc('week', CAST(ordered_at AS DATE)) AS w, sum(revenue_base) AS r"
        " FROM orders WHERE channel = 'Paid Search' AND CAST(ordered_at AS DATE) BETWEEN $a AND $b"
        " GROUP BY 1) SELECT s, r FROM s FULL JOIN r USING (w) ORDER BY w",
        a=a,
        b=b,
    )
    x = np.array([float(s or 0) for s, _ in weekly])
    y = np.array([float(r or 0) for _, r in weekly])
    assert rows["Paid Search"]["marginal_roas"] == pytest.approx(marginal_return(x, y).marginal)
    ranked = [c for c in review.channels if c.rank is not None]
    assert [c.rank for c in ranked] == list(range(1, len(ranked) + 1))
    marginals = [c.response.marginal for c in ranked]
    assert marginals == sorted(marginals, reverse=True)  # type: ignore[type-var]
    assert review.total["spend"] == pytest.approx(sum(float(v) for v in spend.values()))
    with pytest.raises(UserError, match="has not started"):
        annual_review(2027, today=TODAY, settings=demo)


def top_campaign(settings: Settings, channel: str) -> str:
    return sql(
        settings,
        "SELECT campaign FROM ad_performance WHERE channel = $c AND date >= '2026-04-01' "
        "GROUP BY 1 ORDER BY sum(spend_base) DESC LIMIT 1",
        c=channel,
    )[0][0]


def test_a_campaign_post_mortem(demo: Settings) -> None:
    name = top_campaign(demo, "Paid Social")
    add_objective(
        "Q2 revenue",
        kpi="revenue",
        target=1e6,
        start=date(2026, 4, 1),
        end=date(2026, 6, 30),
        goal="revenue_growth",
        owner="cmo@x.com",
        settings=demo,
    )
    add_campaign(
        name,
        channel="Paid Social",
        start=date(2026, 4, 1),
        end=date(2026, 5, 31),
        budget=20_000,
        objective="Q2 revenue",
        owner="social@x.com",
        status="live",
        settings=demo,
    )
    update_campaign(name, status="done", reason="flight over", settings=demo)
    first = add_activity("Brief creative", due=date(2026, 3, 20), campaign=name, settings=demo)
    add_activity("Report", due=date(2026, 6, 10), campaign=name, settings=demo)
    complete_activity(first.id, settings=demo)

    review = campaign_review(name, today=TODAY, settings=demo)
    record = review.record()
    a, b = date(2026, 4, 1), date(2026, 5, 31)
    ((spend, clicks, conversions),) = sql(
        demo,
        "SELECT sum(spend_base), sum(clicks), sum(conversions) FROM ad_performance "
        "WHERE campaign = $n AND date BETWEEN $a AND $b",
        n=name,
        a=a,
        b=b,
    )
    (revenue,) = sql(
        demo,
        "SELECT sum(revenue_base) FROM orders WHERE campaign = $n "
        "AND CAST(ordered_at AS DATE) BETWEEN $a AND $b",
        n=name,
        a=a,
        b=b,
    )[0]
    assert record["spend"] == pytest.approx(float(spend), rel=1e-9)
    assert record["cpa"] == pytest.approx(float(spend) / float(conversions), rel=1e-9)
    assert record["cpc"] == pytest.approx(float(spend) / float(clicks), rel=1e-9)
    assert record["roas"] == pytest.approx(float(revenue or 0) / float(spend), rel=1e-9)
    assert record["budget_used"] == pytest.approx(review.marketing_cost / 20_000)
    (before,) = sql(
        demo,
        "SELECT sum(spend_base) FROM ad_performance WHERE campaign = $n AND date BETWEEN $a AND $b",
        n=name,
        a=a - timedelta(days=61),
        b=a - timedelta(days=1),
    )[0]
    assert record["spend_before"] == pytest.approx(float(before or 0), rel=1e-9)
    assert review.objective == "Q2 revenue"
    assert review.objective_status in {"achieved", "missed"}  # the quarter is over on TODAY
    assert (record["activities_done"], record["activities_open"], record["activities_overdue"]) == (
        1,
        1,
        1,
    )
    assert len(record["decisions"]) == 1 and "flight over" in record["decisions"][0]


def test_a_campaign_never_planned_is_reviewed_over_the_days_it_spent(demo: Settings) -> None:
    name = top_campaign(demo, "Paid Search")
    review = campaign_review(name, today=TODAY, settings=demo)
    ((first, last),) = sql(
        demo,
        "SELECT min(date), max(date) FROM ad_performance WHERE campaign = $n AND spend_base > 0",
        n=name,
    )
    assert not review.planned and (review.start, review.end) == (first, last)
    assert review.budget is None and review.record()["budget_used"] is None
    with pytest.raises(NotFound, match="neither planned"):
        campaign_review("No such campaign", today=TODAY, settings=demo)


def test_reviews_from_the_command_line(demo: Settings) -> None:
    import os
    import subprocess
    import sys
    from pathlib import Path

    env = {**os.environ, "MPM_HOME": str(demo.home_path), "COLUMNS": "200"}
    exe = str(Path(sys.executable).parent / "mpm")

    def mpm(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([exe, *args], capture_output=True, text=True, env=env, check=False)

    annual = mpm("review", "annual", "--year", "2026", "--today", str(TODAY), "--format", "json")
    assert annual.returncode == 0, annual.stderr
    records = json.loads(annual.stdout)
    assert {"channel", "rank", "spend", "roas", "cac", "roi", "planned", "marginal_roas"} <= set(
        records[0]
    )
    table = mpm("review", "annual", "--year", "2026", "--today", str(TODAY))
    assert table.returncode == 0 and "marginal ROAS" in table.stdout and "total" in table.stdout
    name = top_campaign(demo, "Paid Search")
    post = mpm("review", "campaign", name, "--today", str(TODAY), "--format", "json")
    assert post.returncode == 0, post.stderr
    assert json.loads(post.stdout)["name"] == name
    missing = mpm("review", "campaign", "Nope")
    assert missing.returncode == 1 and "neither planned" in missing.stderr


@pytest.mark.parametrize(
    ("name", "edition"),
    [
        ("Meta | Promo | Black Friday 2026", "Meta | Promo | Black Friday 2025"),
        ("Q1 Planning Push 2027 (B2B)", "Q1 Planning Push 2026 (B2B)"),
        ("2026 Launch — wave 2025", "2026 Launch — wave 2024"),  # the last year named
        ("Search | Brand | US", None),
        ("SKU 120263", None),  # digits that are not a year
    ],
)
def test_last_years_edition_is_named_by_the_year_in_the_name(
    name: str, edition: str | None
) -> None:
    assert last_edition(name) == edition


def test_a_yearly_campaign_is_compared_with_last_years_edition(demo: Settings) -> None:
    """Summer Camping 2026 ran 15 May to 30 June; its 2025 edition is the comparison, over
    its own flight, and the days before the flight (no delivery) compare with nothing."""
    name = "Search | Seasonal | Summer Camping 2026"
    review = campaign_review(name, today=TODAY, settings=demo)
    edition = "Search | Seasonal | Summer Camping 2025"
    (first, last, spend) = sql(
        demo,
        "SELECT min(date), max(date), sum(spend_base) FROM ad_performance "
        "WHERE campaign = $n AND spend > 0",
        n=edition,
    )[0]
    assert (review.previous_name, review.previous_start, review.previous_end) == (
        edition,
        first,
        last,
    )
    assert review.previous_year["spend"] == pytest.approx(float(spend), rel=1e-9)
    assert set(review.before.values()) == {None}
