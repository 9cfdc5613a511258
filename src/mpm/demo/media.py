"""Daily ad delivery per ad group: spend from budgets and pacing, clicks from drifting CPCs."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.campaigns import Campaign
from mpm.demo.channels import CHANNEL_INDEX, PAID_CHANNELS
from mpm.demo.frames import canonical_table, day_stamps
from mpm.demo.incidents import Incident, daily_factor, find
from mpm.demo.sampling import binomial, gamma_poisson, mean_one_noise
from mpm.demo.seasonality import Calendar

CPC_INFLATION: dict[str, float] = {
    "Paid Search": 0.12,
    "Paid Social": 0.08,
    "Display": 0.04,
    "Video": 0.05,
}
"""Yearly CPC inflation per channel: auctions get dearer through the window."""

OVERCLAIM: dict[str, float] = {
    "Paid Search": 1.15,
    "Paid Social": 1.6,
    "Display": 2.2,
    "Video": 1.8,
}
"""Platform-reported conversions per last-click order of the channel (view-through, modelling)."""


@dataclass(frozen=True)
class Delivery:
    """One row per ad group and day with delivery; money in the campaign's currency."""

    campaign: NDArray[np.int64]  # index into the campaign tuple
    ad_group: NDArray[np.str_]
    day: NDArray[np.int64]
    spend: NDArray[np.float64]
    spend_usd: NDArray[np.float64]
    impressions: NDArray[np.int64]
    clicks: NDArray[np.int64]
    reach: NDArray[np.float64]  # NaN where the platform reports none
    video_views: NDArray[np.float64]  # NaN where not a video placement
    lead_rate: NDArray[np.float64]

    @property
    def size(self) -> int:
        return int(self.day.size)


def _budget_path(
    rng: np.random.Generator, campaign: Campaign, calendar: Calendar, days: NDArray[np.int64]
) -> NDArray[np.float64]:
    """Daily budget: step changes every ~6 weeks, Q4 uplift and dark weeks for always-on."""
    n = days.size
    budget = np.full(n, campaign.daily_budget)
    if not campaign.always_on:
        return budget * np.linspace(0.9, 1.15, n)
    changes = np.flatnonzero(rng.random(n) < 1.0 / 42.0)
    level = np.zeros(n)
    log_level = 0.0
    for i in changes.tolist():
        log_level = 0.6 * log_level + rng.normal(0.0, 0.22)
        level[i:] = log_level
    dates = calendar.dates[days]
    month_day = (dates - dates.astype("datetime64[M]")).astype(np.int64)
    month = dates.astype("datetime64[M]").astype(np.int64) % 12 + 1
    q4 = ((month == 11) & (month_day >= 14)) | ((month == 12) & (month_day <= 20))
    years = days / 365.25
    budget = (
        budget * np.exp(np.clip(level, -0.7, 0.6)) * (1.0 + 0.1 * years) * np.where(q4, 1.4, 1.0)
    )
    if campaign.spec.paused:
        for _ in range(max(1, round(n / 240))):
            start = int(rng.integers(0, max(1, n - 14)))
            budget[start : start + int(rng.integers(7, 15))] = 0.0
    return budget


def _spend_factor(
    incidents: tuple[Incident, ...], campaign: Campaign, days: int
) -> NDArray[np.float64]:
    """Spend multipliers of spend_spike / spend_drop incidents that hit this campaign."""
    spec = campaign.spec
    hits = find(incidents, "spend_spike", campaign=campaign.name) + tuple(
        i
        for i in find(incidents, "spend_drop", platform=spec.platform)
        if i.scope.get("account", spec.account) == spec.account
    )
    return daily_factor(hits, days)


def deliver_media(
    calendar: Calendar,
    campaigns: tuple[Campaign, ...],
    eur_usd: NDArray[np.float64],
    incidents: tuple[Incident, ...],
    rng: np.random.Generator,
) -> Delivery:
    """Spend, impressions, clicks, reach and video views of every ad group on every flight day."""
    parts: list[dict[str, NDArray[Any]]] = []
    season = calendar.seasonal
    cpc_jump = daily_factor(find(incidents, "cpc_jump", platform="google_ads"), calendar.days)
    for index, campaign in enumerate(campaigns):
        spec = campaign.spec
        days = np.arange(campaign.first, campaign.last + 1, dtype=np.int64)
        n = days.size
        budget = _budget_path(rng, campaign, calendar, days)
        pace = rng.normal(0.97, 0.04, n)
        if spec.campaign_type == "Search":
            pace = rng.normal(0.95, 0.05, n) * np.minimum(1.0, 0.6 + 0.4 * season[days])
        spend_total = budget * np.clip(pace, 0.0, 1.2)
        spend_total *= _spend_factor(incidents, campaign, calendar.days)[days]
        shares = np.array([ag.share for ag in spec.ad_groups])[:, None] * mean_one_noise(
            rng, 0.12, (len(spec.ad_groups), n)
        )
        shares /= shares.sum(axis=0, keepdims=True)
        years = days / 365.25
        for k, ag in enumerate(spec.ad_groups):
            spend = np.round(spend_total * shares[k], 2)
            cpc = ag.cpc * (1.0 + CPC_INFLATION[spec.channel]) ** years * season[days] ** 0.3
            cpc = cpc * mean_one_noise(rng, 0.07, n)
            if spec.platform == "google_ads" and spec.channel == "Paid Search":
                cpc = cpc * cpc_jump[days]
            mean_clicks = spend / cpc
            clicks = gamma_poisson(rng, mean_clicks, 30.0)
            ctr = np.clip(ag.ctr * mean_one_noise(rng, 0.1, n), 1e-4, 0.5)
            impressions = clicks + gamma_poisson(rng, mean_clicks * (1.0 / ctr - 1.0), 50.0)
            reach = np.full(n, np.nan)
            if ag.frequency is not None:
                frequency = np.maximum(1.0, ag.frequency * mean_one_noise(rng, 0.06, n))
                reach = np.floor(impressions / frequency)
            views = np.full(n, np.nan)
            if ag.view_rate is not None:
                views = binomial(rng, impressions, ag.view_rate * mean_one_noise(rng, 0.05, n))
                views = views.astype(np.float64)
            rate = eur_usd[days] if spec.currency == "EUR" else np.ones(n)
            parts.append(
                {
                    "campaign": np.full(n, index, dtype=np.int64),
                    "ad_group": np.full(n, ag.name),
                    "day": days,
                    "spend": spend,
                    "spend_usd": spend * rate,
                    "impressions": impressions,
                    "clicks": clicks,
                    "reach": reach,
                    "video_views": views,
                    "lead_rate": np.full(n, ag.lead_rate),
                }
            )
    cols = {key: np.concatenate([p[key] for p in parts]) for key in parts[0]}
    keep = (cols["spend"] > 0) | (cols["impressions"] > 0)
    order = np.lexsort((cols["campaign"][keep], cols["day"][keep]))
    final = {key: value[keep][order] for key, value in cols.items()}
    return Delivery(
        campaign=final["campaign"].astype(np.int64),
        ad_group=final["ad_group"].astype(np.str_),
        day=final["day"].astype(np.int64),
        spend=final["spend"].astype(np.float64),
        spend_usd=final["spend_usd"].astype(np.float64),
        impressions=final["impressions"].astype(np.int64),
        clicks=final["clicks"].astype(np.int64),
        reach=final["reach"].astype(np.float64),
        video_views=final["video_views"].astype(np.float64),
        lead_rate=final["lead_rate"].astype(np.float64),
    )


def channel_spend_usd(
    delivery: Delivery, campaigns: tuple[Campaign, ...], days: int
) -> dict[str, NDArray[np.float64]]:
    """Daily media spend in USD per paid channel."""
    channel = np.array([CHANNEL_INDEX[c.spec.channel] for c in campaigns])[delivery.campaign]
    out: dict[str, NDArray[np.float64]] = {}
    for name in PAID_CHANNELS:
        mask = channel == CHANNEL_INDEX[name]
        spend = np.bincount(delivery.day[mask], weights=delivery.spend_usd[mask], minlength=days)
        out[name] = spend.astype(np.float64)
    return out


def campaign_day_matrix(
    delivery: Delivery, values: NDArray[np.float64] | NDArray[np.int64], n_campaigns: int, days: int
) -> NDArray[np.float64]:
    """Sum of `values` per campaign (rows) and day (columns)."""
    flat = np.bincount(
        delivery.campaign * days + delivery.day, weights=values, minlength=n_campaigns * days
    )
    return flat.astype(np.float64).reshape(n_campaigns, days)


def platform_conversions(
    delivery: Delivery,
    campaigns: tuple[Campaign, ...],
    orders: NDArray[np.float64],
    revenue: NDArray[np.float64],
    leads: NDArray[np.int64],
    eur_usd: NDArray[np.float64],
    incidents: tuple[Incident, ...],
    rng: np.random.Generator,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Platform-reported conversions and value per delivery row (campaign currency).

    B2C ad groups share the channel's last-click orders of the day by clicks, inflated by view-
    through claims (`OVERCLAIM`); B2B ad groups report their lead-form fills. `orders` and
    `revenue` are channel × day matrices in CHANNELS order.
    """
    days = orders.shape[1]
    spec_of = [c.spec for c in campaigns]
    channel = np.array([CHANNEL_INDEX[s.channel] for s in spec_of])[delivery.campaign]
    b2b = np.array([s.purpose == "b2b" for s in spec_of])[delivery.campaign]
    quality = mean_one_noise(rng, 0.3, len(campaigns))[delivery.campaign]
    weight = np.where(b2b, 0.0, delivery.clicks * quality + 1e-9)
    group = channel * days + delivery.day
    total = np.bincount(group, weights=weight, minlength=orders.size)
    share = weight / np.maximum(total[group], 1e-12)
    overclaim = np.array([OVERCLAIM[s.channel] for s in spec_of])[delivery.campaign]
    noise = mean_one_noise(rng, 0.2, delivery.size)
    conversions = orders.ravel()[group] * share * overclaim * noise
    aov = revenue.ravel()[group] / np.maximum(orders.ravel()[group], 1.0)
    value = conversions * aov * mean_one_noise(rng, 0.1, delivery.size)
    conversions = np.where(b2b, leads * 1.05, conversions)
    value = np.where(b2b, 0.0, value)
    platform = np.array([s.platform for s in spec_of])[delivery.campaign]
    for incident in incidents:
        if incident.table != "ad_performance" or incident.kpi != "conversions":
            continue
        hit = incident.active(days)[delivery.day] & (platform == incident.scope["platform"])
        if "channel" in incident.scope:
            hit &= channel == CHANNEL_INDEX[incident.scope["channel"]]
        conversions = np.where(hit, conversions * incident.magnitude, conversions)
        value = np.where(hit, value * incident.magnitude, value)
    eur = np.array([s.currency == "EUR" for s in spec_of])[delivery.campaign]
    value = np.where(eur, value / eur_usd[delivery.day], value)
    return np.round(conversions, 2).astype(np.float64), np.round(value, 2).astype(np.float64)


def ad_performance_table(
    calendar: Calendar,
    delivery: Delivery,
    campaigns: tuple[Campaign, ...],
    conversions: NDArray[np.float64],
    conversion_value: NDArray[np.float64],
) -> pa.Table:
    """The `ad_performance` table at day × ad group grain (`ad` is '')."""
    idx = delivery.campaign
    spec_of = [c.spec for c in campaigns]

    def pick(values: list[str]) -> NDArray[np.str_]:
        return np.array(values)[idx]

    return canonical_table(
        "ad_performance",
        {
            "date": day_stamps(calendar.start, delivery.day),
            "platform": pick([s.platform for s in spec_of]),
            "account": pick([s.account for s in spec_of]),
            "channel": pick([s.channel for s in spec_of]),
            "campaign_id": pick([c.campaign_id for c in campaigns]),
            "campaign": pick([c.name for c in campaigns]),
            "campaign_type": pick([s.campaign_type for s in spec_of]),
            "ad_group": delivery.ad_group,
            "ad": np.full(delivery.size, ""),
            "currency": pick([s.currency for s in spec_of]),
            "spend": delivery.spend,
            "impressions": delivery.impressions,
            "clicks": delivery.clicks,
            "conversions": conversions,
            "conversion_value": conversion_value,
            "reach": delivery.reach,
            "video_views": delivery.video_views,
        },
    )
