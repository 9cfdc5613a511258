"""Forecasts of a daily KPI series over the rest of a period, as simulated paths.

The series is modelled on log(1 + y) with ETS(A,N,A) — additive errors, a local level and
additive weekly seasonality (Hyndman & Athanasopoulos, *Forecasting: Principles and Practice*,
3rd ed., ch. 8) — fitted by statsmodels. The rest of the period is simulated many times from
the fitted model, so the expected total, its 80% interval and the probability of reaching a
target all come from the same paths. Two things the plain simulation leaves out are added:

- the level is never assumed frozen: the smoothing weight α is at least 0.03, so long horizons
  carry the drift that marketing series always have;
- the level is an estimate: each path starts from a level drawn around the estimate with the
  steady-state Kalman standard error σ·√α.

With more than a year of history the yearly pattern is modelled too: the same ETS model is
fitted to the difference between each day and last year's profile (the mean of log(1 + y)
over the four weeks around the same day 52 weeks earlier), so its level is the year-on-year
change, and the forecast is last year's profile plus that change. A quarter after a holiday
peak then starts from last year's post-holiday level, not from the peak. Which of the two
structures is used is decided by backtests: forecasts of the same horizon from earlier origins
of the series (parameters fixed, states filtered); the year-on-year one unless the plain
model's squared errors are less than half of its own (or there are too few backtests to say).

The spread is then widened when those backtests show larger errors than the simulation (never
narrowed). Short or empty histories fall back to resampling recent days.

Calibration is measured on simulated objectives with known dynamics
(tests/analysis/test_calibration.py) and on the demo world (tests/goals/test_progress.py);
docs/objectives.md has the numbers.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

SEASON = 7  # days: weekly seasonality
MIN_HISTORY = 4 * SEASON  # shorter histories are resampled instead of modelled
INTERVAL = (0.10, 0.90)  # the 80% interval
FIT_DAYS = 365  # the model is fitted to the last year of its series
YEAR = 52 * SEASON  # days back to the same weekday a year earlier
PROFILE_HALF = 2 * SEASON  # last year's profile: the mean of the four weeks around the day
MIN_YEARLY_FIT = 8 * SEASON  # days of year-on-year differences needed to fit a model to them
YEARLY_MARGIN = 0.5  # the plain model replaces the yearly one only with under half its errors
BACKTESTS = 6  # earlier forecast origins
SPACING = SEASON  # days between backtest origins
BACKTEST_PATHS = 200
SCALE_RANGE = (1.0, 3.0)
LEVEL_UNCERTAINTY = True
PROFILE_UNCERTAINTY = True
MIN_ALPHA = 0.03  # the level always moves a little: see the module docstring
MIN_ALPHA_YEARLY = 0.06


@dataclass(frozen=True)
class PathForecast:
    """Simulated totals of the next `horizon` days."""

    mean: float
    low: float  # 10% quantile
    high: float  # 90% quantile
    totals: np.ndarray  # one total per simulated path
    method: str


def simulate_totals(
    history: Sequence[float] | np.ndarray,
    horizon: int,
    *,
    repetitions: int = 2000,
    seed: int = 0,
    skip: int = 0,
) -> PathForecast:
    """Totals of the next `horizon` days, simulated `repetitions` times from `history` (daily
    values up to the last complete day, oldest first; missing days as 0, and zeros before the
    first non-zero day are no history). The first `skip` days are simulated but left out of
    the totals (a period that starts later)."""
    rng = np.random.default_rng(seed)
    y = np.trim_zeros(np.clip(np.nan_to_num(np.asarray(history, dtype=float)), 0, None), "f")
    if horizon <= 0:
        totals = np.zeros(repetitions)
        method = "none left"
    elif len(y) < MIN_HISTORY or not y[-MIN_HISTORY:].any():
        recent = y[-MIN_HISTORY:] if len(y) else np.zeros(1)
        totals = rng.choice(recent, size=(repetitions, horizon - skip), replace=True).sum(axis=1)
        method = "resampled recent days"
    else:
        totals, method = _ets_totals(y, horizon, repetitions, seed, skip)
    low, high = np.quantile(totals, INTERVAL)
    return PathForecast(float(totals.mean()), float(low), float(high), totals, method)


@dataclass(frozen=True)
class _Structure:
    """What the ETS model is fitted to: log(1 + y) less `offset` (0, or last year's profile),
    from day `first` on; `offset` is known for the history and the horizon."""

    name: str
    offset: np.ndarray  # one value per day of history + horizon
    first: int  # the first day the offset is known
    min_alpha: float = MIN_ALPHA


def _structures(z: np.ndarray, horizon: int) -> list[_Structure]:
    """The plain structure, and the year-on-year one when the history allows it."""
    n = len(z)
    plain = _Structure("ETS(A,N,A) on log(1+y)", np.zeros(n + horizon), 0)
    first = YEAR + PROFILE_HALF
    if n - first < MIN_YEARLY_FIT or horizon > YEAR - PROFILE_HALF:
        return [plain]
    sums = np.concatenate([[0.0], np.cumsum(z)])
    days = np.arange(first, n + horizon)
    profile = np.zeros(n + horizon)
    profile[first:] = (sums[days - YEAR + PROFILE_HALF] - sums[days - YEAR - PROFILE_HALF]) / (
        2 * PROFILE_HALF
    )
    yearly = _Structure(
        "ETS(A,N,A) on log(1+y) less last year's profile", profile, first, MIN_ALPHA_YEARLY
    )
    return [plain, yearly]


def _ets_totals(
    y: np.ndarray, horizon: int, repetitions: int, seed: int, skip: int = 0
) -> tuple[np.ndarray, str]:
    from statsmodels.tsa.exponential_smoothing.ets import ETSModel

    z = np.log1p(y)
    n = len(z)
    cap = 10 * max(float(y.max()), 1.0)  # a runaway path is capped at 10× the peak day

    def model(series: np.ndarray, min_alpha: float) -> Any:
        return ETSModel(
            series,
            error="add",
            seasonal="add",
            seasonal_periods=SEASON,
            bounds={"smoothing_level": (min_alpha, 0.9999)},
        )

    def totals_from(
        result: Any, structure: _Structure, origin: int, count: int, rng: np.random.Generator
    ) -> np.ndarray:
        paths = result.simulate(nsimulations=horizon, repetitions=count, anchor="end", rng=rng)
        logs = np.asarray(paths).reshape(horizon, count)
        logs = logs + structure.offset[origin : origin + horizon, None]
        if LEVEL_UNCERTAINTY:
            logs = logs + rng.normal(0, _level_error(result), count)  # one shift per path
        if structure.first and PROFILE_UNCERTAINTY:
            logs = logs + rng.normal(0, _profile_error(result), count)
        daily = np.clip(np.expm1(logs), 0, cap)
        return daily[skip:].sum(axis=0)

    structures = _structures(z, horizon)
    start = max(max(s.first for s in structures), n - FIT_DAYS)  # the same days for each fit
    origins = [
        o for o in (n - horizon - k * SPACING for k in range(BACKTESTS)) if o - start >= MIN_HISTORY
    ]
    backtest_rng = np.random.default_rng([seed, 1])
    candidates = []
    with warnings.catch_warnings():  # convergence chatter on short or flat series
        warnings.simplefilter("ignore")
        for structure in structures:
            first = start if len(structures) > 1 else max(0, n - FIT_DAYS)
            series = z[first:] - structure.offset[first:n]
            fit: Any = model(series, structure.min_alpha).fit(disp=False, maxiter=200)
            errors, spreads = [], []
            for origin in origins:
                result = model(series[: origin - first], structure.min_alpha).smooth(fit.params)
                sims = totals_from(result, structure, origin, BACKTEST_PATHS, backtest_rng)
                logs = np.log1p(sims)
                realised = float(y[origin + skip : origin + horizon].sum())
                errors.append(np.log1p(realised) - np.median(logs))
                spreads.append(float(np.std(logs)))
            candidates.append((structure, fit, np.array(errors), np.array(spreads)))
        chosen = candidates[-1]  # the yearly structure where there is one ...
        if len(candidates) > 1 and len(origins) >= 3:  # ... unless backtests speak against it
            plain, yearly = candidates
            if np.mean(plain[2] ** 2) < np.mean(yearly[2] ** 2) * YEARLY_MARGIN:
                chosen = plain
        structure, fit, errors, spreads = chosen
        totals = totals_from(fit, structure, n, repetitions, np.random.default_rng(seed))
    scale = _spread_scale(errors, spreads)
    if scale != 1:  # widen around the median on the log scale
        logs = np.log1p(totals)
        centre = np.median(logs)
        totals = np.expm1(centre + (logs - centre) * scale)
    return totals, f"{structure.name}, spread ×{scale:.2f} from backtests"


def _level_error(result: Any) -> float:
    """Standard error of the estimated level. For a local level observed with noise of
    variance σ², the steady-state Kalman filter has gain α and filtered variance α·σ², so the
    level is known to ±σ·√α (Harvey 1989, ch. 3; simple exponential smoothing is that filter)."""
    alpha = float(result.smoothing_level)
    sigma = float(np.std(result.resid))
    return sigma * float(np.sqrt(alpha))


def _profile_error(result: Any) -> float:
    """Standard error of last year's profile: a mean of 2·PROFILE_HALF noisy days."""
    return float(np.std(result.resid)) / float(np.sqrt(2 * PROFILE_HALF))


def _spread_scale(errors: np.ndarray, spreads: np.ndarray) -> float:
    """How much wider the simulated totals must be to match the series' own errors: the
    realised log errors of the backtests against their simulated spread (at least 1, at most
    3): what the model gets wrong about the series (shifts, changing patterns) shows up here."""
    if len(errors) < 3 or not np.mean(np.square(spreads)):
        return 1.0
    ratio = float(np.sqrt(np.mean(np.square(errors)) / np.mean(np.square(spreads))))
    # few, overlapping backtests: widen like a Student t with n - 1 degrees of freedom
    from scipy.stats import norm, t  # imported on use, like statsmodels

    small_sample = float(t.ppf(INTERVAL[1], len(errors) - 1) / norm.ppf(INTERVAL[1]))
    return float(np.clip(ratio * small_sample, *SCALE_RANGE))


def probability_at_least(actual: float, forecast: PathForecast, target: float) -> float:
    """P(actual to date + the rest of the period ≥ target)."""
    return float(np.mean(actual + forecast.totals >= target))


def probability_at_most(actual: float, forecast: PathForecast, target: float) -> float:
    """P(actual to date + the rest of the period ≤ target) (lower-is-better totals)."""
    return float(np.mean(actual + forecast.totals <= target))
