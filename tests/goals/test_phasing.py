"""Phasing: shares sum to one, even is linear, seasonal follows last year's weekdays, monthly
follows the amounts given; bad monthly input is refused."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpm.errors import UserError
from mpm.goals.phasing import Phasing, daily_weights, days_of, target_to_date

START, END = date(2027, 1, 1), date(2027, 3, 31)


@given(
    st.dates(date(2020, 1, 1), date(2030, 1, 1)),
    st.integers(0, 400),
    st.lists(st.floats(0, 1e6), min_size=1, max_size=500),
)
def test_shares_sum_to_one_and_the_whole_target_is_due_by_the_end(
    start: date, length: int, values: list[float]
) -> None:
    end = start + timedelta(days=length)
    history = {start - timedelta(days=364) + timedelta(days=i): v for i, v in enumerate(values)}
    for phasing in (Phasing.EVEN, Phasing.SEASONAL):
        weights = daily_weights(start, end, phasing, history=history)
        assert sum(weights.values()) == pytest.approx(1.0)
        assert target_to_date(500.0, weights, end) == pytest.approx(500.0)
        assert target_to_date(500.0, weights, start - timedelta(days=1)) == 0.0


def test_even_phasing_is_linear_in_days() -> None:
    weights = daily_weights(START, END, Phasing.EVEN)
    assert target_to_date(900.0, weights, date(2027, 1, 30)) == pytest.approx(900.0 * 30 / 90)


def test_seasonal_phasing_follows_last_years_weekdays() -> None:
    # last year: weekends sold twice as much as weekdays
    history = {
        d - timedelta(days=364): (2.0 if (d - timedelta(days=364)).weekday() >= 5 else 1.0)
        for d in days_of(START, END)
    }
    weights = daily_weights(START, END, Phasing.SEASONAL, history=history)
    saturday = next(d for d in days_of(START, END) if d.weekday() == 5)
    monday = next(d for d in days_of(START, END) if d.weekday() == 0)
    assert weights[saturday] == pytest.approx(2 * weights[monday])


def test_seasonal_phasing_without_history_is_even() -> None:
    assert daily_weights(START, END, Phasing.SEASONAL, history={}) == daily_weights(
        START, END, Phasing.EVEN
    )


def test_monthly_phasing_by_hand() -> None:
    amounts = {"2027-01": 100.0, "2027-02": 200.0, "2027-03": 700.0}
    weights = daily_weights(START, END, Phasing.MONTHLY, monthly=amounts)
    assert target_to_date(1000.0, weights, date(2027, 1, 31)) == pytest.approx(100.0)
    assert target_to_date(1000.0, weights, date(2027, 2, 14)) == pytest.approx(200.0)
    with pytest.raises(UserError, match="an amount for each month"):
        daily_weights(START, END, Phasing.MONTHLY, monthly={"2027-01": 1.0})
    with pytest.raises(UserError, match="not in the period: 2027-04"):
        daily_weights(START, END, Phasing.MONTHLY, monthly={**amounts, "2027-04": 1.0})
    with pytest.raises(UserError, match="at least 0"):
        daily_weights(START, END, Phasing.MONTHLY, monthly={**amounts, "2027-01": -5.0})
