"""LinkedIn Campaign Manager campaign performance export (.csv, also UTF-16 tab-separated).

A preamble (`Campaign Performance Report (in UTC)`, `Report Start: …`, `Report End: …`,
`Date Generated: …`) and a blank line precede the header. With Time breakdown Daily each row's
`Start Date (in UTC)` (M/D/YYYY) is its day. A file without that column is accepted only when
the report covers one day; a file with `End Date (in UTC)` must have it equal to the start.
"""

from __future__ import annotations

import re

from mpm.ingest.mapping import Mapping, RowCheck
from mpm.ingest.presets.base import Preset, find, mapped, single_day
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import quote
from mpm.model.tables import Kind

DAY_HINT = (
    "In LinkedIn Campaign Manager, set Time breakdown to Daily before Export › Campaign "
    "performance (or export a date range of one single day)."
)
REPORT_DAY = re.compile(
    r"Report (Start|End):\s*([A-Za-z]{3,9} \d{1,2}, \d{4}|\d{1,2}/\d{1,2}/\d{4})"
)


def _report_day(layout: FileLayout) -> str | None:
    """The report's day when `Report Start` and `Report End` fall on the same day."""
    found = {m.group(1): m.group(2) for line in layout.preamble for m in REPORT_DAY.finditer(line)}
    return single_day(found.get("Start"), found.get("End"))


def _build(layout: FileLayout) -> Mapping:
    cols = layout.columns
    day = find(cols, "Start Date (in UTC)", "Start Date", "Date")
    constants = {"platform": "linkedin_ads"}
    if day is None and (one_day := _report_day(layout)):
        constants["date"] = one_day
    columns = mapped(
        {
            "date": day,
            "account": find(cols, "Account Name"),
            "currency": find(cols, "Currency"),
            "campaign": find(cols, "Campaign Name"),
            "campaign_id": find(cols, "Campaign ID"),
            "campaign_type": find(cols, "Campaign Type"),
            "spend": find(cols, "Total Spent", "Amount Spent"),
            "impressions": find(cols, "Impressions"),
            "clicks": find(cols, "Clicks"),
            "conversions": find(cols, "Conversions"),
            "conversion_value": find(cols, "Total Conversion Value"),
            "video_views": find(cols, "Video Views"),
        }
    )
    helpers: dict[str, tuple[str, Kind]] = {}
    row_checks: tuple[RowCheck, ...] = ()
    end = find(cols, "End Date (in UTC)", "End Date")
    if day is not None and end is not None:
        helpers["end_date"] = (end, Kind.DATE)
        row_checks = (
            RowCheck(
                f"{quote('date')} <> {quote('end_date')}",
                end,
                f"the row covers more than one day (start and end dates differ). {DAY_HINT}",
            ),
        )
    return Mapping(
        table="ad_performance",
        source="linkedin_ads",
        columns=columns,
        constants=constants,
        helpers=helpers,
        row_checks=row_checks,
        date_format="%m/%d/%Y" if day is not None else None,
        preset="linkedin_ads",
        day_hint=DAY_HINT,
    )


LINKEDIN_ADS = Preset(
    name="linkedin_ads",
    label="LinkedIn Campaign Manager campaign performance",
    table="ad_performance",
    signature=("Campaign Name", "Total Spent", "Impressions"),
    build=_build,
    description=(
        "Campaign Manager › Analyze › Campaign performance, Time breakdown: Daily › Export "
        "(CSV; the UTF-16 tab-separated variant is read too)."
    ),
)
