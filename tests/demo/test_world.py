"""The demo world keeps the canonical contract, is reproducible, and its truth shows in the data."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import pathlib
import time

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from mpm.demo import World, generate_world, write_truth
from mpm.demo.response import geometric_adstock, hill
from mpm.demo.seasonality import thanksgiving
from mpm.errors import UserError
from mpm.model.channels import load_grouping
from mpm.model.tables import PLATFORMS, TABLES, Kind

END = dt.date(2024, 10, 31)
CONFORMED = set(load_grouping().channels)
FACT_TABLES_WITH_CHANNEL = (
    "ad_performance",
    "web_traffic",
    "email_campaigns",
    "social_performance",
    "orders",
    "leads",
    "touchpoints",
)
FORBIDDEN = {"attributes", "_source", "_loaded_at", "_load_id"}


@pytest.fixture(scope="module")
def world() -> World:
    return generate_world(seed=7, days=120, end=END)


def frame(world: World, name: str) -> pd.DataFrame:
    return world.tables[name].to_pandas()


def test_same_seed_and_end_give_identical_tables() -> None:
    a = generate_world(seed=3, days=90, end=END)
    b = generate_world(seed=3, days=90, end=END)
    for name in TABLES:
        assert a.tables[name].equals(b.tables[name]), name
    assert a.truth == b.truth


def test_different_seed_gives_different_data(world: World) -> None:
    other = generate_world(seed=8, days=120, end=END)
    assert not other.tables["ad_performance"].equals(world.tables["ad_performance"])
    assert not other.tables["orders"].equals(world.tables["orders"])


def test_every_canonical_table_is_present_with_required_columns(world: World) -> None:
    assert set(world.tables) == set(TABLES)
    for name, table in TABLES.items():
        data = world.tables[name]
        assert data.num_rows > 0, name
        names = set(data.column_names)
        assert names <= set(table.column_names), (name, names - set(table.column_names))
        assert not names & FORBIDDEN
        assert not any(n.endswith("_base") for n in names)
        assert {c.name for c in table.columns if c.required} <= names, name


def test_columns_have_the_types_the_importer_expects(world: World) -> None:
    for name, table in TABLES.items():
        data = world.tables[name]
        for column in table.columns:
            if column.name not in data.column_names:
                continue
            typ = data.schema.field(column.name).type
            if column.kind is Kind.DATE:
                assert typ == pa.date32(), (name, column.name)
            elif column.kind is Kind.TIMESTAMP:
                assert typ == pa.timestamp("us"), (name, column.name)
            elif column.kind is Kind.COUNT:
                assert typ == pa.int64(), (name, column.name)
            elif column.kind in (Kind.MONEY, Kind.NUMBER):
                assert typ == pa.float64(), (name, column.name)
            elif column.kind is Kind.BOOLEAN:
                assert typ == pa.bool_()
            else:
                assert typ == pa.string(), (name, column.name)


def test_money_is_rounded_to_cents_and_currencies_are_iso(world: World) -> None:
    for name, table in TABLES.items():
        df = frame(world, name)
        for money in table.money_columns:
            if money in df:
                values = df[money].dropna().to_numpy()
                assert np.allclose(values, np.round(values, 2), atol=1e-9), (name, money)
        if "currency" in df:
            assert set(df["currency"].dropna()) <= {"USD", "EUR"}, name


def test_row_invariants_hold(world: World) -> None:
    for name, table in TABLES.items():
        df = frame(world, name)
        for check in table.checks:
            both = df[[check.smaller, check.larger]].dropna()
            assert (both[check.smaller] <= both[check.larger]).all(), (name, check)
        for column in table.columns:
            if column.non_negative and column.name in df:
                assert (df[column.name].dropna() >= 0).all(), (name, column.name)


def test_natural_keys_are_unique_and_never_null(world: World) -> None:
    for name, table in TABLES.items():
        df = frame(world, name)
        key = list(table.natural_key)
        assert df[key].notna().all().all(), name
        assert not df.duplicated(key).any(), name


def test_text_is_short_and_never_looks_like_a_formula(world: World) -> None:
    for name, table in TABLES.items():
        df = frame(world, name)
        for column in table.columns:
            if column.kind is not Kind.TEXT or column.name not in df:
                continue
            text = df[column.name].dropna().astype(str)
            assert (text.str.len() <= 1000).all(), (name, column.name)
            assert not text.str.match(r"^[=+\-@]").any(), (name, column.name)


def test_channels_platforms_and_accounts_are_conformed(world: World) -> None:
    for name in FACT_TABLES_WITH_CHANNEL:
        channels = frame(world, name)["channel"]
        assert channels.notna().all() and set(channels) <= CONFORMED, name
    for name in ("costs", "custom_metrics"):
        assert set(frame(world, name)["channel"]) <= CONFORMED | {""}
    for name, table in TABLES.items():
        if "account" in table.column_names and name in world.tables:
            assert frame(world, name)["account"].notna().all(), name
    assert set(frame(world, "ad_performance")["platform"]) <= set(PLATFORMS)


def test_eur_rows_have_an_fx_rate_for_their_day(world: World) -> None:
    ads = frame(world, "ad_performance")
    eur_days = set(ads.loc[ads["currency"] == "EUR", "date"])
    assert eur_days, "the EU Meta account spends in EUR"
    fx = frame(world, "fx_rates")
    assert set(fx["currency"]) == {"EUR"} and set(fx["base_currency"]) == {"USD"}
    assert eur_days <= set(fx["date"])
    assert fx["rate"].between(1.0, 1.2).all()


def test_truth_spend_matches_ad_performance_in_usd(world: World) -> None:
    ads = frame(world, "ad_performance")
    fx = frame(world, "fx_rates").set_index("date")["rate"]
    rate = np.where(ads["currency"] == "EUR", ads["date"].map(fx), 1.0)
    usd = (ads["spend"] * rate).groupby(ads["channel"]).sum()
    for channel, entry in world.truth["channels"].items():
        if entry["kind"] == "paid":
            assert usd[channel] == pytest.approx(entry["spend_total"], abs=1.0)
            roas = entry["incremental_revenue_total"] / entry["spend_total"]
            assert entry["roi"] == pytest.approx(roas - 1.0, abs=1e-5)


def test_adstock_truth_matches_its_half_life(world: World) -> None:
    for channel, entry in world.truth["channels"].items():
        if entry["kind"] != "paid":
            continue
        half_life = entry["adstock_half_life_days"]
        assert entry["adstock_decay"] == pytest.approx(0.5 ** (1.0 / half_life))
        assert entry["saturation"]["kind"] == "hill", channel
        impulse = np.zeros(64)
        impulse[1] = 1.0
        carried = geometric_adstock(impulse, entry["adstock_decay"])
        if float(half_life).is_integer():
            assert carried[1 + int(half_life)] / carried[1] == pytest.approx(0.5)
        k = entry["saturation"]["half_saturation_spend_per_day"]
        assert hill(np.array([k]), k, entry["saturation"]["shape"])[0] == pytest.approx(0.5)


def _kpi(df: pd.DataFrame, kpi: str) -> tuple[pd.Series, pd.Series]:
    """Daily numerator and denominator of `kpi` (denominator 1 per day for sums)."""
    day = df["date"]
    ratios = {
        "cpc": ("spend", "clicks"),
        "engagement_rate": ("engaged_sessions", "sessions"),
        "web_conversion_rate": ("conversions", "sessions"),
        "email_delivery_rate": ("delivered", "sent"),
    }
    if kpi in ratios:
        top, bottom = ratios[kpi]
        return df.groupby(day)[top].sum(), df.groupby(day)[bottom].sum()
    totals = df.groupby(day)[kpi].sum()
    return totals, totals * 0 + 1


def _holiday_peak(days: np.ndarray) -> np.ndarray:
    """Days from a week before Thanksgiving to Jan 2 (demand swings too much for a baseline)."""
    out = np.zeros(len(days), dtype=bool)
    for year in {d.year for d in days}:
        first = thanksgiving(year) - dt.timedelta(days=7)
        out |= (days >= first) & (days <= dt.date(year + 1, 1, 2))
        out |= (days >= dt.date(year, 1, 1)) & (days <= dt.date(year, 1, 2))
    return out


def test_incidents_are_placed_in_the_window_and_varied(world: World) -> None:
    incidents = world.truth["incidents"]
    assert len(incidents) >= 10
    assert len({i["kind"] for i in incidents}) >= 6
    start, end = world.truth["start"], world.truth["end"]
    for incident in incidents:
        assert start <= incident["start"] <= incident["end"] <= end
        assert incident["table"] in TABLES


def test_every_incident_is_visible_in_its_scope(world: World) -> None:
    incidents = world.truth["incidents"]
    days = pd.date_range(world.truth["start"], world.truth["end"]).date
    for incident in incidents:
        df = frame(world, incident["table"])
        for key, value in incident["scope"].items():
            df = df[df[key] == value]
        top, bottom = _kpi(df, incident["kpi"])
        top = top.reindex(days, fill_value=0)
        bottom = bottom.reindex(
            days,
            fill_value=0
            if incident["kpi"]
            in ("cpc", "engagement_rate", "web_conversion_rate", "email_delivery_rate")
            else 1,
        )
        first = dt.date.fromisoformat(incident["start"])
        last = dt.date.fromisoformat(incident["end"])
        during = (days >= first) & (days <= last)
        near = (days >= first - dt.timedelta(days=14)) & (days <= last + dt.timedelta(days=14))
        near &= ~_holiday_peak(days)
        for other in incidents:
            if other["table"] == incident["table"]:
                near &= ~(
                    (days >= dt.date.fromisoformat(other["start"]))
                    & (days <= dt.date.fromisoformat(other["end"]))
                )
        observed = (top[during].sum() / bottom[during].sum()) / (
            top[near].sum() / bottom[near].sum()
        )
        magnitude = incident["magnitude"]
        if magnitude < 1:
            assert observed < 1 - 0.5 * (1 - magnitude), (incident["kind"], observed)
        else:
            assert observed > 1 + 0.5 * (magnitude - 1), (incident["kind"], observed)


def test_tracking_outage_day_has_far_fewer_conversions(world: World) -> None:
    outage = next(
        i
        for i in world.truth["incidents"]
        if i["kind"] == "tracking_outage" and i["table"] == "web_traffic"
    )
    web = frame(world, "web_traffic")
    web = web[web["channel"] == outage["scope"]["channel"]]
    daily = web.groupby("date")["conversions"].sum()
    day = dt.date.fromisoformat(outage["start"])
    around = daily[(daily.index >= day - dt.timedelta(days=21)) & (daily.index < day)]
    assert daily.get(day, 0.0) < 0.2 * around.mean()


def test_experiment_lift_is_close_to_the_true_lift(world: World) -> None:
    exposures = frame(world, "experiment_exposures")
    for name, truth in world.truth["experiments"].items():
        rows = exposures[exposures["experiment"] == name]
        assert set(rows["variant"]) == set(truth["variants"])
        stats = rows.groupby("variant")["converted"].agg(["sum", "count"])
        assert stats["count"].to_dict() == truth["units"]
        p_c = stats.loc["control", "sum"] / stats.loc["control", "count"]
        p_t = stats.loc["treatment", "sum"] / stats.loc["treatment", "count"]
        lift = p_t / p_c - 1
        se = (1 + lift) * math.sqrt(
            (1 - p_t) / stats.loc["treatment", "sum"] + (1 - p_c) / stats.loc["control", "sum"]
        )
        assert abs(lift - truth["true_relative_lift"]) < 4 * se, name
        assert truth["true_relative_lift"] > 0
        assert rows["pre_period_value"].corr(rows["converted"]) > 0.03, name
        assert (rows["exposed_at"].dt.date.astype(str) >= truth["start"]).all()
        assert (rows["exposed_at"].dt.date.astype(str) <= truth["end"]).all()


def test_orders_and_customers_form_consistent_histories(world: World) -> None:
    orders = frame(world, "orders")
    customers = frame(world, "customers").set_index("customer_id")
    assert orders["customer_id"].isin(customers.index).all()
    assert orders.groupby("customer_id")["is_first_order"].sum().max() <= 1
    firsts = orders[orders["is_first_order"]].set_index("customer_id")["ordered_at"]
    assert (customers.loc[firsts.index, "first_order_at"] == firsts).all()
    assert orders["is_first_order"].any() and (~orders["is_first_order"]).any()
    assert (orders["gross_margin"] < orders["revenue"]).all()


def test_leads_move_through_stages_in_order(world: World) -> None:
    leads = frame(world, "leads")
    stages = ["created_at", "mql_at", "sql_at", "opportunity_at"]
    for earlier, later in itertools.pairwise(stages):
        both = leads[[earlier, later]].dropna()
        assert (both[earlier] <= both[later]).all()
        assert leads[later].isna().sum() >= leads[earlier].isna().sum()
    assert not (leads["won_at"].notna() & leads["lost_at"].notna()).any()
    assert leads["won_at"].notna().any() and leads["deal_value"].notna().any()
    closed = leads[["won_at", "lost_at"]].max(axis=1).dropna()
    assert (closed < pd.Timestamp(world.truth["end"]) + pd.Timedelta(days=1)).all()


def test_journeys_link_touchpoints_and_conversions(world: World) -> None:
    touchpoints = frame(world, "touchpoints")
    conversions = frame(world, "conversions")
    assert conversions["user_id"].isin(touchpoints["user_id"]).all()
    last_touch = touchpoints.groupby("user_id")["ts"].max()
    assert (conversions.set_index("user_id")["ts"] >= last_touch.loc[conversions["user_id"]]).all()


def test_truth_round_trips_through_json(world: World, tmp_path: pathlib.Path) -> None:
    assert json.loads(json.dumps(world.truth)) == world.truth
    path = tmp_path / "truth.json"
    write_truth(world, path)
    text = path.read_text(encoding="utf-8")
    assert json.loads(text) == world.truth
    assert text == json.dumps(world.truth, indent=2, sort_keys=True) + "\n"
    for field in (
        "seed",
        "end",
        "days",
        "base_currency",
        "generated_by",
        "channels",
        "incidents",
        "experiments",
        "customers",
        "campaigns",
    ):
        assert field in world.truth
    assert world.truth["generated_by"] == "mpm demo"
    assert world.base_currency == "USD"


def test_rows_fall_inside_the_window(world: World) -> None:
    start = pd.Timestamp(world.truth["start"])
    after_end = pd.Timestamp(world.truth["end"]) + pd.Timedelta(days=1)
    for name, table in TABLES.items():
        placed = pd.to_datetime(frame(world, name)[table.date_column]).dropna()
        assert (placed < after_end).all(), name
        if name != "customers":  # customers acquired before the window keep their first order
            assert (placed >= start).all(), name


def test_end_defaults_to_yesterday() -> None:
    world = generate_world(seed=1, days=60)
    assert world.truth["end"] == (dt.date.today() - dt.timedelta(days=1)).isoformat()
    assert world.tables["fx_rates"].num_rows == 60


def test_short_windows_are_refused() -> None:
    with pytest.raises(UserError):
        generate_world(days=30, end=END)


def test_default_world_is_fast_modest_and_complete() -> None:
    began = time.perf_counter()
    world = generate_world(end=dt.date(2025, 6, 30))
    assert time.perf_counter() - began < 60
    counts = {name: t.num_rows for name, t in world.tables.items()}
    assert sum(counts.values()) < 600_000
    assert counts["touchpoints"] <= 60_000
    assert len(world.truth["campaigns"]) >= 30
    always_on = [c for c in world.truth["campaigns"] if c["always_on"]]
    assert 0 < len(always_on) < len(world.truth["campaigns"])
    assert len(set(world.tables["web_traffic"].column("channel").to_pylist())) >= 10
    awareness = world.tables["custom_metrics"].to_pandas()
    awareness = awareness[awareness["metric"] == "brand_awareness"]
    assert awareness["value"].between(0, 1).all() and (awareness["sample_size"] > 0).all()
