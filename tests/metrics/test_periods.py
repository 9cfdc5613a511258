"""Periods: the Ibis period start equals the Python one for every grain, week start and
fiscal-year start; relative ranges."""

from __future__ import annotations

from datetime import date, timedelta

import ibis
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mpm.errors import UserError
from mpm.metrics.periods import (
    WEEKDAYS,
    Calendar,
    Grain,
    period_start,
    period_start_expr,
    relative_range,
)

CON = ibis.duckdb.connect()


@settings(max_examples=60, deadline=None)
@given(
    days=st.lists(st.dates(date(2000, 1, 1), date(2040, 12, 31)), min_size=1, max_size=30),
    week_start=st.sampled_from(WEEKDAYS),
    fiscal=st.integers(1, 12),
)
def test_period_start_in_sql_equals_python(days: list[date], week_start: str, fiscal: int) -> None:
    calendar = Calendar(week_start=week_start, fiscal_year_start_month=fiscal)
    table = ibis.memtable({"d": days}).mutate(d=ibis._.d.cast("date"))
    for grain in Grain:
        got = CON.execute(table.select(p=period_start_expr(table.d, grain, calendar)))["p"]
        assert [p.date() if hasattr(p, "date") else p for p in got] == [
            period_start(d, grain, calendar) for d in days
        ], grain


def test_fiscal_quarters_and_years() -> None:
    april = Calendar(fiscal_year_start_month=4)
    assert period_start(date(2025, 2, 11), Grain.QUARTER, april) == date(2025, 1, 1)
    assert period_start(date(2025, 5, 11), Grain.QUARTER, april) == date(2025, 4, 1)
    assert period_start(date(2025, 2, 11), Grain.YEAR, april) == date(2024, 4, 1)
    sunday = Calendar(week_start="sunday")
    assert period_start(date(2025, 2, 11), Grain.WEEK, sunday) == date(2025, 2, 9)


def test_relative_ranges() -> None:
    today, calendar = date(2026, 5, 15), Calendar(fiscal_year_start_month=4)
    assert relative_range("last_30_days", today, calendar) == (date(2026, 4, 15), date(2026, 5, 14))
    assert relative_range("this_quarter", today, calendar) == (date(2026, 4, 1), today)
    assert relative_range("last_quarter", today, calendar) == (date(2026, 1, 1), date(2026, 3, 31))
    assert relative_range("ytd", today, calendar) == (date(2026, 4, 1), today)
    assert relative_range("last_month", today, calendar) == (date(2026, 4, 1), date(2026, 4, 30))
    assert relative_range("yesterday", today, calendar) == (today - timedelta(days=1),) * 2
    with pytest.raises(UserError, match="unknown date"):
        relative_range("next_week", today, calendar)
