"""Ratio KPIs are ratios of sums at every grain; additive KPIs add up across grains and
dimensions (hypothesis, on a real DuckDB warehouse built from the canonical schema)."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import ibis
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mpm.config import Settings
from mpm.metrics import query
from mpm.metrics.periods import Calendar, Grain, period_start
from mpm.warehouse.schema import all_ddl

START = date(2025, 1, 1)
CHANNELS = ["Paid Search", "Paid Social", "Display"]

ROW = st.tuples(
    st.integers(0, 120),  # day offset
    st.sampled_from(CHANNELS),
    st.integers(0, 5_000),  # impressions
    st.integers(0, 100),  # clicks share (per mille of impressions)
    st.integers(0, 100_000),  # spend in cents
)


def warehouse(rows: list[tuple[int, str, int, int, int]]) -> ibis.BaseBackend:
    con = duckdb.connect()
    for statement in all_ddl():
        con.execute(statement)
    frame = pd.DataFrame(
        [
            {
                "date": START + timedelta(days=d),
                "platform": "google_ads",
                "account": "",
                "channel": channel,
                "campaign_id": "",
                "campaign": f"c{i}",
                "ad_group": "",
                "ad": "",
                "impressions": impressions,
                "clicks": impressions * share // 1000,
                "spend_base": cents / 100,
                "spend": cents / 100,
            }
            for i, (d, channel, impressions, share, cents) in enumerate(rows)
        ]
    )
    con.register("frame", frame)
    columns = ", ".join(frame.columns)
    con.execute(f"INSERT INTO _rows_ad_performance ({columns}) SELECT {columns} FROM frame")
    return ibis.duckdb.from_connection(con)


def expected_ratio(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    sums = frame.groupby(keys, as_index=False)[["clicks", "impressions", "spend"]].sum()
    sums["ctr"] = sums["clicks"] / sums["impressions"].where(sums["impressions"] != 0)
    sums["cpc"] = sums["spend"] / sums["clicks"].where(sums["clicks"] != 0)
    return sums


@pytest.mark.parametrize("grain", [None, *Grain])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=40))
def test_ctr_and_cpc_are_ratios_of_sums_not_means_of_ratios(
    settings: Settings, grain: Grain | None, rows: list[tuple[int, str, int, int, int]]
) -> None:
    backend = warehouse(rows)
    got = query(
        "clicks,impressions,spend,ctr,cpc",
        by="channel",
        grain=grain,
        backend=backend,
        settings=settings,
    )
    raw = pd.DataFrame(
        [
            {
                "channel": channel,
                "period": period_start(START + timedelta(days=d), grain or Grain.DAY, Calendar()),
                "impressions": impressions,
                "clicks": impressions * share // 1000,
                "spend": cents / 100,
            }
            for d, channel, impressions, share, cents in rows
        ]
    )
    keys = ["period", "channel"] if grain else ["channel"]
    want = expected_ratio(raw, keys).sort_values(keys).reset_index(drop=True)
    got = got.sort_values(keys).reset_index(drop=True)
    assert list(got[keys].itertuples(index=False)) == list(want[keys].itertuples(index=False))
    for column in ("clicks", "impressions", "spend", "ctr", "cpc"):
        pd.testing.assert_series_equal(
            got[column].astype(float), want[column].astype(float), check_names=False, rtol=1e-9
        )


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(ROW, min_size=1, max_size=40))
def test_additive_kpis_at_month_grain_equal_the_sum_of_days(
    settings: Settings, rows: list[tuple[int, str, int, int, int]]
) -> None:
    backend = warehouse(rows)
    days = query(
        "spend,clicks,impressions", by="channel", grain="day", backend=backend, settings=settings
    )
    months = query(
        "spend,clicks,impressions", by="channel", grain="month", backend=backend, settings=settings
    )
    days["period"] = [d.replace(day=1) for d in days["period"]]
    summed = days.groupby(["period", "channel"], as_index=False)[
        ["spend", "clicks", "impressions"]
    ].sum()
    merged = months.merge(summed, on=["period", "channel"], suffixes=("", "_days"))
    assert len(merged) == len(months) == len(summed)
    for column in ("spend", "clicks", "impressions"):
        pd.testing.assert_series_equal(
            merged[column], merged[f"{column}_days"], check_names=False, rtol=1e-9
        )
    total = query("spend", backend=backend, settings=settings)["spend"][0]
    assert total == pytest.approx(months["spend"].sum(), rel=1e-9)


def test_division_by_zero_is_null_not_infinite(settings: Settings) -> None:
    backend = warehouse([(0, "Display", 100, 0, 500), (1, "Paid Search", 0, 0, 0)])
    got = query("ctr,cpc,cpm", by="channel", backend=backend, settings=settings).set_index(
        "channel"
    )
    assert pd.isna(got.loc["Display", "cpc"])  # spend but no clicks
    assert pd.isna(got.loc["Paid Search", "ctr"])  # no impressions
    assert got.loc["Display", "cpm"] == pytest.approx(50.0)
