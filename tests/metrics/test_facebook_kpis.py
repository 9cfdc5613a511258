"""KPIs on the real Facebook ads export (KAG_conversion_data.csv, generic import with
Total_Conversion as conversions) equal hand computation from the file's columns."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from mpm.config import Settings
from mpm.metrics import query
from tests.helpers import SHARED_DATA
from tests.ingest.test_kaggle_facebook import KAG, load

pytestmark = pytest.mark.skipif(not KAG.exists(), reason=f"{KAG} is not present")


def by_hand(keys: str) -> pd.DataFrame:
    raw = pd.read_csv(SHARED_DATA / "KAG_conversion_data.csv", encoding="utf-8-sig")
    sums = raw.groupby(keys)[["Impressions", "Clicks", "Spent", "Total_Conversion"]].sum()
    return pd.DataFrame(
        {
            "ctr": sums["Clicks"] / sums["Impressions"],
            "cpc": sums["Spent"] / sums["Clicks"].where(sums["Clicks"] != 0),
            "cpm": 1000 * sums["Spent"] / sums["Impressions"],
            "cpa": sums["Spent"] / sums["Total_Conversion"].where(sums["Total_Conversion"] != 0),
        }
    )


def test_ctr_cpc_cpm_cpa_per_campaign_equal_hand_computation(settings: Settings) -> None:
    load(settings)
    got = query("ctr,cpc,cpm,cpa", by="campaign", settings=settings).set_index("campaign")
    want = by_hand("xyz_campaign_id")
    want.index = want.index.astype(str)
    assert sorted(got.index) == sorted(want.index)
    for column in ("ctr", "cpc", "cpm", "cpa"):
        pd.testing.assert_series_equal(
            got[column].sort_index(), want[column].sort_index(), check_names=False, rtol=1e-9
        )


def test_ads_without_clicks_have_null_cpc(settings: Settings, mpm) -> None:
    load(settings)
    got = query("clicks,cpc", by="ad", settings=settings)
    assert (got["clicks"] == 0).sum() > 0
    assert got.loc[got["clicks"] == 0, "cpc"].isna().all()
    assert got.loc[got["clicks"] > 0, "cpc"].notna().all()
    out = mpm("kpi", "ctr,cpc,cpm,cpa", "--by", "campaign", "--format", "json", check=True)
    records = json.loads(out.stdout)
    assert sorted(records[0]) == ["campaign", "cpa", "cpc", "cpm", "ctr"]
    assert all(isinstance(r["campaign"], str) for r in records)
    zero = json.loads(mpm("kpi", "cpc", "--by", "ad", "--format", "json", check=True).stdout)
    assert any(r["cpc"] is None for r in zero)


def test_kept_columns_are_dimensions(settings: Settings) -> None:
    load(settings, keep_extra=True)
    got = query("clicks,ctr", by="attributes.age", settings=settings).set_index("attributes.age")
    raw = pd.read_csv(KAG, encoding="utf-8-sig")
    sums = raw.groupby("age")[["Clicks", "Impressions"]].sum()
    assert list(got.index) == list(sums.index)
    assert list(got["clicks"]) == list(sums["Clicks"].astype(float))
    pd.testing.assert_series_equal(
        got["ctr"], sums["Clicks"] / sums["Impressions"], check_names=False, check_index=False
    )
    women = query("clicks", where=["attributes.gender=F"], settings=settings)["clicks"][0]
    assert women == raw.loc[raw["gender"] == "F", "Clicks"].sum()
