"""Load semantics: partition replacement, upserts, revert, idempotency (hypothesis)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from mpm.config import Settings
from mpm.errors import UserError
from mpm.ingest import IngestOptions, ingest_file, list_loads, revert_load
from tests.helpers import query, snapshot

pytestmark = pytest.mark.usefixtures("both_load_paths")

HEADER = "date,platform,account,campaign,ad_group,currency,spend,impressions,clicks"
AD = IngestOptions(table="ad_performance", source_name="test")


def write(path: Path, rows: list[str], header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n")
    return path


def row(day: str, campaign: str, spend: float, clicks: int = 10, account: str = "acme") -> str:
    return f"{day},google_ads,{account},{campaign},g,USD,{spend:.2f},{clicks * 10},{clicks}"


def ad_rows(settings: Settings) -> list[tuple]:
    return query(
        settings,
        "SELECT date::VARCHAR, account, campaign, spend::DOUBLE, clicks FROM ad_performance "
        "ORDER BY ALL",
    )


def test_second_export_without_some_rows_removes_them_and_revert_restores(
    settings: Settings, tmp_path: Path
) -> None:
    first = write(
        tmp_path / "a.csv",
        [row("2025-09-01", "A", 10), row("2025-09-01", "B", 20), row("2025-09-02", "A", 30)],
    )
    ingest_file(first, options=AD, settings=settings)
    before = snapshot(settings)
    before_rows = ad_rows(settings)
    # a restatement: B on 09-01 vanished, A on 09-02 changed
    second = write(tmp_path / "b.csv", [row("2025-09-01", "A", 10), row("2025-09-02", "A", 33)])
    report = ingest_file(second, options=AD, settings=settings)
    assert (report.inserted, report.replaced, report.deleted) == (0, 2, 1)
    assert ad_rows(settings) == [
        ("2025-09-01", "acme", "A", 10.0, 10),
        ("2025-09-02", "acme", "A", 33.0, 10),
    ]
    counts = revert_load(report.load_id, settings=settings)
    assert (counts.deleted, counts.inserted) == (2, 3)
    assert ad_rows(settings) == before_rows
    after = snapshot(settings)
    assert {k: v for k, v in after.items() if k != "_load_commits"} == {
        k: v for k, v in before.items() if k != "_load_commits"
    }
    statuses = {info.load_id: info.status for info in list_loads(settings=settings)}
    assert statuses[report.load_id] == "reverted"
    with pytest.raises(UserError, match="already reverted"):
        revert_load(report.load_id, settings=settings)


def test_partition_is_limited_to_the_files_accounts_and_dates(
    settings: Settings, tmp_path: Path
) -> None:
    ingest_file(
        write(
            tmp_path / "a.csv",
            [
                row("2025-09-01", "A", 1),
                row("2025-09-05", "A", 2),
                row("2025-09-03", "A", 3, account="other"),
            ],
        ),
        options=AD,
        settings=settings,
    )
    ingest_file(
        write(tmp_path / "b.csv", [row("2025-09-01", "Z", 9)]), options=AD, settings=settings
    )
    assert ad_rows(settings) == [
        ("2025-09-01", "acme", "Z", 9.0, 10),
        ("2025-09-03", "other", "A", 3.0, 10),
        ("2025-09-05", "acme", "A", 2.0, 10),
    ]


def test_revert_of_a_superseded_load_is_refused(settings: Settings, tmp_path: Path) -> None:
    first = ingest_file(
        write(tmp_path / "a.csv", [row("2025-09-01", "A", 1)]), options=AD, settings=settings
    )
    ingest_file(
        write(tmp_path / "b.csv", [row("2025-09-01", "A", 2)]), options=AD, settings=settings
    )
    with pytest.raises(UserError, match=f"rows of load {first.load_id} were since replaced"):
        revert_load(first.load_id, settings=settings)


def test_entities_are_upserted_by_natural_key(settings: Settings, tmp_path: Path) -> None:
    header = "order_id,customer_id,ordered_at,currency,revenue"
    opts = IngestOptions(table="orders", source_name="shop")
    ingest_file(
        write(
            tmp_path / "o1.csv",
            ["1,c1,2025-09-01 10:00:00,USD,10", "2,c2,2025-09-02 11:00:00,USD,20"],
            header,
        ),
        options=opts,
        settings=settings,
    )
    report = ingest_file(
        write(
            tmp_path / "o2.csv",
            ["2,c2,2025-09-02 11:00:00,USD,25", "3,c3,2025-09-03 12:00:00,USD,30"],
            header,
        ),
        options=opts,
        settings=settings,
    )
    assert (report.inserted, report.replaced, report.deleted) == (1, 1, 0)
    assert query(settings, "SELECT order_id, revenue::DOUBLE FROM orders ORDER BY 1") == [
        ("1", 10.0),
        ("2", 25.0),
        ("3", 30.0),
    ]


def test_money_is_converted_to_the_base_currency_through_fx_rates(
    settings: Settings, tmp_path: Path
) -> None:
    fx = write(
        tmp_path / "fx.csv",
        ["2025-09-01,EUR,USD,1.10", "2025-09-03,EUR,USD,1.20"],
        "date,currency,base_currency,rate",
    )
    ingest_file(fx, options=IngestOptions(table="fx_rates"), settings=settings)
    ads = write(
        tmp_path / "eur.csv",
        [
            "2025-09-01,meta_ads,eu,A,g,EUR,100.00,1000,10",
            "2025-09-02,meta_ads,eu,A,g,EUR,100.00,1000,10",
            "2025-09-03,meta_ads,eu,A,g,EUR,100.00,1000,10",
            "2025-09-03,meta_ads,eu,B,g,USD,100.00,1000,10",
        ],
    )
    ingest_file(ads, options=AD, settings=settings)
    assert query(
        settings,
        "SELECT date::VARCHAR, currency, spend::DOUBLE, spend_base::DOUBLE "
        "FROM ad_performance ORDER BY ALL",
    ) == [
        ("2025-09-01", "EUR", 100.0, 110.0),
        ("2025-09-02", "EUR", 100.0, 110.0),  # latest rate on or before the day
        ("2025-09-03", "EUR", 100.0, 120.0),
        ("2025-09-03", "USD", 100.0, 100.0),
    ]


def test_cli_tables_lists_every_table_as_json(mpm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write(tmp_path / "a.csv", [row("2025-09-01", "A", 10), row("2025-09-02", "A", 5)])
    mpm("ingest", str(path), "--table", "ad_performance", check=True)
    tables = json.loads(mpm("tables", "--format", "json", check=True).stdout)
    assert {t["table"] for t in tables} >= {"ad_performance", "web_traffic", "orders", "fx_rates"}
    ad = next(t for t in tables if t["table"] == "ad_performance")
    assert ad["rows"] == 2 and ad["min_date"] == "2025-09-01" and ad["max_date"] == "2025-09-02"
    assert ad["last_load_id"] == 1 and ad["last_loaded_at"]
    loads = json.loads(mpm("loads", "--format", "json", check=True).stdout)
    assert loads[0]["load_id"] == 1 and loads[0]["status"] == "committed"
    assert loads[0]["rows_inserted"] == 2


DAYS = [date(2025, 1, 1) + timedelta(days=i) for i in range(20)]
fact_rows = st.dictionaries(
    keys=st.tuples(
        st.sampled_from(DAYS), st.sampled_from(["A", "B", "C"]), st.sampled_from(["acme", "beta"])
    ),
    values=st.tuples(st.integers(0, 10_000), st.integers(0, 100)),
    min_size=1,
    max_size=40,
)


def fact_lines(rows: dict) -> list[str]:
    return [
        f"{day},google_ads,{account},{campaign},g,USD,{cents / 100:.2f},{clicks * 3},{clicks}"
        for (day, campaign, account), (cents, clicks) in sorted(rows.items())
    ]


@hsettings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=fact_rows, split=st.integers(0, 19), overlap=st.integers(0, 10))
def test_overlapping_files_and_repeats_give_the_same_table_as_one_import(
    rows: dict, split: int, overlap: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Two files over overlapping date ranges (rows agree on the overlap), each imported twice,
    equal one import of all rows."""
    folder = tmp_path_factory.mktemp("prop")
    days = sorted({k[0] for k in rows})
    cut = days[min(split, len(days) - 1)]
    start_b = days[max(0, min(split, len(days) - 1) - overlap)]
    part_a = {k: v for k, v in rows.items() if k[0] <= cut}
    part_b = {k: v for k, v in rows.items() if k[0] >= start_b}
    once = Settings(home=folder / "once")
    twice = Settings(home=folder / "twice")
    ingest_file(write(folder / "all.csv", fact_lines(rows)), options=AD, settings=once)
    for part in (part_a, part_b, part_a, part_b):
        if part:
            name = folder / f"part{len(part)}.csv"
            ingest_file(write(name, fact_lines(part)), options=AD, settings=twice)
    # the last file decides its date range: re-import the union's missing side if B was last
    ingest_file(write(folder / "all2.csv", fact_lines(rows)), options=AD, settings=twice)
    assert ad_rows(once) == ad_rows(twice)


@hsettings(
    max_examples=10, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=fact_rows)
def test_importing_the_same_rows_twice_equals_importing_once(
    rows: dict, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("twice")
    once, twice = Settings(home=folder / "once"), Settings(home=folder / "twice")
    path = write(folder / "f.csv", fact_lines(rows))
    ingest_file(path, options=AD, settings=once)
    ingest_file(path, options=AD, settings=twice)
    ingest_file(path, options=AD, settings=twice)
    assert ad_rows(once) == ad_rows(twice) and len(ad_rows(once)) == len(rows)
