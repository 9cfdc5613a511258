"""Statistics on KPI series: forecasts (more to come: trends, anomalies, change)."""

from mpm.analysis.forecast import (
    PathForecast,
    probability_at_least,
    probability_at_most,
    ratio_paths,
    simulate_totals,
)

__all__ = [
    "PathForecast",
    "probability_at_least",
    "probability_at_most",
    "ratio_paths",
    "simulate_totals",
]
