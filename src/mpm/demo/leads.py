"""The B2B arm's CRM leads: lead → MQL → SQL → opportunity → won/lost with stage timestamps.

Paid leads come from lead-form fills on B2B ad groups (LinkedIn, Google B2B search); organic
leads arrive on weekdays. Stage timestamps after the window's end are unknown (null).
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.campaigns import Campaign
from mpm.demo.channels import SOURCE_MEDIUM, source_medium
from mpm.demo.frames import canonical_table, time_stamps
from mpm.demo.media import Delivery
from mpm.demo.sampling import gamma_poisson, time_of_day
from mpm.demo.seasonality import Calendar

ORGANIC_LEADS: dict[str, float] = {
    "Organic Search": 2.2,
    "Direct": 0.8,
    "Referral": 0.6,
    "Email": 0.4,
}
"""Leads per weekday from channels without spend."""

MQL_RATE: dict[str, float] = {
    "Paid Social": 0.42,
    "Paid Search": 0.55,
    "Organic Search": 0.5,
    "Direct": 0.45,
    "Referral": 0.62,
    "Email": 0.5,
}
"""Share of leads that marketing qualifies, by channel."""

STAGE_RATE = {"sql": 0.45, "opportunity": 0.65, "won": 0.32}
STAGE_LAG: dict[str, tuple[float, float]] = {
    "mql": (2.0, 1.5),
    "sql": (2.0, 3.0),
    "opportunity": (2.0, 2.5),
    "close": (3.0, 10.0),
}
"""Gamma (shape, scale) of the days spent before reaching each stage."""

BUSINESS_HOURS = np.array([0.2] * 13 + [3, 4, 4.5, 4.5, 4, 4, 3.5, 3, 2] + [0.5] * 2)
"""Lead creation by UTC hour: US office hours."""


def paid_lead_counts(rng: np.random.Generator, delivery: Delivery) -> NDArray[np.int64]:
    """Lead-form fills per delivery row (zero on B2C ad groups)."""
    return gamma_poisson(rng, delivery.clicks * delivery.lead_rate, 8.0)


def leads_table(
    rng: np.random.Generator,
    calendar: Calendar,
    delivery: Delivery,
    campaigns: tuple[Campaign, ...],
    paid_leads: NDArray[np.int64],
) -> pa.Table:
    """The `leads` table, one row per lead ordered by creation time."""
    days = calendar.days
    rows = np.repeat(np.arange(delivery.size), paid_leads)
    day_parts = [delivery.day[rows]]
    spec_of = [campaigns[i].spec for i in delivery.campaign[rows].tolist()]
    channel_parts = [np.array([s.channel for s in spec_of], dtype="<U16")]
    campaign_parts = [
        np.array([campaigns[i].name for i in delivery.campaign[rows].tolist()], dtype="<U64")
    ]
    sm = [source_medium(s.platform, s.channel) for s in spec_of]
    source_parts = [np.array([x[0] for x in sm], dtype="<U32")]
    medium_parts = [np.array([x[1] for x in sm], dtype="<U32")]
    weekday_factor = np.where(calendar.weekdays < 5, 1.25, 0.35)
    for channel, per_day in ORGANIC_LEADS.items():
        counts = gamma_poisson(rng, per_day * weekday_factor * calendar.trend, 10.0)
        n = int(counts.sum())
        day_parts.append(np.repeat(np.arange(days, dtype=np.int64), counts))
        channel_parts.append(np.full(n, channel, dtype="<U16"))
        campaign_parts.append(np.full(n, "", dtype="<U64"))
        source, medium = SOURCE_MEDIUM[channel]
        source_parts.append(
            np.full(n, "b2b-digest" if channel == "Email" else source, dtype="<U32")
        )
        medium_parts.append(np.full(n, medium, dtype="<U32"))
    day = np.concatenate(day_parts)
    n = day.size
    created = day + time_of_day(rng, n, BUSINESS_HOURS)
    order = np.argsort(created, kind="stable")
    created = created[order]
    channel = np.concatenate(channel_parts)[order]
    stage_times = _progress(rng, created, channel, float(days))
    deal_value = np.round(rng.lognormal(np.log(9000.0), 0.7, n), -1)
    deal_value = np.where(np.isfinite(stage_times["opportunity_at"]), deal_value, np.nan)
    won = np.isfinite(stage_times["won_at"])
    customer = np.full(n, None, dtype=object)
    customer[won] = np.char.add("B", np.char.zfill(np.arange(1, int(won.sum()) + 1).astype(str), 6))
    lead_ids = np.char.add("L", np.char.zfill(np.arange(1, n + 1).astype(str), 7))
    return canonical_table(
        "leads",
        {
            "lead_id": lead_ids,
            "created_at": time_stamps(calendar.start, created),
            "channel": channel,
            "source": np.concatenate(source_parts)[order],
            "medium": np.concatenate(medium_parts)[order],
            "campaign": np.concatenate(campaign_parts)[order],
            "email": np.char.add(np.char.lower(lead_ids), "@company.example"),
            **{k: time_stamps(calendar.start, v) for k, v in stage_times.items()},
            "currency": np.full(n, "USD"),
            "deal_value": deal_value,
            "customer_id": customer,
        },
    )


def _progress(
    rng: np.random.Generator, created: NDArray[np.float64], channel: NDArray[np.str_], end: float
) -> dict[str, NDArray[np.float64]]:
    """Stage timestamps (days since window start, NaN = not reached or after the window's end).

    Leads that fail to become an opportunity after SQL, or lose the deal, get `lost_at`.
    """
    n = created.size
    mql_rate = np.vectorize(MQL_RATE.__getitem__, otypes=[float])(channel) if n else np.zeros(0)

    def lag(stage: str) -> NDArray[np.float64]:
        shape, scale = STAGE_LAG[stage]
        return rng.gamma(shape, scale, n)

    mql = np.where(rng.random(n) < mql_rate, created + lag("mql"), np.nan)
    sql = np.where(rng.random(n) < STAGE_RATE["sql"], mql + lag("sql"), np.nan)
    to_opp = rng.random(n) < STAGE_RATE["opportunity"]
    opp_lag = lag("opportunity")
    opportunity = np.where(to_opp, sql + opp_lag, np.nan)
    disqualified = np.where(~to_opp, sql + opp_lag, np.nan)
    wins = rng.random(n) < STAGE_RATE["won"]
    close = opportunity + lag("close")
    won = np.where(wins, close, np.nan)
    lost = np.where(wins, np.nan, close)
    lost = np.where(np.isfinite(disqualified), disqualified, lost)
    times = {
        "mql_at": mql,
        "sql_at": sql,
        "opportunity_at": opportunity,
        "won_at": won,
        "lost_at": lost,
    }
    return {k: np.where(v < end, v, np.nan) for k, v in times.items()}
