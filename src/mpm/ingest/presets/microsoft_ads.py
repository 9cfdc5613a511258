"""Microsoft Advertising (Bing) report downloads: UI names or the API's PascalCase names.

Nine quoted preamble lines (`"Report Name: …"` … `"Rows: N"`), a blank line, the header, the
rows, a blank line and a `"©YYYY Microsoft Corporation. All rights reserved. "` footer (the
reader drops it). Every cell is quoted; comma- and tab-separated files both occur. Dates are
M/D/YYYY; integers and revenue may carry thousands separators.
"""

from __future__ import annotations

import re

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, find, mapped, single_day
from mpm.ingest.readers import FileLayout

DAY_HINT = (
    "In Microsoft Advertising, run the report with Time › Daily (Report Aggregation: Daily) "
    "before downloading, or a report of one single day."
)
REPORT_TIME = re.compile(
    r"Report Time:\s*(\d{1,2}/\d{1,2}/\d{4})(?:\s*[,-]\s*(\d{1,2}/\d{1,2}/\d{4}))?"
)


def _report_day(layout: FileLayout) -> str | None:
    """The report's day when `Report Time` names one day (or the same day twice)."""
    for line in layout.preamble:
        if match := REPORT_TIME.search(line):
            first, last = match.group(1), match.group(2) or match.group(1)
            return single_day(first, last)
    return None


def _build(layout: FileLayout) -> Mapping:
    cols = layout.columns
    gregorian = find(cols, "Gregorian date", "GregorianDate")  # always M/D/YYYY
    day = gregorian or find(cols, "TimePeriod", "Date")
    constants = {"platform": "microsoft_ads"}
    if day is None and (one_day := _report_day(layout)):
        constants["date"] = one_day
    columns = mapped(
        {
            "date": day,
            "account": find(cols, "Account name", "AccountName"),
            "campaign": find(cols, "Campaign name", "CampaignName"),
            "campaign_id": find(cols, "Campaign ID", "CampaignId"),
            "campaign_type": find(cols, "Campaign type", "CampaignType"),
            "ad_group": find(cols, "Ad group", "AdGroupName"),
            "currency": find(cols, "Currency code", "CurrencyCode"),
            "spend": find(cols, "Spend"),
            "impressions": find(cols, "Impressions"),
            "clicks": find(cols, "Clicks"),
            "conversions": find(cols, "Conversions"),
            "conversion_value": find(cols, "Revenue"),
        }
    )
    return Mapping(
        table="ad_performance",
        source="microsoft_ads",
        columns=columns,
        constants=constants,
        date_format="%m/%d/%Y" if gregorian else None,
        preset="microsoft_ads",
        day_hint=DAY_HINT,
    )


MICROSOFT_ADS = Preset(
    name="microsoft_ads",
    label="Microsoft Advertising report",
    table="ad_performance",
    signature=("Campaign name|CampaignName", "Spend", "Impressions", "Clicks"),
    build=_build,
    description=(
        "Reports › Campaign (or Ad group) report, Time: Daily, Download as CSV; UI or API "
        "(PascalCase) column names."
    ),
)
