"""Media response: geometric adstock (carry-over) and Hill saturation (Jin et al. 2017).

Incremental orders per day of a paid channel are
    μ_t = β · drift_t · efficacy_t · hill(adstock_t; K, S),
with adstock over the channel's total daily spend in USD. β is calibrated once so the channel
earns a target ROAS over the window; the realised ROI in truth.json comes from the drawn orders.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray


@dataclass(frozen=True)
class ResponseSpec:
    """How one paid channel turns spend into incremental first orders."""

    channel: str
    half_life_days: float  # adstock half life
    shape: float  # Hill shape S (S > 1: S-curve)
    half_saturation_factor: float  # K as a multiple of the channel's mean daily spend
    target_roas: float  # incremental revenue per dollar the calibration aims at
    drift_start: float = 1.0  # effectiveness multiplier on the window's first day
    drift_end: float = 1.0  # ... and on its last day (linear in between)

    @property
    def decay(self) -> float:
        """Geometric adstock retention per day: 0.5 ** (1 / half life)."""
        return 0.5 ** (1.0 / self.half_life_days)


RESPONSE_SPECS: tuple[ResponseSpec, ...] = (
    ResponseSpec("Paid Search", 1.0, 1.4, 1.1, 3.0, 1.0, 0.95),
    ResponseSpec("Paid Social", 2.5, 1.1, 0.9, 2.4, 1.15, 0.65),
    ResponseSpec("Display", 4.0, 1.6, 1.3, 0.9, 1.0, 0.85),
    ResponseSpec("Video", 8.0, 2.0, 1.0, 1.3, 0.9, 1.15),
)
"""True response of each paid channel; Paid Social's effectiveness decays through the window."""


@dataclass(frozen=True)
class ChannelResponse:
    """The resolved response of one channel over the window."""

    spec: ResponseSpec
    half_saturation: float  # K, USD per day of adstocked spend
    max_orders_per_day: float  # β: incremental orders/day at full saturation, drift = efficacy = 1
    adstock: NDArray[np.float64]  # USD per day
    mean_orders: NDArray[np.float64]  # μ_t, incremental first orders per day


def geometric_adstock(spend: NDArray[np.float64], decay: float) -> NDArray[np.float64]:
    """Normalised geometric adstock a_t = λ·a_{t-1} + (1-λ)·s_t, started in steady state at s_0.

    Jin et al. 2017, eq. 1, with weights λ^l summing to one over an unbounded lag; a constant
    spend s therefore has adstock s, so Hill's half-saturation point reads in spend per day.
    """
    out = np.empty(spend.size)
    level = float(spend[0]) if spend.size else 0.0
    for t, s in enumerate(spend.tolist()):
        level = decay * level + (1.0 - decay) * s
        out[t] = level
    return out


def hill(x: NDArray[np.float64], half_saturation: float, shape: float) -> NDArray[np.float64]:
    """Hill saturation x^S / (x^S + K^S) in [0, 1) (Jin et al. 2017, eq. 3)."""
    xs = np.power(np.clip(x, 0.0, None), shape)
    return xs / (xs + half_saturation**shape)


def drift_path(spec: ResponseSpec, days: int) -> NDArray[np.float64]:
    """Linear drift of the channel's effectiveness over the window."""
    return np.linspace(spec.drift_start, spec.drift_end, days)


def media_response(
    spend_usd: dict[str, NDArray[np.float64]],
    efficacy: NDArray[np.float64],
    mean_order_value: float,
    specs: tuple[ResponseSpec, ...] = RESPONSE_SPECS,
) -> dict[str, ChannelResponse]:
    """Expected incremental first orders per day for each paid channel."""
    out: dict[str, ChannelResponse] = {}
    for spec in specs:
        spend = spend_usd[spec.channel]
        active = spend[spend > 0]
        mean_spend = float(active.mean()) if active.size else 1.0
        k = float(round(spec.half_saturation_factor * mean_spend))
        adstock = geometric_adstock(spend, spec.decay)
        shape = hill(adstock, k, spec.shape) * drift_path(spec, spend.size) * efficacy
        denominator = mean_order_value * float(shape.sum())
        beta = spec.target_roas * float(spend.sum()) / denominator if denominator > 0 else 0.0
        beta = round(beta, 4)
        out[spec.channel] = ChannelResponse(spec, k, beta, adstock, beta * shape)
    return out
