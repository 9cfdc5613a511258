"""Date ranges and grains: relative names (`last_30_days`, `ytd`, ...), the start of the period
a day belongs to (weeks from the workspace's week start, quarters and years from its fiscal-year
start), and the range a comparison looks at."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from dateutil.relativedelta import relativedelta

from mpm.errors import UserError


class Grain(StrEnum):
    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"


WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class Calendar:
    """The workspace facts periods depend on."""

    week_start: str = "monday"
    fiscal_year_start_month: int = 1

    @property
    def week_start_index(self) -> int:
        return WEEKDAYS.index(self.week_start)


def period_start(day: date, grain: Grain, calendar: Calendar) -> date:
    """The first day of the period of `grain` that contains `day`."""
    if grain is Grain.DAY:
        return day
    if grain is Grain.WEEK:
        return day - timedelta(days=(day.weekday() - calendar.week_start_index) % 7)
    if grain is Grain.MONTH:
        return day.replace(day=1)
    months = 3 if grain is Grain.QUARTER else 12
    offset = (day.month - calendar.fiscal_year_start_month) % months
    return day.replace(day=1) - relativedelta(months=offset)


def period_start_expr(day: Any, grain: Grain, calendar: Calendar) -> Any:
    """The same as `period_start`, as an Ibis date expression."""
    if grain is Grain.DAY:
        return day
    if grain is Grain.WEEK:
        # ibis day_of_week.index(): Monday = 0
        back = (day.day_of_week.index() - calendar.week_start_index + 7) % 7
        return (day - back.as_interval("D")).cast("date")
    import ibis

    if grain is Grain.MONTH:
        return day.truncate("M").cast("date")
    # built from year and month numbers (no month intervals: not every backend has them)
    months = 3 if grain is Grain.QUARTER else 12
    month = day.month() - (day.month() - calendar.fiscal_year_start_month + 12) % months
    year = (month < 1).ifelse(day.year() - 1, day.year())
    return ibis.date(year, (month < 1).ifelse(month + 12, month), 1)


RELATIVE = (
    "today",
    "yesterday",
    "last_7_days",
    "last_30_days",
    "last_90_days",
    "this_week",
    "last_week",
    "this_month",
    "last_month",
    "this_quarter",
    "last_quarter",
    "this_year",
    "last_year",
    "ytd",
)


def relative_range(name: str, today: date, calendar: Calendar) -> tuple[date, date]:
    """(first, last) day of a relative range; periods of the fiscal calendar; ranges end
    yesterday for `last_N_days` (today is incomplete)."""
    yesterday = today - timedelta(days=1)
    if name == "today":
        return today, today
    if name == "yesterday":
        return yesterday, yesterday
    if name.startswith("last_") and name.endswith("_days"):
        days = int(name.removeprefix("last_").removesuffix("_days"))
        return yesterday - timedelta(days=days - 1), yesterday
    grain_of = {
        "week": Grain.WEEK,
        "month": Grain.MONTH,
        "quarter": Grain.QUARTER,
        "year": Grain.YEAR,
    }
    if name == "ytd":
        return period_start(today, Grain.YEAR, calendar), today
    kind, _, unit = name.partition("_")
    if unit in grain_of and kind in ("this", "last"):
        grain = grain_of[unit]
        start = period_start(today, grain, calendar)
        if kind == "this":
            return start, today
        previous = period_start(start - timedelta(days=1), grain, calendar)
        return previous, start - timedelta(days=1)
    raise UserError(f"unknown date {name!r}: use YYYY-MM-DD or one of {', '.join(RELATIVE)}")


def parse_day(text: str, today: date, calendar: Calendar, *, end: bool) -> date:
    """A --from/--to value: an ISO date or a relative name (its first or last day)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        first, last = relative_range(text, today, calendar)
        return last if end else first


class Compare(StrEnum):
    PREVIOUS_PERIOD = "previous_period"
    PREVIOUS_YEAR = "previous_year"


GRAIN_MONTHS = {Grain.MONTH: 1, Grain.QUARTER: 3, Grain.YEAR: 12}


def shift(
    compare: Compare, first: date, last: date, grain: Grain | None, calendar: Calendar
) -> relativedelta:
    """How far back the comparison range lies: one year, or the range's own length, counted
    in whole months when the range is whole months, quarters or years of the grain (so the
    previous period of January to March is October to December)."""
    if compare is Compare.PREVIOUS_YEAR:
        return relativedelta(years=1)
    step = GRAIN_MONTHS.get(grain or Grain.DAY, 1)
    whole = period_start(first, grain or Grain.MONTH, calendar) == first and (
        last + timedelta(days=1)
    ) == period_start(last + timedelta(days=1), grain or Grain.MONTH, calendar)
    if whole and grain not in (Grain.DAY, Grain.WEEK):
        months = (last.year - first.year) * 12 + last.month - first.month + 1
        return relativedelta(months=-(-months // step) * step)
    return relativedelta(days=(last - first).days + 1)
