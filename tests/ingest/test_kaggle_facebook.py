"""The real Facebook ads export (KAG_conversion_data.csv, UTF-8 BOM, no date column) loads
through a generic mapping with --set date=..., and its totals equal SOURCES.md."""

from __future__ import annotations

from decimal import Decimal

import pytest

from mpm.config import Settings
from mpm.ingest import IngestOptions, ingest_file
from tests.helpers import SHARED_DATA, query

KAG = SHARED_DATA / "KAG_conversion_data.csv"
pytestmark = pytest.mark.skipif(not KAG.exists(), reason=f"{KAG} is not present")

MAPPING = {
    "campaign": "xyz_campaign_id",
    "campaign_id": "xyz_campaign_id",
    "ad_group": "fb_campaign_id",
    "ad": "ad_id",
    "impressions": "Impressions",
    "clicks": "Clicks",
    "spend": "Spent",
    "conversions": "Total_Conversion",
}


def load(settings: Settings, *, keep_extra: bool = False) -> None:
    ingest_file(
        KAG,
        options=IngestOptions(
            table="ad_performance",
            columns=MAPPING,
            constants={"date": "2017-08-17", "platform": "meta_ads", "currency": "USD"},
            source_name="kaggle_facebook",
            keep_extra=keep_extra or None,
        ),
        settings=settings,
    )


def test_totals_equal_the_published_values(settings: Settings) -> None:
    load(settings)
    rows, impressions, clicks, spend, conversions = query(
        settings,
        "SELECT count(*), sum(impressions), sum(clicks), sum(spend), sum(conversions) "
        "FROM ad_performance",
    )[0]
    assert rows == 1143
    assert impressions == 213_434_828
    assert clicks == 38_165
    assert round(spend, 2) == Decimal("58705.23")
    assert conversions == 3264


def test_per_campaign_totals_equal_the_published_table(settings: Settings) -> None:
    load(settings)
    rows = query(
        settings,
        "SELECT campaign, count(*), sum(impressions), sum(clicks), round(sum(spend), 2), "
        "sum(conversions) FROM ad_performance GROUP BY campaign ORDER BY campaign",
    )
    assert rows == [
        ("1178", 625, 204_823_716, 36_068, Decimal("55662.15"), 2669.0),
        ("916", 54, 482_925, 113, Decimal("149.71"), 58.0),
        ("936", 464, 8_128_187, 1_984, Decimal("2893.37"), 537.0),
    ]


def test_spend_is_exact_to_the_file_digits(settings: Settings) -> None:
    """Money is DECIMAL: the sum equals the exact decimal sum of the file's strings."""
    import csv

    with KAG.open(encoding="utf-8-sig") as fh:
        exact = sum(Decimal(r["Spent"]) for r in csv.DictReader(fh))
    load(settings)
    assert query(settings, "SELECT sum(spend) FROM ad_performance")[0][0] == exact


def test_keep_extra_keeps_unmapped_columns_as_attributes(settings: Settings) -> None:
    load(settings, keep_extra=True)
    by_age = query(
        settings,
        "SELECT attributes['age'] AS age, count(*) FROM ad_performance GROUP BY age ORDER BY age",
    )
    assert by_age == [("30-34", 426), ("35-39", 248), ("40-44", 210), ("45-49", 259)]
    genders = dict(
        query(settings, "SELECT attributes['gender'], count(*) FROM ad_performance GROUP BY 1")
    )
    assert genders == {"M": 592, "F": 551}


def test_reimport_is_idempotent(settings: Settings) -> None:
    load(settings)
    load(settings)
    assert query(settings, "SELECT count(*), sum(clicks) FROM ad_performance") == [(1143, 38_165)]
