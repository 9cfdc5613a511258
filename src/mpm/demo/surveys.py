"""Survey metrics in `custom_metrics`: weekly brand awareness and a monthly NPS.

Awareness responds to upper-funnel media with a long carry-over: true awareness is
baseline + effect · hill(adstock(weighted spend)) (Jin et al. 2017 response, 21-day half life);
the survey reports a binomial sample of it.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.frames import canonical_table
from mpm.demo.response import geometric_adstock, hill
from mpm.demo.seasonality import Calendar

AWARENESS_BASELINE = 0.17
AWARENESS_MAX_EFFECT = 0.08
AWARENESS_HALF_LIFE_DAYS = 21.0
AWARENESS_SHAPE = 1.0
AWARENESS_SPEND_WEIGHTS: dict[str, float] = {"Video": 1.0, "Display": 0.5, "Paid Social": 0.4}
"""Upper-funnel spend (USD/day) weighted into the awareness driver."""


def awareness_path(spend_usd: dict[str, NDArray[np.float64]]) -> tuple[NDArray[np.float64], float]:
    """True daily awareness (fraction) and the half-saturation point of its driver (USD/day)."""
    driver = sum(w * spend_usd[c] for c, w in AWARENESS_SPEND_WEIGHTS.items())
    driver = np.asarray(driver, dtype=np.float64)
    decay = 0.5 ** (1.0 / AWARENESS_HALF_LIFE_DAYS)
    adstock = geometric_adstock(driver, decay)
    k = float(round(driver.mean())) if driver.mean() > 0 else 1.0
    return AWARENESS_BASELINE + AWARENESS_MAX_EFFECT * hill(adstock, k, AWARENESS_SHAPE), k


def custom_metrics_table(
    rng: np.random.Generator, calendar: Calendar, awareness: NDArray[np.float64]
) -> pa.Table:
    """Weekly (Monday) brand-awareness survey results and a monthly NPS on the 1st."""
    mondays = np.flatnonzero(calendar.weekdays == 0)
    sample = 380 + rng.poisson(120, mondays.size)
    aware = rng.binomial(sample, awareness[mondays])
    firsts = np.flatnonzero(calendar.dates == calendar.dates.astype("datetime64[M]"))
    nps_sample = 220 + rng.poisson(60, firsts.size)
    nps = np.round(44.0 + 3.0 * np.arange(firsts.size) / 12.0 + rng.normal(0, 4.0, firsts.size), 1)
    day = np.concatenate([mondays, firsts])
    metric = np.array(["brand_awareness"] * mondays.size + ["nps"] * firsts.size)
    value = np.concatenate([np.round(aware / sample, 4), nps])
    size = np.concatenate([sample, nps_sample])
    order = np.lexsort((metric, day))
    n = day.size
    return canonical_table(
        "custom_metrics",
        {
            "date": calendar.dates[day[order]],
            "account": np.full(n, ""),
            "metric": metric[order],
            "dimension": np.full(n, ""),
            "channel": np.full(n, ""),
            "value": value[order],
            "sample_size": size[order],
        },
    )
