"""Statistics on KPI series: forecasts and the response of results to spend (more to come:
trends, anomalies, change)."""

from mpm.analysis.forecast import (
    PathForecast,
    probability_at_least,
    probability_at_most,
    simulate_totals,
)
from mpm.analysis.response import Response, marginal_return

__all__ = [
    "PathForecast",
    "Response",
    "marginal_return",
    "probability_at_least",
    "probability_at_most",
    "simulate_totals",
]
