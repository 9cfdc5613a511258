"""GA4 Reports › Acquisition › Traffic acquisition › Share this report › Download File › CSV.

A `#` preamble names the account, the property and the period (`# Start date: YYYYMMDD`,
`# End date: YYYYMMDD`). Rows are days when the report has the `Date` dimension (YYYYMMDD); a
report of one single day takes that day; any other period is refused.

Measures: `engagement_seconds` = Average engagement time per session × Sessions (GA4 reports the
average, in seconds); `bounces` = Sessions − Engaged sessions, GA4's definition (bounce rate is
1 − engagement rate). `Total revenue` has no currency in the file: it is taken in the workspace
base currency unless `--set currency=XXX` says otherwise.
"""

from __future__ import annotations

import re

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, any_cell_matches, find, find_pattern, mapped, single_day
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import quote
from mpm.model.tables import Kind

DAY_HINT = (
    "In GA4, add Date as a secondary dimension (the + next to the first column) before "
    "Share this report › Download File, or download a report of one single day."
)
PREAMBLE = re.compile(r"^#\s*(Start date|End date|Property):\s*(.*?)\s*$")
CHANNEL_GROUP = r"^(Session|First user)?\s*(default|primary)?\s*channel group"


def _preamble(layout: FileLayout) -> dict[str, str]:
    found: dict[str, str] = {}
    for line in layout.preamble:
        if match := PREAMBLE.match(line.strip()):
            found.setdefault(match.group(1), match.group(2))
    return found


def _split(expr: str, part: int) -> str:
    """Part 1 or 2 of a `source / medium` value, NULL when empty."""
    return f"nullif(trim(split_part({expr}, ' / ', {part})), '')"


def _build(layout: FileLayout) -> Mapping:
    cols = layout.columns
    period = _preamble(layout)
    day = find(cols, "Date")
    constants: dict[str, str] = {}
    if day is None and (one_day := single_day(period.get("Start date"), period.get("End date"))):
        constants["date"] = one_day
    if period.get("Property"):
        constants["account"] = period["Property"]
    sessions = find(cols, "Sessions")
    users = find(cols, "Total users", "Users", "Active users")
    columns = mapped(
        {
            "date": day,
            "channel": find_pattern(cols, CHANNEL_GROUP),
            "source": find(cols, "Session source", "First user source"),
            "medium": find(cols, "Session medium", "First user medium"),
            "campaign": find(cols, "Session campaign", "First user campaign"),
            "landing_page": find(cols, "Landing page", "Landing page + query string"),
            "device": find(cols, "Device category"),
            "country": find(cols, "Country"),
            "sessions": sessions,
            "users": users,
            "new_users": find(cols, "New users"),
            "engaged_sessions": find(cols, "Engaged sessions"),
            "pageviews": find(cols, "Views"),
            "conversions": find(cols, "Key events", "Conversions"),
            "revenue": find(cols, "Total revenue"),
        }
    )
    helpers: dict[str, tuple[str, Kind]] = {}
    derived: dict[str, str] = {}
    per_session = find(cols, "Average engagement time per session")
    if per_session is not None and sessions is not None:
        helpers["avg_engagement"] = (per_session, Kind.NUMBER)
        derived["engagement_seconds"] = f"{quote('avg_engagement')} * {quote('sessions')}"
    if "engaged_sessions" in columns and sessions is not None:
        derived["bounces"] = f"{quote('sessions')} - {quote('engaged_sessions')}"
    pair = find(cols, "Session source / medium", "First user source / medium")
    if pair is not None:
        helpers["source_medium"] = (pair, Kind.TEXT)
        derived["source"] = _split(quote("source_medium"), 1)
        derived["medium"] = _split(quote("source_medium"), 2)
    return Mapping(
        table="web_traffic",
        source="ga4",
        columns=columns,
        constants=constants,
        helpers=helpers,
        derived=derived,
        skip_rows=(any_cell_matches(cols, r"(?i)^\s*grand total\s*$"),),
        preset="ga4_traffic_acquisition",
        day_hint=DAY_HINT,
    )


GA4_TRAFFIC_ACQUISITION = Preset(
    name="ga4_traffic_acquisition",
    label="GA4 traffic acquisition report",
    table="web_traffic",
    signature=("Sessions", "Engaged sessions"),
    build=_build,
    description=(
        "GA4 › Reports › Acquisition › Traffic acquisition, add Date as a secondary dimension "
        "› Share this report › Download File › Download CSV."
    ),
)
