"""Customer journeys of a tracked panel of users: `touchpoints` and `conversions`.

Channels follow a Markov chain (upper funnel first, search/email/direct later); a journey
converts with probability logistic(intercept + Σ effect of each distinct channel touched), so
attribution models have a known ground truth to find.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.campaigns import Campaign
from mpm.demo.channels import CHANNELS
from mpm.demo.emails import Sends
from mpm.demo.frames import canonical_table, time_stamps
from mpm.demo.sampling import pick_rows, time_of_day
from mpm.demo.seasonality import Calendar

JOURNEY_CHANNELS: tuple[str, ...] = tuple(c for c in CHANNELS if c != "Other")

CONVERSION_INTERCEPT = -3.1
CHANNEL_EFFECTS: tuple[float, ...] = (0.9, 0.55, 0.15, 0.3, 0.8, 0.6, 0.2, 0.45, 0.5, 0.7)
"""Log-odds added to a journey's conversion by touching each channel (JOURNEY_CHANNELS order)."""

START_PROBS: tuple[float, ...] = (0.2, 0.2, 0.1, 0.06, 0.04, 0.2, 0.06, 0.05, 0.04, 0.05)
_TRANSITIONS = np.array(
    [
        [0.25, 0.08, 0.05, 0.02, 0.15, 0.15, 0.03, 0.04, 0.05, 0.18],
        [0.2, 0.25, 0.06, 0.04, 0.1, 0.12, 0.06, 0.03, 0.04, 0.1],
        [0.18, 0.1, 0.2, 0.04, 0.08, 0.15, 0.03, 0.04, 0.06, 0.12],
        [0.2, 0.12, 0.06, 0.15, 0.08, 0.15, 0.06, 0.04, 0.04, 0.1],
        [0.12, 0.05, 0.03, 0.02, 0.35, 0.1, 0.03, 0.03, 0.05, 0.22],
        [0.2, 0.06, 0.04, 0.02, 0.12, 0.3, 0.03, 0.05, 0.05, 0.13],
        [0.12, 0.15, 0.04, 0.05, 0.08, 0.12, 0.25, 0.04, 0.03, 0.12],
        [0.15, 0.06, 0.04, 0.02, 0.1, 0.2, 0.04, 0.2, 0.05, 0.14],
        [0.18, 0.05, 0.04, 0.02, 0.1, 0.15, 0.03, 0.05, 0.25, 0.13],
        [0.18, 0.05, 0.03, 0.02, 0.15, 0.15, 0.03, 0.04, 0.05, 0.3],
    ]
)
"""Row-stochastic channel → next channel transition matrix of the journeys."""

_INTERACTIONS: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Paid Search": (("click",), (1.0,)),
    "Paid Social": (("impression", "click"), (0.7, 0.3)),
    "Display": (("impression", "click"), (0.85, 0.15)),
    "Video": (("video_view", "click"), (0.9, 0.1)),
    "Email": (("email_open", "email_click"), (0.4, 0.6)),
    "Affiliates": (("click",), (1.0,)),
}

PANEL_USERS = 16_000
"""Tracked users per world (touchpoints stay around 50k)."""


@dataclass(frozen=True)
class Journeys:
    """Touchpoints and conversions of the panel."""

    touchpoints: pa.Table
    conversions: pa.Table
    users: int
    converted: int


def _chain(rng: np.random.Generator, users: int, length: NDArray[np.int64]) -> NDArray[np.int64]:
    """users × max(length) channel indexes from the Markov chain; -1 past each journey's end."""
    steps = int(length.max()) if users else 0
    out = np.full((users, steps), -1, dtype=np.int64)
    probs = np.array(START_PROBS)
    current = rng.choice(probs.size, size=users, p=probs / probs.sum())
    cumulative = np.cumsum(_TRANSITIONS / _TRANSITIONS.sum(axis=1, keepdims=True), axis=1)
    for k in range(steps):
        out[:, k] = np.where(k < length, current, -1)
        u = rng.random(users)
        current = np.minimum((u[:, None] >= cumulative[current]).sum(axis=1), probs.size - 1)
    return out


def simulate_journeys(
    rng: np.random.Generator,
    calendar: Calendar,
    campaigns: tuple[Campaign, ...],
    clicks: NDArray[np.float64],
    sends: Sends,
    users: int = PANEL_USERS,
) -> Journeys:
    """The panel's journeys over the window; touches or conversions after its end are cut."""
    days = calendar.days
    length = 1 + np.minimum(rng.poisson(2.2, users), 11)
    channel = _chain(rng, users, length)
    demand = calendar.demand / calendar.demand.sum()
    start = rng.choice(days, size=users, p=demand) + time_of_day(rng, users)
    gaps = rng.exponential(1.8, channel.shape)
    gaps[:, 0] = 0.0
    times = start[:, None] + np.cumsum(gaps, axis=1)
    valid = (channel >= 0) & (times < days)
    touched = np.zeros((users, len(JOURNEY_CHANNELS)), dtype=bool)
    user_idx, step_idx = np.nonzero(valid)
    touched[user_idx, channel[user_idx, step_idx]] = True
    logit = CONVERSION_INTERCEPT + touched.astype(np.float64) @ np.array(CHANNEL_EFFECTS)
    converts = rng.random(users) < 1.0 / (1.0 + np.exp(-logit))
    last = np.where(valid, times, -np.inf).max(axis=1)
    conversion_time = last + rng.exponential(2.0 / 24.0, users)
    converts &= np.isfinite(last) & (conversion_time < days)
    ts = times[user_idx, step_idx]
    ch = channel[user_idx, step_idx]
    day = np.floor(ts).astype(np.int64)
    user_ids = np.char.add("V", np.char.zfill(np.arange(1, users + 1).astype(str), 6))
    names = np.array(JOURNEY_CHANNELS)[ch]
    campaign = _touch_campaigns(rng, campaigns, clicks, sends, names, day)
    interaction = np.full(ts.size, "visit", dtype="<U16")
    for name, (kinds, probs) in _INTERACTIONS.items():
        rows = np.flatnonzero(names == name)
        p = np.array(probs)
        interaction[rows] = np.array(kinds)[rng.choice(p.size, size=rows.size, p=p / p.sum())]
    stamps = time_stamps(calendar.start, ts)
    order = np.lexsort((stamps, user_idx))
    repeated = (user_idx[order][1:] == user_idx[order][:-1]) & (
        stamps[order][1:] == stamps[order][:-1]
    )
    order = order[np.concatenate([[True], ~repeated])]
    touchpoints = canonical_table(
        "touchpoints",
        {
            "user_id": user_ids[user_idx][order],
            "ts": stamps[order],
            "channel": names[order],
            "campaign": campaign[order],
            "interaction": interaction[order],
        },
    )
    winners = np.flatnonzero(converts)
    conversions = canonical_table(
        "conversions",
        {
            "conversion_id": np.char.add(
                "CV", np.char.zfill(np.arange(1, winners.size + 1).astype(str), 6)
            ),
            "user_id": user_ids[winners],
            "ts": time_stamps(calendar.start, conversion_time[winners]),
            "currency": np.full(winners.size, "USD"),
            "value": np.round(rng.gamma(6.0, 200.0 / 6.0, winners.size), 2),
        },
    )
    return Journeys(touchpoints, conversions, users, int(winners.size))


def _touch_campaigns(
    rng: np.random.Generator,
    campaigns: tuple[Campaign, ...],
    clicks: NDArray[np.float64],
    sends: Sends,
    names: NDArray[np.str_],
    day: NDArray[np.int64],
) -> NDArray[np.str_]:
    """Campaign of a touch: a live campaign of its channel (by clicks) or the latest email send."""
    out = np.full(names.size, "", dtype="<U64")
    for channel in JOURNEY_CHANNELS[:4]:
        rows = np.flatnonzero(names == channel)
        members = [
            i
            for i, c in enumerate(campaigns)
            if c.spec.channel == channel and c.spec.purpose == "b2c"
        ]
        picked = pick_rows(rng, np.ascontiguousarray(clicks[members].T), day[rows])
        out[rows] = np.array([campaigns[i].name for i in members] + [""])[picked]
    rows = np.flatnonzero(names == "Email")
    b2c = sends.email_list != "b2b-prospects"
    latest = np.searchsorted(sends.day[b2c], day[rows], side="right") - 1
    out[rows] = np.where(latest >= 0, sends.campaign[b2c][np.maximum(latest, 0)], "")
    return out


def journey_truth(journeys: Journeys) -> dict[str, object]:
    """The `journeys` section of truth.json."""
    return {
        "tables": ["touchpoints", "conversions"],
        "users": journeys.users,
        "converted_users": journeys.converted,
        "model": "logistic",
        "intercept": CONVERSION_INTERCEPT,
        "channel_effects": dict(zip(JOURNEY_CHANNELS, CHANNEL_EFFECTS, strict=True)),
        "description": "P(convert) = 1/(1+exp(-(intercept + sum of effects of distinct channels "
        "touched))); the conversion follows the last touch by ~2 hours",
    }
