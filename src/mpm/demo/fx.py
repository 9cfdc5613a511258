"""Daily EUR→USD exchange rates: a mean-reverting walk drifting inside roughly 1.05–1.15."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.frames import canonical_table
from mpm.demo.seasonality import Calendar


def eur_usd_rates(rng: np.random.Generator, days: int) -> NDArray[np.float64]:
    """USD per EUR for each window day (Ornstein-Uhlenbeck on the log rate, 6 decimals)."""
    target = np.log(np.linspace(1.075, 1.115, days))
    x = np.empty(days)
    x[0] = target[0] + rng.normal(0.0, 0.01)
    shocks = rng.normal(0.0, 0.003, days)
    for t in range(1, days):
        x[t] = x[t - 1] + 0.03 * (target[t] - x[t - 1]) + shocks[t]
    return np.round(np.clip(np.exp(x), 1.045, 1.155), 6).astype(np.float64)


def fx_rates_table(calendar: Calendar, eur_usd: NDArray[np.float64]) -> pa.Table:
    """The `fx_rates` table: one EUR→USD row per day of the window."""
    n = calendar.days
    return canonical_table(
        "fx_rates",
        {
            "date": calendar.dates,
            "currency": np.full(n, "EUR"),
            "base_currency": np.full(n, "USD"),
            "rate": eur_usd,
        },
    )
