"""Simple marginal return of spend: how results respond to spend, from a channel's own weeks.

Results are modelled as a power of spend, results = a · spend^b, fitted by least squares on
logs (statsmodels OLS) over the periods where both are positive. The elasticity b says how
many percent results move when spend moves 1%, so at the average spend the next unit of
currency brings b × (results / spend): with revenue as results that is the marginal ROAS, and
the marginal ROI is marginal ROAS − 1. Diminishing returns show as b < 1.

This is the stop-gap the issue asks for until a marketing-mix model exists, and it carries
the usual warnings: spend that rises with demand (seasonal budgets) makes b too high, and
carry-over between weeks is ignored. The 90% interval comes from the slope's t interval.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

MIN_PERIODS = 8
MIN_SPREAD = 0.05  # spend must vary: the standard deviation of log spend at least this


@dataclass(frozen=True)
class Response:
    periods: int  # periods used (both spend and results positive)
    elasticity: float | None
    elasticity_low: float | None  # 90% interval
    elasticity_high: float | None
    average: float | None  # results per unit of spend, over all periods (ratio of sums)
    marginal: float | None  # results per extra unit of spend at the average spend
    marginal_low: float | None
    marginal_high: float | None
    note: str


def marginal_return(spend: Sequence[float], results: Sequence[float]) -> Response:
    """Elasticity and marginal return of `results` to `spend` (same periods, same order)."""
    x = np.asarray(spend, dtype=float)
    y = np.asarray(results, dtype=float)
    total_spend = float(np.nansum(x))
    average = float(np.nansum(y)) / total_spend if total_spend > 0 else None
    keep = np.isfinite(x) & np.isfinite(y) & (x > 0) & (y > 0)
    n = int(keep.sum())

    def without(note: str) -> Response:
        return Response(n, None, None, None, average, None, None, None, note)

    if n < MIN_PERIODS:
        return without(f"needs at least {MIN_PERIODS} periods with spend and results, has {n}")
    log_x, log_y = np.log(x[keep]), np.log(y[keep])
    if float(np.std(log_x)) < MIN_SPREAD:
        return without("spend hardly varied, so its effect cannot be read from the data")
    import statsmodels.api as sm  # imported on use: heavy

    fit = sm.OLS(log_y, sm.add_constant(log_x)).fit()
    b = float(fit.params[1])
    low, high = (float(v) for v in fit.conf_int(alpha=0.10)[1])
    assert average is not None
    return Response(
        n, b, low, high, average, b * average, low * average, high * average, "log-log fit"
    )
