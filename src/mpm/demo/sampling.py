"""Random draws shared by the demo generators: over-dispersed counts, noise, weighted picks."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

HOURLY_PROFILE: NDArray[np.float64] = np.array(
    [
        2,
        1.5,
        1,
        0.8,
        0.7,
        0.8,
        1.2,
        2,
        3,
        4,
        4.5,
        4.8,
        5,
        5.2,
        5.6,
        6,
        6.2,
        6.4,
        6.6,
        6.8,
        6.6,
        5.8,
        4.5,
        3,
    ],
    dtype=np.float64,
)
"""Relative activity by UTC hour of day, used to place events inside their day."""


def stream(seed: int, name: int) -> np.random.Generator:
    """An independent, reproducible random stream per generator module (numpy SeedSequence)."""
    return np.random.default_rng([seed, name])


def gamma_poisson(rng: np.random.Generator, mean: ArrayLike, shape: float) -> NDArray[np.int64]:
    """Negative-binomial counts as a gamma-Poisson mixture: E = mean, Var = mean + mean²/shape."""
    mu = np.clip(np.asarray(mean, dtype=np.float64), 0.0, None)
    rate = rng.gamma(shape, 1.0, size=mu.shape) * (mu / shape)
    return rng.poisson(rate).astype(np.int64)


def mean_one_noise(
    rng: np.random.Generator, sigma: float, size: int | tuple[int, ...]
) -> NDArray[np.float64]:
    """Log-normal multiplicative noise with mean exactly 1 and log-scale sd `sigma`."""
    return np.exp(rng.normal(-0.5 * sigma * sigma, sigma, size=size))


def binomial(rng: np.random.Generator, n: ArrayLike, p: ArrayLike) -> NDArray[np.int64]:
    """Binomial draws with p clipped to [0, 1]; the result never exceeds n."""
    trials = np.asarray(n, dtype=np.int64)
    prob = np.clip(np.asarray(p, dtype=np.float64), 0.0, 1.0)
    return rng.binomial(trials, prob).astype(np.int64)


def time_of_day(
    rng: np.random.Generator, n: int, profile: NDArray[np.float64] = HOURLY_PROFILE
) -> NDArray[np.float64]:
    """Fractions of a day in [0, 1) drawn from an hourly activity profile."""
    hours = rng.choice(profile.size, size=n, p=profile / profile.sum())
    return (hours + rng.random(n)) / profile.size


def pick_rows(
    rng: np.random.Generator, weights: NDArray[np.float64], rows: NDArray[np.int64]
) -> NDArray[np.int64]:
    """For each entry of `rows`, a column of `weights[row]` drawn proportionally; -1 if all zero."""
    if weights.shape[1] == 0:
        return np.full(rows.size, -1, dtype=np.int64)
    cumulative = np.cumsum(weights, axis=1)
    total = cumulative[:, -1]
    u = rng.random(rows.size) * total[rows]
    picked = (u[:, None] >= cumulative[rows]).sum(axis=1).astype(np.int64)
    picked = np.minimum(picked, weights.shape[1] - 1)
    return np.where(total[rows] > 0, picked, -1)
