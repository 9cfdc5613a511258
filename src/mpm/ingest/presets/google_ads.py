"""Google Ads UI downloads of the Campaigns and Ad groups tables (.csv and "Excel .csv").

Line 1 is the report title, line 2 the period, line 3 the header; `Total: …` rows follow the
data; empty cells are ` --`; integers carry thousands separators; money has none.
"""

from __future__ import annotations

import re

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, any_cell_matches, find, mapped, single_day
from mpm.ingest.readers import FileLayout

DAY_HINT = (
    "In Google Ads, add the Segment › Time › Day column to the table before downloading "
    "(or download a report of one single day)."
)


def _period_day(layout: FileLayout) -> str | None:
    for line in layout.preamble:
        text = line.strip().strip('"')
        parts = re.split(r"\s+-\s+", text)
        if len(parts) == 2:
            return single_day(parts[0], parts[1])
    return None


def _build(layout: FileLayout, *, ad_group: bool) -> Mapping:
    cols = layout.columns
    day = find(cols, "Day", "Date")
    constants = {"platform": "google_ads"}
    if day is None and (one_day := _period_day(layout)):
        constants["date"] = one_day
    columns = mapped(
        {
            "date": day,
            "campaign": find(cols, "Campaign"),
            "campaign_id": find(cols, "Campaign ID"),
            "campaign_type": find(cols, "Campaign type"),
            "ad_group": find(cols, "Ad group") if ad_group else None,
            "account": find(cols, "Account", "Account name", "Customer ID"),
            "currency": find(cols, "Currency code", "Currency"),
            "spend": find(cols, "Cost"),
            "impressions": find(cols, "Impr.", "Impressions"),
            "clicks": find(cols, "Clicks"),
            "conversions": find(cols, "Conversions"),
            "conversion_value": find(cols, "Conv. value", "Conversion value", "Total conv. value"),
            "video_views": find(cols, "Views", "Video views"),
        }
    )
    return Mapping(
        table="ad_performance",
        source="google_ads",
        columns=columns,
        constants=constants,
        skip_rows=(any_cell_matches(cols, r"^\s*(Total|Gesamt|Totale|Total général):"),),
        preset="google_ads_ad_group" if ad_group else "google_ads_campaign",
        day_hint=DAY_HINT,
    )


GOOGLE_ADS_CAMPAIGN = Preset(
    name="google_ads_campaign",
    label="Google Ads campaign report",
    table="ad_performance",
    signature=("Campaign", "Impr.", "Cost", "Clicks"),
    absent=("Ad group",),
    build=lambda layout: _build(layout, ad_group=False),
    description="Campaigns table › Download (.csv or Excel .csv), segmented by Day.",
)

GOOGLE_ADS_AD_GROUP = Preset(
    name="google_ads_ad_group",
    label="Google Ads ad group report",
    table="ad_performance",
    signature=("Ad group", "Campaign", "Impr.", "Cost", "Clicks"),
    build=lambda layout: _build(layout, ad_group=True),
    description="Ad groups table › Download (.csv or Excel .csv), segmented by Day.",
)
