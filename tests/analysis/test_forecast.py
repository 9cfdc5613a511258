"""Forecast paths: sensible totals on series with a known truth, probabilities that behave,
fallbacks for short histories. (Calibration against the 80% and probability targets of the
objectives capability is measured separately.)"""

from __future__ import annotations

import numpy as np
import pytest

from mpm.analysis import probability_at_least, probability_at_most, simulate_totals

WEEKLY = np.array([1.0, 1.0, 1.0, 1.0, 1.1, 1.4, 1.5])


def series(days: int, level: float = 300.0, sigma: float = 0.15, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return level * WEEKLY[np.arange(days) % 7] * np.exp(rng.normal(0, sigma, days))


def test_totals_of_a_stable_weekly_series_are_close_to_the_truth() -> None:
    history = series(140)
    forecast = simulate_totals(history, 28, repetitions=2000, seed=7)
    # the next 28 days are four whole weeks: the expected total is known
    truth = 300.0 * WEEKLY.sum() * 4 * np.exp(0.15**2 / 2)
    assert forecast.method.startswith("ETS")
    assert forecast.mean == pytest.approx(truth, rel=0.08)
    assert forecast.low < truth < forecast.high
    assert forecast.low < forecast.mean < forecast.high


def test_probabilities_fall_as_the_target_rises() -> None:
    forecast = simulate_totals(series(120), 30, seed=3)
    targets = np.linspace(forecast.low * 0.5, forecast.high * 1.5, 12)
    chances = [probability_at_least(1000.0, forecast, 1000.0 + t) for t in targets]
    assert chances == sorted(chances, reverse=True)
    assert chances[0] == 1.0 and chances[-1] == 0.0
    assert probability_at_most(0.0, forecast, forecast.mean) == pytest.approx(
        1 - probability_at_least(0.0, forecast, forecast.mean), abs=0.01
    )


def test_nothing_left_and_short_histories() -> None:
    done = simulate_totals(series(60), 0)
    assert done.mean == 0.0 and probability_at_least(10.0, done, 10.0) == 1.0
    short = simulate_totals([5.0, 7.0, 6.0], 10, seed=1)
    assert short.method == "resampled recent days"
    assert 50.0 <= short.mean <= 70.0
    empty = simulate_totals([], 5)
    assert empty.mean == 0.0


def test_after_a_yearly_peak_the_forecast_follows_last_year_down() -> None:
    """Demand peaks once a year and falls after. Forecast from two weeks before the peak the
    two months after it: with two years of history the forecast follows last year's fall;
    from the last year alone it carries the pre-peak level on."""
    rng = np.random.default_rng(11)
    days = np.arange(2 * 364 + 120)
    yearly = 0.35 * np.cos(2 * np.pi * (days - 20) / 364)  # highest on day 20 (+ 364 k)
    truth = 400.0 * WEEKLY[days % 7] * np.exp(yearly)
    y = truth * np.exp(rng.normal(0, 0.1, days.size))
    origin = 2 * 364 + 20 - 14  # two weeks before the third peak
    forecast = simulate_totals(y[:origin], 90, seed=2, skip=28)
    plain = simulate_totals(y[origin - 365 : origin], 90, seed=2, skip=28)
    expected = truth[origin + 28 : origin + 90].sum() * np.exp(0.1**2 / 2)
    assert "last year's profile" in forecast.method
    assert forecast.low < expected < forecast.high
    assert abs(np.log(forecast.mean / expected)) < 0.5 * abs(np.log(plain.mean / expected))
