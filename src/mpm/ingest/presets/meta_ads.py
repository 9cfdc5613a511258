"""Meta Ads Manager exports (Reports › Export table data, .csv or .xlsx), current and legacy.

Current (2025) files end with `Reporting starts,Reporting ends` and open with a summary row whose
name cells are empty; legacy files start with those two columns and say `Result indicator`
instead of `Result type`. The currency is in the name of `Amount spent (XXX)`.

A row is one day only when `Reporting starts` equals `Reporting ends` (Breakdown › By Time ›
Day, or a one-day date range); any other row is refused with the way to export by day.

Conversions are `Results` only where the result is a business outcome (purchases, leads,
registrations, subscriptions, app installs, website or custom conversions); results of other
types (link clicks, landing-page views, messaging conversations, profile visits, reach, …) are
not conversions and stay empty, as does the summary row's `mixed` type.
"""

from __future__ import annotations

from mpm.ingest.mapping import Mapping, RowCheck
from mpm.ingest.presets.base import (
    Preset,
    currency_in_name,
    find,
    find_pattern,
    mapped,
)
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import literal, quote
from mpm.model.tables import Kind

DAY_HINT = (
    "In Meta Ads Manager, choose Breakdown › By Time › Day before Reports › Export table data "
    "(or export a date range of one single day)."
)
# Result types (current) and result indicators (legacy) that count as conversions
CONVERSION_RESULT = (
    r"purchase|lead|registration|subscri|app.install|conversions?$|offsite_conversion\.custom"
)
NAME_COLUMNS = ("Campaign name", "Ad set name", "Ad name")
ACCOUNT_TOTAL = "(all campaigns)"


def _build(layout: FileLayout, *, legacy: bool) -> Mapping:
    cols = layout.columns
    spent = find_pattern(cols, r"^Amount spent \([A-Z]{3}\)$")
    campaign = find(cols, "Campaign name")
    constants = {"platform": "meta_ads"}
    if (currency := currency_in_name(spent)) is not None:
        constants["currency"] = currency
    if campaign is None:  # an account-level report (e.g. broken down by day only)
        constants["campaign"] = ACCOUNT_TOTAL
    columns = mapped(
        {
            "date": find(cols, "Day", "Reporting starts"),
            "campaign": campaign,
            "campaign_id": find(cols, "Campaign ID"),
            "ad_group": find(cols, "Ad set name"),
            "ad": find(cols, "Ad name"),
            "account": find(cols, "Account name"),
            "spend": spent,
            "impressions": find(cols, "Impressions"),
            "clicks": find(cols, "Link clicks", "Clicks (all)"),
            "reach": find(cols, "Reach"),
            "conversion_value": find(
                cols, "Purchases conversion value", "Website purchases conversion value"
            ),
            "video_views": find(cols, "ThruPlays", "3-second video plays"),
        }
    )
    helpers: dict[str, tuple[str, Kind]] = {}
    derived: dict[str, str] = {}
    kind_column = find(cols, "Result indicator" if legacy else "Result type")
    results = find(cols, "Results")
    if kind_column is not None and results is not None:
        helpers = {"result_kind": (kind_column, Kind.TEXT), "results": (results, Kind.NUMBER)}
        derived["conversions"] = (
            f"CASE WHEN regexp_matches(lower({quote('result_kind')}), "
            f"{literal(CONVERSION_RESULT)}) THEN {quote('results')} END"
        )
    row_checks: tuple[RowCheck, ...] = ()
    starts, ends = find(cols, "Reporting starts"), find(cols, "Reporting ends")
    if starts is not None and ends is not None:
        helpers["reporting_starts"] = (starts, Kind.DATE)
        helpers["reporting_ends"] = (ends, Kind.DATE)
        row_checks = (
            RowCheck(
                f"{quote('reporting_starts')} <> {quote('reporting_ends')}",
                ends,
                "the row covers more than one day (Reporting starts is not Reporting ends), "
                f"so the export is not broken down by day. {DAY_HINT}",
            ),
        )
    # the summary row has no names (or, in an account-level report, no day)
    names = [c for c in (find(cols, n) for n in NAME_COLUMNS) if c]
    if not names and (day := find(cols, "Day")):
        names = [day]
    summary_row = " AND ".join(f"mpm_text({quote(n)}) IS NULL" for n in names)
    return Mapping(
        table="ad_performance",
        source="meta_ads",
        columns=columns,
        constants=constants,
        helpers=helpers,
        derived=derived,
        skip_rows=(summary_row,) if summary_row else (),
        row_checks=row_checks,
        preset="meta_ads_legacy" if legacy else "meta_ads",
        day_hint=DAY_HINT,
    )


META_ADS = Preset(
    name="meta_ads",
    label="Meta Ads Manager report",
    table="ad_performance",
    signature=("Reporting starts", "Reporting ends", "Impressions"),
    absent=("Result indicator",),
    build=lambda layout: _build(layout, legacy=False),
    description=(
        "Ads Manager › Campaigns (or Ad sets / Ads) › Breakdown › By Time › Day › Reports › "
        "Export table data (.csv or .xlsx). Current format: Reporting starts/ends are the last "
        "columns and the first row is a summary row."
    ),
)

META_ADS_LEGACY = Preset(
    name="meta_ads_legacy",
    label="Meta Ads Manager report (legacy layout)",
    table="ad_performance",
    signature=("Reporting starts", "Reporting ends", "Impressions", "Result indicator"),
    build=lambda layout: _build(layout, legacy=True),
    description=(
        "Older Ads Manager table export (Reporting starts, Reporting ends first; Result "
        "indicator), broken down by Day."
    ),
)
