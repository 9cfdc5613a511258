"""A/B tests with known effects: a landing-page test and an email subject-line test.

Each unit has a latent propensity z ~ N(0, 1) that drives both its pre-period covariate and its
conversion, logit P(convert) = logit(base) + κ·z + τ·treatment, so CUPED (Deng et al. 2013) has a
correlated covariate to use. True rates integrate over z by Gauss–Hermite quadrature.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.frames import canonical_table, time_stamps
from mpm.demo.sampling import time_of_day
from mpm.demo.seasonality import Calendar

VARIANTS = ("control", "treatment")


@dataclass(frozen=True)
class ExperimentSpec:
    """One A/B test: placement in the window, size and the true effect on the log-odds scale."""

    name: str
    fraction: float  # start as a fraction of the window
    duration_days: int
    units_per_variant: int
    base_rate: float  # conversion probability of a control unit with z = 0
    treatment_log_odds: float  # τ
    covariate_weight: float  # κ
    unit_prefix: str
    unit: str
    covariate: str
    mean_revenue: float  # USD per converting unit


EXPERIMENTS: tuple[ExperimentSpec, ...] = (
    ExperimentSpec(
        "landing_page_hero_test",
        0.55,
        28,
        15_000,
        0.04,
        0.14,
        0.8,
        "U",
        "visitor",
        "engaged minutes on site in the 30 days before exposure",
        150.0,
    ),
    ExperimentSpec(
        "email_subject_line_test",
        0.72,
        1,
        12_000,
        0.02,
        0.2,
        0.9,
        "S",
        "subscriber",
        "email opens in the 90 days before the send",
        140.0,
    ),
)


def true_rate(spec: ExperimentSpec, treated: bool) -> float:
    """E_z[logistic(logit(base) + κ z + τ·treated)] by 60-point Gauss–Hermite quadrature."""
    nodes, weights = np.polynomial.hermite.hermgauss(60)
    logit = math.log(spec.base_rate / (1.0 - spec.base_rate))
    eta = logit + spec.covariate_weight * math.sqrt(2.0) * nodes
    eta = eta + (spec.treatment_log_odds if treated else 0.0)
    return float(np.sum(weights / (1.0 + np.exp(-eta))) / math.sqrt(math.pi))


def _window(spec: ExperimentSpec, days: int) -> tuple[int, int]:
    """First and last window day of the test."""
    length = max(1, min(spec.duration_days, days // 5))
    first = min(round(spec.fraction * days), days - length)
    return first, first + length - 1


def _units(
    rng: np.random.Generator, spec: ExperimentSpec, days: int
) -> dict[str, NDArray[np.generic]]:
    """Columns of one experiment's exposures."""
    n = 2 * spec.units_per_variant
    first, last = _window(spec, days)
    treated = rng.random(n) < 0.5
    z = rng.normal(0.0, 1.0, n)
    logit = math.log(spec.base_rate / (1.0 - spec.base_rate))
    eta = logit + spec.covariate_weight * z + spec.treatment_log_odds * treated
    converted = (rng.random(n) < 1.0 / (1.0 + np.exp(-eta))).astype(np.int64)
    if spec.unit == "visitor":
        exposed = rng.integers(first, last + 1, n) + time_of_day(rng, n)
        covariate = np.round(rng.lognormal(1.5 + 0.6 * z, 0.6), 1)
        clicks = converted + rng.poisson(0.8 * np.exp(0.3 * z))
    else:
        exposed = first + 15.0 / 24.0 + rng.integers(0, 1800, n) / 86400.0
        covariate = rng.poisson(np.exp(1.0 + 0.7 * z)).astype(np.float64)
        clicks = np.maximum(converted, rng.poisson(0.05 * np.exp(0.5 * z)))
    revenue = rng.gamma(5.0, spec.mean_revenue * np.exp(0.25 * z) / 5.0) * converted
    order = np.argsort(exposed, kind="stable")
    ids = np.char.add(spec.unit_prefix, np.char.zfill(rng.permutation(n).astype(str), 7))
    return {
        "experiment": np.full(n, spec.name),
        "unit_id": ids[order],
        "variant": np.where(treated, VARIANTS[1], VARIANTS[0])[order],
        "exposed_at": exposed[order],
        "pre_period_value": covariate[order],
        "converted": converted[order],
        "clicks": clicks[order].astype(np.int64),
        "currency": np.full(n, "USD"),
        "revenue": np.round(revenue[order], 2),
    }


def experiment_exposures_table(rng: np.random.Generator, calendar: Calendar) -> pa.Table:
    """The `experiment_exposures` table of every test."""
    parts = [_units(rng, spec, calendar.days) for spec in EXPERIMENTS]
    cols = {k: np.concatenate([p[k] for p in parts]) for k in parts[0]}
    cols["exposed_at"] = time_stamps(calendar.start, cols["exposed_at"].astype(np.float64))
    return canonical_table("experiment_exposures", cols)


def experiment_truth(calendar: Calendar, table: pa.Table) -> dict[str, dict[str, object]]:
    """The `experiments` section of truth.json."""
    out: dict[str, dict[str, object]] = {}
    names = np.asarray(table.column("experiment").to_numpy(zero_copy_only=False))
    variants = np.asarray(table.column("variant").to_numpy(zero_copy_only=False))
    for spec in EXPERIMENTS:
        first, last = _window(spec, calendar.days)
        control, treatment = true_rate(spec, False), true_rate(spec, True)
        mine = names == spec.name
        out[spec.name] = {
            "table": "experiment_exposures",
            "variants": list(VARIANTS),
            "metric": "converted",
            "unit": spec.unit,
            "true_conversion_rate": {
                "control": round(control, 6),
                "treatment": round(treatment, 6),
            },
            "true_relative_lift": round(treatment / control - 1.0, 6),
            "treatment_log_odds": spec.treatment_log_odds,
            "units": {v: int(np.sum(mine & (variants == v))) for v in VARIANTS},
            "allocation": {"control": 0.5, "treatment": 0.5},
            "covariate": f"pre_period_value: {spec.covariate}",
            "covariate_log_odds_per_sd": spec.covariate_weight,
            "start": calendar.date_of(first).isoformat(),
            "end": calendar.date_of(last).isoformat(),
        }
    return out
