"""TikTok Ads Manager campaign report (Reporting › Create report, or Campaign tab › Export).

Column names follow the Ads Manager UI: `By Day` (or `Date`), `Cost`, `Impressions`,
`Clicks (destination)`, `Conversions`, `Currency`; a `Total of N results` summary row is dropped.
The layout is inferred from documentation, not checked against a real download.
"""

from __future__ import annotations

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, any_cell_matches, find, mapped
from mpm.ingest.readers import FileLayout

DAY_HINT = (
    "In TikTok Ads Manager, add the time dimension By Day (Reporting › Custom report › "
    "Dimensions › Date: By Day) before exporting, or export one single day."
)


def _build(layout: FileLayout) -> Mapping:
    cols = layout.columns
    columns = mapped(
        {
            "date": find(cols, "By Day", "Date", "Day", "stat_time_day"),
            "account": find(cols, "Account name", "Advertiser name"),
            "campaign": find(cols, "Campaign name"),
            "campaign_id": find(cols, "Campaign ID"),
            "ad_group": find(cols, "Ad group name"),
            "ad": find(cols, "Ad name"),
            "currency": find(cols, "Currency"),
            "spend": find(cols, "Cost"),
            "impressions": find(cols, "Impressions"),
            "clicks": find(cols, "Clicks (destination)", "Clicks (all)", "Clicks"),
            "conversions": find(cols, "Conversions"),
            "conversion_value": find(cols, "Total purchase value", "Purchase value"),
            "reach": find(cols, "Reach"),
            "video_views": find(cols, "Video views"),
        }
    )
    return Mapping(
        table="ad_performance",
        source="tiktok_ads",
        columns=columns,
        constants={"platform": "tiktok_ads"},
        skip_rows=(any_cell_matches(cols, r"^\s*Total of [\d,.]+ results?"),),
        preset="tiktok_ads",
        day_hint=DAY_HINT,
    )


TIKTOK_ADS = Preset(
    name="tiktok_ads",
    label="TikTok Ads Manager campaign report",
    table="ad_performance",
    signature=("Campaign name", "Cost", "Impressions", "Clicks (destination)"),
    build=_build,
    description=(
        "Ads Manager › Reporting › Custom report with dimensions Campaign and By Day, metrics "
        "Cost, Impressions, Clicks (destination), Conversions › Export (CSV or XLSX)."
    ),
)
