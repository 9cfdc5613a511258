"""Cross-table KPIs on the demo world equal hand-written SQL; dimensions a table lacks are
errors; comparisons line up with the period a year or a period earlier."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from mpm.config import Settings
from mpm.demo import load_demo
from mpm.metrics import Filter, UnknownDimension, UnknownMetric, query

END = date(2026, 6, 30)

HAND_SQL = """
WITH s AS (
  SELECT date_trunc('month', date)::DATE AS period, coalesce(channel, '') AS channel,
         sum(spend_base::DOUBLE) AS spend
  FROM ad_performance GROUP BY ALL),
r AS (
  SELECT date_trunc('month', ordered_at)::DATE AS period, coalesce(channel, '') AS channel,
         sum(revenue_base::DOUBLE) AS revenue,
         count(DISTINCT customer_id) FILTER (WHERE is_first_order) AS new_customers
  FROM orders GROUP BY ALL),
c AS (
  SELECT date_trunc('month', date)::DATE AS period, coalesce(channel, '') AS channel,
         sum(amount_base::DOUBLE) AS cost
  FROM costs GROUP BY ALL),
k AS (SELECT period, channel FROM s UNION SELECT period, channel FROM r
      UNION SELECT period, channel FROM c),
j AS (
  SELECT k.period, k.channel, coalesce(spend, 0) AS spend, coalesce(revenue, 0) AS revenue,
         coalesce(new_customers, 0) AS new_customers, coalesce(cost, 0) AS cost
  FROM k LEFT JOIN s USING (period, channel) LEFT JOIN r USING (period, channel)
         LEFT JOIN c USING (period, channel)),
a AS (
  SELECT *, sum(CASE WHEN channel = '' THEN cost ELSE 0 END) OVER (PARTITION BY period) AS pool,
         sum(spend) OVER (PARTITION BY period) AS total
  FROM j)
SELECT period, channel, spend, revenue,
       revenue / nullif(spend, 0) AS roas,
       (spend + other) / nullif(new_customers, 0) AS cac,
       (revenue - spend - other) / nullif(spend + other, 0) AS roi
FROM (SELECT *, CASE WHEN total > 0 THEN (CASE WHEN channel = '' THEN 0 ELSE cost END)
                     + pool * spend / total ELSE cost END AS other FROM a)
WHERE NOT (channel = '' AND spend = 0 AND revenue = 0 AND new_customers = 0 AND other = 0)
ORDER BY period, channel
"""


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    home = tmp_path_factory.mktemp("demo-home")
    settings = Settings(home=home)
    load_demo(settings, seed=11, days=420, end=END)
    return settings


def warehouse(settings: Settings) -> Path:
    return settings.workspace_dir("default") / "warehouse.duckdb"


def test_roas_cac_roi_by_channel_and_month_equal_hand_written_sql(demo: Settings) -> None:
    got = query("spend,revenue,roas,cac,roi", by="channel", grain="month", settings=demo)
    con = duckdb.connect(str(warehouse(demo)), read_only=True)
    want = con.execute(HAND_SQL).df()
    con.close()
    want["channel"] = want["channel"].replace("", "(none)")
    want["period"] = pd.to_datetime(want["period"]).dt.date
    assert len(want) > 50
    assert list(zip(got["period"], got["channel"], strict=True)) == list(
        zip(want["period"], want["channel"], strict=True)
    )
    for column in ("spend", "revenue", "roas", "cac", "roi"):
        pd.testing.assert_series_equal(
            got[column], want[column].astype(float), check_names=False, rtol=1e-9
        )


def test_joining_tables_never_double_counts(demo: Settings) -> None:
    by_channel = query("spend,revenue,orders", by="channel", settings=demo)
    total = query("spend,revenue,orders", settings=demo)
    for column in ("spend", "revenue", "orders"):
        assert by_channel[column].sum() == pytest.approx(total[column][0], rel=1e-9)


def test_a_dimension_a_table_lacks_is_an_error(demo: Settings) -> None:
    with pytest.raises(UnknownDimension, match=r"orders \(behind revenue\) has no platform"):
        query("roas", by="platform", settings=demo)
    with pytest.raises(UnknownDimension, match="did you mean channel"):
        query("spend", by="chanel", settings=demo)
    with pytest.raises(UnknownMetric, match="did you mean roas"):
        query("rosa", settings=demo)


def test_previous_year_lines_up_the_same_month(demo: Settings) -> None:
    got = query("spend", by="channel", grain="month", compare="previous_year", settings=demo)
    plain = query("spend", by="channel", grain="month", settings=demo).set_index(
        ["period", "channel"]
    )
    row = got[(got["period"] == date(2026, 6, 1)) & (got["channel"] == "Paid Search")].iloc[0]
    assert row["spend_previous"] == pytest.approx(
        plain.loc[(date(2025, 6, 1), "Paid Search"), "spend"]
    )
    assert row["spend_change"] == pytest.approx(row["spend"] / row["spend_previous"] - 1)


def test_previous_period_of_a_quarter_is_the_quarter_before(demo: Settings) -> None:
    got = query(
        "revenue", start="2026-01-01", end="2026-03-31", compare="previous_period", settings=demo
    )
    before = query("revenue", start="2025-10-01", end="2025-12-31", settings=demo)
    assert got["revenue_previous"][0] == pytest.approx(before["revenue"][0])


def test_top_n_keeps_ratios_as_ratios_of_sums_in_other(demo: Settings) -> None:
    top = query("spend,clicks,cpc", by="campaign", top=3, settings=demo)
    assert len(top) == 4 and "other" in set(top["campaign"])
    other = top[top["campaign"] == "other"].iloc[0]
    assert other["cpc"] == pytest.approx(other["spend"] / other["clicks"], rel=1e-9)
    total = query("spend", settings=demo)["spend"][0]
    assert top["spend"].sum() == pytest.approx(total, rel=1e-9)


def test_where_filters_and_relative_dates(demo: Settings) -> None:
    only = query("spend", by="channel", where=["channel=in:Paid Search|Display"], settings=demo)
    assert set(only["channel"]) == {"Paid Search", "Display"}
    without = query("spend", by="channel", where=["channel!=Display"], settings=demo)
    assert "Display" not in set(without["channel"])
    ytd = query("spend", start="ytd", settings=demo)
    assert ytd["spend"][0] >= 0


@pytest.mark.parametrize(
    ("dimension", "where"),
    [
        ("channel", "channel=Paid Search"),
        ("channel", "channel=in:Paid Search|Display"),
        ("channel", "channel!=Display"),
        ("campaign", "campaign={a}"),
        ("campaign", "campaign!={a}"),
    ],
)
def test_a_filter_keeps_the_shared_costs_its_groups_carry(
    demo: Settings, dimension: str, where: str
) -> None:
    """Filtering on a dimension equals splitting by it and keeping those groups, so shared
    costs (allocated by spend share) count the same in `--where` as in `--by`."""
    kpis = "spend,marketing_cost,roi,cac"
    split = query(kpis, by=dimension, grain="month", settings=demo)
    where = where.format(a=split.groupby(dimension)["spend"].sum().idxmax())
    filtered = query(kpis, grain="month", where=[where], settings=demo)
    kept = split[split[dimension].isin(Filter.parse(where).values) != Filter.parse(where).negate]
    sums = kept.groupby("period")[["spend", "marketing_cost"]].sum().reset_index()
    merged = filtered.merge(sums, on="period", suffixes=("", "_split"))
    assert len(merged) == len(filtered) > 6
    for column in ("spend", "marketing_cost"):
        assert merged[column].to_numpy() == pytest.approx(merged[f"{column}_split"].to_numpy())
    assert (merged["marketing_cost"] > merged["spend"]).any()  # costs are there
    if len(kept[dimension].unique()) == 1:  # one group: every KPI equals its row
        row = kept.set_index("period").loc[filtered["period"]]
        for kpi in ("roi", "cac"):
            assert filtered[kpi].to_numpy() == pytest.approx(row[kpi].to_numpy())


def test_arrow_on_request_holds_the_same_numbers(demo: Settings) -> None:
    frame = query("spend,ctr", by="channel", grain="quarter", settings=demo)
    table = query("spend,ctr", by="channel", grain="quarter", settings=demo, arrow=True)
    assert table.column_names == ["period", "channel", "spend", "ctr"]
    pd.testing.assert_frame_equal(table.to_pandas(), frame, check_dtype=False)


def test_cli_json_follows_the_contract(demo: Settings) -> None:
    import json
    import os
    import subprocess
    import sys

    exe = Path(sys.executable).parent / "mpm"
    env = {**os.environ, "MPM_HOME": str(demo.home)}
    out = subprocess.run(
        [str(exe), "kpi", "spend,ctr,revenue", "--by", "channel", "--grain", "month", "-f", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    records = json.loads(out)
    assert all(set(r) == {"period", "channel", "spend", "ctr", "revenue"} for r in records)
    assert all(date.fromisoformat(r["period"]).day == 1 for r in records)
    assert any(r["ctr"] is None for r in records)  # channels with orders but no ads
    sql = subprocess.run(
        [str(exe), "kpi", "roas", "--by", "channel", "--explain"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    assert "SELECT" in sql and "orders" in sql and "ad_performance" in sql
    bad = subprocess.run(
        [str(exe), "kpi", "roas", "--by", "platform"], capture_output=True, text=True, env=env
    )
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_orders_split_by_customer_attributes(demo: Settings) -> None:
    got = query("revenue,orders", by="country", settings=demo).set_index("country")
    con = duckdb.connect(str(warehouse(demo)), read_only=True)
    want = con.execute(
        "SELECT coalesce(c.country, '') AS country, sum(o.revenue_base::DOUBLE) AS revenue, "
        "count(*) AS orders FROM orders o LEFT JOIN customers c USING (customer_id) GROUP BY 1"
    ).df()
    con.close()
    want["country"] = want["country"].replace("", "(none)")
    want = want.set_index("country").sort_index()
    assert len(want) >= 2
    pd.testing.assert_series_equal(got["revenue"].sort_index(), want["revenue"], rtol=1e-9)
    pd.testing.assert_series_equal(
        got["orders"].sort_index(), want["orders"].astype(float), rtol=1e-9
    )
