"""The demo calendar: trend, yearly and weekly seasonality and US retail holiday peaks.

Holidays follow fixed rules (Thanksgiving = fourth Thursday of November, Black Friday the day
after, Cyber Monday the Monday after; Memorial Day = last Monday of May; Labor Day = first Monday
of September), so no network or holiday package is needed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

BURN_IN_DAYS = 730
"""Days simulated before the window so repeat customers already exist on its first day."""

WEEKDAY_INDEX: NDArray[np.float64] = np.array([1.04, 1.03, 1.01, 0.98, 0.92, 0.89, 1.13])
"""Demand by weekday, Monday first: online retail peaks on Sunday evening, dips on Saturday."""

ANNUAL_GROWTH = 0.15
"""Mean yearly growth of underlying demand (log scale)."""


def thanksgiving(year: int) -> dt.date:
    """US Thanksgiving: the fourth Thursday of November."""
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


def black_friday(year: int) -> dt.date:
    """Black Friday: the day after Thanksgiving."""
    return thanksgiving(year) + dt.timedelta(days=1)


def cyber_monday(year: int) -> dt.date:
    """Cyber Monday: the Monday after Thanksgiving."""
    return thanksgiving(year) + dt.timedelta(days=4)


def memorial_day(year: int) -> dt.date:
    """US Memorial Day: the last Monday of May."""
    last = dt.date(year, 5, 31)
    return last - dt.timedelta(days=last.weekday())


def labor_day(year: int) -> dt.date:
    """US Labor Day: the first Monday of September."""
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7)


def holiday_multipliers(year: int) -> dict[dt.date, float]:
    """Demand multipliers of one year's retail holidays (1 = an ordinary day)."""
    out: dict[dt.date, float] = {}
    tg = thanksgiving(year)
    for k in range(1, 8):
        out[tg - dt.timedelta(days=k)] = 1.15
    for offset, mult in ((0, 1.3), (1, 2.6), (2, 1.8), (3, 1.7), (4, 2.4), (5, 1.35)):
        out[tg + dt.timedelta(days=offset)] = mult
    for day in range(1, 32):
        d = dt.date(year, 12, day)
        if d in out:
            continue
        if day <= 17:
            out[d] = 1.3
        elif day <= 21:
            out[d] = 1.15
        else:
            out[d] = {22: 0.9, 23: 0.85, 24: 0.65, 25: 0.5, 26: 1.25}.get(day, 1.05)
    out[dt.date(year, 1, 1)] = 0.75
    md = memorial_day(year)
    for offset in (-2, -1, 0):
        out[md + dt.timedelta(days=offset)] = 1.25
    ld = labor_day(year)
    for offset in (-2, -1, 0):
        out[ld + dt.timedelta(days=offset)] = 1.2
    summer_sale = dt.date(year, 7, 8) + dt.timedelta(days=(1 - dt.date(year, 7, 8).weekday()) % 7)
    out[summer_sale] = 1.4
    out[summer_sale + dt.timedelta(days=1)] = 1.3
    return out


def promo_days(dates: NDArray[np.datetime64]) -> NDArray[np.bool_]:
    """Days of deep discounts (Black Friday week through Cyber Monday, Dec 1–17): lower margins."""
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    out = np.zeros(dates.size, dtype=bool)
    for year in np.unique(years).tolist():
        tg = np.datetime64(thanksgiving(int(year)), "D")
        out |= (dates >= tg - np.timedelta64(3, "D")) & (dates <= tg + np.timedelta64(4, "D"))
        dec = (dates >= np.datetime64(f"{year}-12-01")) & (dates <= np.datetime64(f"{year}-12-17"))
        out |= dec
    return out


def weekday(dates: NDArray[np.datetime64]) -> NDArray[np.int64]:
    """ISO weekday index, Monday = 0 (1970-01-01 was a Thursday)."""
    return ((dates.astype("datetime64[D]").astype(np.int64) + 3) % 7).astype(np.int64)


def yearly_index(dates: NDArray[np.datetime64]) -> NDArray[np.float64]:
    """Outdoor-gear yearly shape: summer camping peak, a late-autumn ski/jacket bump, low Feb."""
    doy = (dates - dates.astype("datetime64[Y]")).astype(np.int64).astype(np.float64)
    angle = 2.0 * np.pi / 365.25
    log_season = 0.20 * np.cos(angle * (doy - 175.0)) + 0.07 * np.cos(2.0 * angle * (doy - 320.0))
    return np.exp(log_season)


def holiday_index(dates: NDArray[np.datetime64]) -> NDArray[np.float64]:
    """Multiplier of the retail holidays on each date."""
    years = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    out = np.ones(dates.size)
    first = dates[0]
    for year in np.unique(years).tolist():
        for day, mult in sorted(holiday_multipliers(int(year)).items()):
            i = int((np.datetime64(day, "D") - first).astype(np.int64))
            if 0 <= i < dates.size:
                out[i] = mult
    return out


@dataclass(frozen=True)
class Calendar:
    """The window plus a burn-in before it; `ext_*` arrays cover both, others the window only."""

    start: np.datetime64
    days: int
    burn_in: int
    ext_dates: NDArray[np.datetime64]
    ext_seasonal: NDArray[np.float64]  # yearly × weekly × holiday, mean ≈ 1
    ext_trend: NDArray[np.float64]  # slow growth with drift, 1 on the window's first day

    @property
    def dates(self) -> NDArray[np.datetime64]:
        return self.ext_dates[self.burn_in :]

    @property
    def seasonal(self) -> NDArray[np.float64]:
        """Seasonal demand index of the window's days (no trend)."""
        return self.ext_seasonal[self.burn_in :]

    @property
    def trend(self) -> NDArray[np.float64]:
        return self.ext_trend[self.burn_in :]

    @property
    def demand(self) -> NDArray[np.float64]:
        """Relative demand of each window day: trend × seasonality × holidays."""
        return self.seasonal * self.trend

    @property
    def weekdays(self) -> NDArray[np.int64]:
        return weekday(self.dates)

    def index_of(self, day: dt.date) -> int:
        """Window index of `day` (may be outside 0..days-1)."""
        return int((np.datetime64(day, "D") - self.start).astype(np.int64))

    def date_of(self, index: int) -> dt.date:
        return (self.start + np.timedelta64(index, "D")).astype(dt.date)


def build_calendar(
    rng: np.random.Generator, *, end: dt.date, days: int, burn_in: int = BURN_IN_DAYS
) -> Calendar:
    """Calendar of `days` days ending on `end`; growth drifts as a random walk on the log scale."""
    start = np.datetime64(end, "D") - np.timedelta64(days - 1, "D")
    ext = start - np.timedelta64(burn_in, "D") + np.arange(burn_in + days).astype("timedelta64[D]")
    seasonal = yearly_index(ext) * WEEKDAY_INDEX[weekday(ext)] * holiday_index(ext)
    seasonal = seasonal / seasonal.mean()
    years = (np.arange(ext.size) - burn_in) / 365.25
    drift = np.cumsum(rng.normal(0.0, 0.004, ext.size))
    drift = np.convolve(np.pad(drift, (14, 13), mode="edge"), np.ones(28) / 28.0, mode="valid")
    log_trend = ANNUAL_GROWTH * years + drift - drift[burn_in]
    return Calendar(
        start=start,
        days=days,
        burn_in=burn_in,
        ext_dates=ext,
        ext_seasonal=seasonal,
        ext_trend=np.exp(log_trend),
    )
