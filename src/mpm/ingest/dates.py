"""Recognise the date format of a column: ISO, YYYYMMDD and common locale formats."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from mpm.ingest.sql import literal

DATE_FORMATS = (
    "%Y-%m-%d",
    "%Y%m%d",
    "%m/%d/%Y",
    "%d/%m/%Y",
    "%d.%m.%Y",
    "%Y/%m/%d",
    "%d-%m-%Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
    "%m/%d/%y",
    "%d/%m/%y",
)
TIME_SUFFIXES = (
    " %H:%M:%S %z",
    "T%H:%M:%S%z",
    "T%H:%M:%S.%f%z",
    " %H:%M:%S.%f",
    " %H:%M:%S",
    "T%H:%M:%S",
    "T%H:%M:%S.%f",
    " %H:%M",
    " %I:%M %p",
    " %I:%M:%S %p",
)
TIMESTAMP_FORMATS = tuple(d + t for d in DATE_FORMATS[:8] for t in TIME_SUFFIXES)
AMBIGUOUS = {("%m/%d/%Y", "%d/%m/%Y"), ("%m/%d/%y", "%d/%m/%y")}
SAMPLE = 5000


@dataclass(frozen=True)
class DateFormat:
    format: str
    ambiguous_with: str | None = None  # another format that reads every value too

    @property
    def has_zone(self) -> bool:
        return "%z" in self.format


def _candidates(timestamp: bool) -> tuple[str, ...]:
    return TIMESTAMP_FORMATS + DATE_FORMATS if timestamp else DATE_FORMATS + TIMESTAMP_FORMATS


def detect_date_format(
    con: duckdb.DuckDBPyConnection, source_sql: str, *, timestamp: bool, table: str = "_raw"
) -> DateFormat | None:
    """The first format that reads every sampled value; else the one that reads the most."""
    values = [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT mpm_text({source_sql}) AS v FROM {table} "
            f"WHERE mpm_text({source_sql}) IS NOT NULL LIMIT {SAMPLE}"
        ).fetchall()
    ]
    if not values:
        return None
    con.execute("CREATE OR REPLACE TEMP TABLE _date_sample (v VARCHAR)")
    con.executemany("INSERT INTO _date_sample VALUES (?)", [[v] for v in values])
    candidates = _candidates(timestamp)
    counts_sql = ", ".join(f"count(try_strptime(v, {literal(fmt)}))" for fmt in candidates)
    row = con.execute(f"SELECT {counts_sql} FROM _date_sample").fetchone()
    assert row is not None
    counts = dict(zip(candidates, row, strict=True))
    full = [fmt for fmt in candidates if counts[fmt] == len(values)]
    if full:
        chosen = full[0]
        other = next((b for a, b in AMBIGUOUS if a == chosen and b in full), None)
        return DateFormat(chosen, other)
    best = max(candidates, key=lambda fmt: counts[fmt])
    return DateFormat(best) if counts[best] > 0 else DateFormat(candidates[0])


def parse_sql(source_sql: str, fmt: DateFormat, *, timestamp: bool, timezone: str) -> str:
    """SQL that turns the raw text into a DATE, or a naive UTC TIMESTAMP."""
    parsed = f"try_strptime(mpm_text({source_sql}), {literal(fmt.format)})"
    if not timestamp:
        if fmt.format == "%Y-%m-%d":  # the common case: a plain cast is several times faster
            return f"coalesce(TRY_CAST({source_sql} AS DATE), CAST({parsed} AS DATE))"
        return f"CAST({parsed} AS DATE)"
    if fmt.has_zone:
        return f"timezone('UTC', {parsed})"
    if timezone == "UTC":
        return f"CAST({parsed} AS TIMESTAMP)"
    return f"timezone('UTC', timezone({literal(timezone)}, CAST({parsed} AS TIMESTAMP)))"
