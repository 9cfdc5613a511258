"""Organic social accounts: daily reach, engagement and follower counts per network."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.frames import canonical_table, day_stamps
from mpm.demo.incidents import Incident, daily_factor, find
from mpm.demo.sampling import binomial, gamma_poisson, mean_one_noise
from mpm.demo.seasonality import Calendar

ACCOUNT = "ridgeline-outfitters"


@dataclass(frozen=True)
class Network:
    """One social profile: followers on day one, yearly growth, reach and engagement rates."""

    name: str
    followers: int
    growth: float
    reach_rate: float  # impressions per follower per day
    engagement_rate: float
    click_rate: float
    view_rate: float  # video views per impression


NETWORKS: tuple[Network, ...] = (
    Network("facebook", 84_000, 0.03, 0.09, 0.018, 0.0035, 0.08),
    Network("instagram", 126_000, 0.18, 0.14, 0.034, 0.0022, 0.22),
    Network("tiktok", 22_000, 0.9, 0.6, 0.052, 0.0015, 0.55),
    Network("youtube", 18_000, 0.25, 0.35, 0.021, 0.004, 0.4),
    Network("linkedin", 9_400, 0.2, 0.12, 0.025, 0.006, 0.05),
)


@dataclass(frozen=True)
class SocialDays:
    """Network × day arrays (rows in NETWORKS order)."""

    impressions: NDArray[np.int64]
    reach: NDArray[np.int64]
    engagements: NDArray[np.int64]
    clicks: NDArray[np.int64]
    video_views: NDArray[np.int64]
    followers: NDArray[np.int64]
    follower_change: NDArray[np.int64]


def simulate_social(
    rng: np.random.Generator, calendar: Calendar, incidents: tuple[Incident, ...]
) -> SocialDays:
    """Daily organic social performance with follower growth and viral spikes."""
    days = calendar.days
    rows: dict[str, list[NDArray[np.int64]]] = {k: [] for k in SocialDays.__dataclass_fields__}
    season = calendar.seasonal
    for net in NETWORKS:
        viral = daily_factor(find(incidents, "viral_spike", network=net.name), days)
        trend = net.followers * (1.0 + net.growth) ** (np.arange(days) / 365.25)
        gains = gamma_poisson(rng, trend * (net.growth + 0.05) / 365.25 * viral, 5.0)
        losses = gamma_poisson(rng, trend * 0.05 / 365.25, 5.0)
        change = gains - losses
        followers = np.maximum(0, net.followers + np.cumsum(change))
        posts = np.where(viral > 1.0, 2, rng.poisson(1.2, days))
        mean_impressions = followers * net.reach_rate * (0.8 + posts / 6.0) * season**0.5 * viral
        impressions = gamma_poisson(rng, mean_impressions, 25.0)
        reach = np.floor(impressions * rng.uniform(0.55, 0.8, days)).astype(np.int64)
        engagement = net.engagement_rate * mean_one_noise(rng, 0.12, days)
        rows["impressions"].append(impressions)
        rows["reach"].append(reach)
        rows["engagements"].append(binomial(rng, impressions, engagement))
        rows["clicks"].append(binomial(rng, impressions, net.click_rate))
        rows["video_views"].append(binomial(rng, impressions, net.view_rate))
        rows["followers"].append(followers.astype(np.int64))
        rows["follower_change"].append(change.astype(np.int64))
    return SocialDays(**{k: np.vstack(v) for k, v in rows.items()})


def social_performance_table(calendar: Calendar, social: SocialDays) -> pa.Table:
    """The `social_performance` table: account-level rows (post_id '') per network and day."""
    k, days = social.impressions.shape
    day = np.tile(np.arange(days, dtype=np.int64), k)
    network = np.repeat(np.array([n.name for n in NETWORKS]), days)
    return canonical_table(
        "social_performance",
        {
            "date": day_stamps(calendar.start, day),
            "network": network,
            "account": np.full(day.size, ACCOUNT),
            "channel": np.full(day.size, "Organic Social"),
            "post_id": np.full(day.size, ""),
            "impressions": social.impressions.ravel(),
            "reach": social.reach.ravel(),
            "engagements": social.engagements.ravel(),
            "clicks": social.clicks.ravel(),
            "video_views": social.video_views.ravel(),
            "followers": social.followers.ravel(),
            "follower_change": social.follower_change.ravel(),
        },
    )
