"""GA4-style `web_traffic`: sessions by channel, source, medium, campaign, page, device, country.

Paid sessions follow ad clicks, email sessions follow email clicks, organic social sessions
follow social clicks; key events (conversions) and revenue are the day's last-click orders of
the channel as seen by the analytics tag, spread over rows by device and landing-page quality.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.campaigns import Campaign
from mpm.demo.channels import CHANNEL_INDEX, CHANNELS, SOURCE_MEDIUM, source_medium
from mpm.demo.emails import Sends
from mpm.demo.frames import canonical_table, day_stamps
from mpm.demo.incidents import BOT_REFERRER, Incident, daily_factor, find, order_capture
from mpm.demo.sampling import binomial, gamma_poisson, mean_one_noise
from mpm.demo.seasonality import Calendar
from mpm.demo.social import NETWORKS, SocialDays

ACCOUNT = "demo-web"
DEVICES = ("desktop", "mobile", "tablet")
COUNTRIES = ("US", "CA", "DE")
GEO: dict[str, tuple[float, float, float]] = {
    "us": (0.9, 0.1, 0.0),
    "eu": (0.03, 0.0, 0.97),
    "all": (0.8, 0.12, 0.08),
    "bot": (1.0, 0.0, 0.0),
}
DEVICE_CVR = np.array([1.35, 0.8, 1.0])
DEVICE_ENGAGEMENT = np.array([1.0, 0.94, 1.02])
PAGE_CVR: dict[str, float] = {
    "/collections/sale": 1.3,
    "/collections/tents": 1.15,
    "/account": 1.4,
    "/blog/how-to-choose-a-tent": 0.5,
    "/business": 0.25,
}

_CHANNEL_WEB: dict[str, tuple[tuple[float, float, float], float, float, float]] = {
    "Paid Search": ((0.45, 0.5, 0.05), 0.68, 0.55, 0.92),
    "Paid Social": ((0.18, 0.78, 0.04), 0.48, 0.78, 0.85),
    "Display": ((0.35, 0.58, 0.07), 0.36, 0.74, 0.88),
    "Video": ((0.3, 0.62, 0.08), 0.44, 0.7, 0.88),
    "Email": ((0.42, 0.52, 0.06), 0.72, 0.08, 0.93),
    "Organic Search": ((0.44, 0.5, 0.06), 0.66, 0.62, 0.92),
    "Organic Social": ((0.15, 0.82, 0.03), 0.5, 0.6, 0.88),
    "Referral": ((0.55, 0.4, 0.05), 0.62, 0.58, 0.92),
    "Affiliates": ((0.5, 0.45, 0.05), 0.6, 0.5, 0.9),
    "Direct": ((0.5, 0.44, 0.06), 0.64, 0.3, 0.95),
    "Other": ((0.3, 0.65, 0.05), 0.5, 0.55, 0.9),
}
"""Per channel: device mix, engagement rate, new-user rate, share of orders the tag records."""

ORGANIC_STREAMS: tuple[tuple[str, str, str, str, float, str], ...] = (
    ("Organic Search", "google", "(organic)", "/", 760.0, "all"),
    ("Organic Search", "google", "(organic)", "/collections/tents", 450.0, "all"),
    ("Organic Search", "google", "(organic)", "/collections/jackets", 360.0, "us"),
    ("Organic Search", "google", "(organic)", "/blog/how-to-choose-a-tent", 300.0, "us"),
    ("Organic Search", "bing", "(organic)", "/", 120.0, "us"),
    ("Direct", "(direct)", "(direct)", "/", 650.0, "all"),
    ("Direct", "(direct)", "(direct)", "/account", 140.0, "us"),
    ("Direct", "(direct)", "(direct)", "/collections/tents", 90.0, "us"),
    ("Referral", "trailforum.example", "(referral)", "/blog/how-to-choose-a-tent", 60.0, "us"),
    ("Referral", "gearreview.example", "(referral)", "/collections/tents", 55.0, "us"),
    ("Affiliates", "awin", "affiliate-program", "/collections/sale", 110.0, "us"),
    ("Affiliates", "skimlinks", "affiliate-program", "/collections/jackets", 55.0, "us"),
    ("Other", "qr-code", "catalog-insert", "/", 12.0, "us"),
)
"""(channel, source, campaign, landing page, sessions/day at the window start, geo) of organic
traffic; geo "all" adds German visitors."""


@dataclass(frozen=True)
class Stream:
    """A traffic stream: one source/medium/campaign/landing page of a channel."""

    channel: str
    source: str
    medium: str
    campaign: str
    landing_page: str
    geo: str
    bot: bool = False


@dataclass
class _Long:
    """Sessions of streams by day, in long form, before the device × country split."""

    streams: list[Stream]
    stream: list[NDArray[np.int64]]
    day: list[NDArray[np.int64]]
    sessions: list[NDArray[np.int64]]

    def add(self, stream: Stream, day: NDArray[np.int64], sessions: NDArray[np.int64]) -> None:
        keep = sessions > 0
        self.stream.append(np.full(int(keep.sum()), len(self.streams), dtype=np.int64))
        self.streams.append(stream)
        self.day.append(day[keep])
        self.sessions.append(sessions[keep])


def _channel_sessions_factor(
    incidents: tuple[Incident, ...], channel: str, days: int
) -> NDArray[np.float64]:
    """Real (organic drop) and recording (tracking outage) multipliers of a channel's sessions."""
    hits = find(incidents, "organic_traffic_drop", channel=channel)
    hits += tuple(
        i for i in find(incidents, "tracking_outage", channel=channel) if i.table == "web_traffic"
    )
    return daily_factor(hits, days)


def _collect_streams(
    rng: np.random.Generator,
    calendar: Calendar,
    campaigns: tuple[Campaign, ...],
    clicks: NDArray[np.float64],
    sends: Sends,
    social: SocialDays,
    incidents: tuple[Incident, ...],
) -> _Long:
    """Every stream's daily sessions: paid, organic, social, email and bot traffic."""
    days = calendar.days
    all_days = np.arange(days, dtype=np.int64)
    long = _Long([], [], [], [])
    for i, c in enumerate(campaigns):
        source, medium = source_medium(c.spec.platform, c.spec.channel)
        factor = _channel_sessions_factor(incidents, c.spec.channel, days)
        sessions = binomial(rng, clicks[i].astype(np.int64), 0.88 * factor)
        long.add(
            Stream(c.spec.channel, source, medium, c.name, c.spec.landing_page, c.spec.geo),
            all_days,
            sessions,
        )
    expected: dict[str, NDArray[np.float64]] = {}
    for channel, source, campaign, page, base, geo in ORGANIC_STREAMS:
        mean = base * calendar.demand * _channel_sessions_factor(incidents, channel, days)
        expected[channel] = expected.get(channel, np.zeros(days)) + mean
        long.add(
            Stream(channel, source, SOURCE_MEDIUM[channel][1], campaign, page, geo),
            all_days,
            gamma_poisson(rng, mean, 40.0),
        )
    for k, net in enumerate(NETWORKS):
        page = "/business" if net.name == "linkedin" else "/"
        long.add(
            Stream("Organic Social", net.name, "social", "(organic)", page, "us"),
            all_days,
            binomial(rng, social.clicks[k], 0.8),
        )
    split = rng.multinomial(np.round(sends.unique_clicks * 1.2).astype(np.int64), [0.72, 0.2, 0.08])
    for j in range(sends.day.size):
        day = sends.day[j] + np.arange(3, dtype=np.int64)
        inside = day < days
        long.add(
            Stream(
                "Email",
                str(sends.source[j]),
                "email",
                str(sends.campaign[j]),
                str(sends.landing_page[j]),
                "all",
            ),
            day[inside],
            split[j][inside],
        )
    for incident in find(incidents, "bot_traffic"):
        channel = incident.scope["channel"]
        active = incident.active(days)
        extra = (
            1.0 / incident.magnitude - 1.0
            if incident.kpi == "engagement_rate"
            else incident.magnitude - 1.0
        )
        mean = np.where(active, extra * expected[channel], 0.0)
        source = BOT_REFERRER if channel == "Referral" else "(direct)"
        campaign = "(referral)" if channel == "Referral" else "(direct)"
        stream = Stream(channel, source, SOURCE_MEDIUM[channel][1], campaign, "/", "bot", bot=True)
        long.add(stream, all_days, gamma_poisson(rng, mean, 50.0))
    return long


@dataclass(frozen=True)
class _Cells:
    """Rows after the device × country split (one per stream, day, device, country)."""

    stream: NDArray[np.int64]
    day: NDArray[np.int64]
    device: NDArray[np.int64]
    country: NDArray[np.int64]
    sessions: NDArray[np.int64]


def _split_cells(rng: np.random.Generator, long: _Long) -> _Cells:
    """Multinomial split of each stream-day's sessions over device × country; zero cells dropped."""
    stream = np.concatenate(long.stream)
    day = np.concatenate(long.day)
    sessions = np.concatenate(long.sessions)
    probs = np.zeros((len(long.streams), 9))
    for i, s in enumerate(long.streams):
        device = (1.0, 0.0, 0.0) if s.bot else _CHANNEL_WEB[s.channel][0]
        probs[i] = np.outer(device, GEO[s.geo]).ravel()
    probs /= probs.sum(axis=1, keepdims=True)
    counts = rng.multinomial(sessions, probs[stream])
    row, cell = np.nonzero(counts)
    return _Cells(stream[row], day[row], cell // 3, cell % 3, counts[row, cell].astype(np.int64))


def _conversion_weights(
    cells: _Cells, streams: list[Stream], incidents: tuple[Incident, ...], days: int
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Per row: chance to record an order, its incident factor, and its engagement factor."""
    page = np.array([s.landing_page for s in streams])[cells.stream]
    bot = np.array([s.bot for s in streams])[cells.stream]
    page_cvr = np.array([PAGE_CVR.get(s.landing_page, 1.0) for s in streams])[cells.stream]
    weight = np.where(bot, 0.0, cells.sessions * DEVICE_CVR[cells.device] * page_cvr)
    factor = np.ones(cells.day.size)
    engagement = np.ones(cells.day.size)
    for incident in find(incidents, "broken_landing_page"):
        hit = incident.active(days)[cells.day] & (page == incident.scope["landing_page"])
        factor = np.where(hit, factor * incident.magnitude, factor)
        engagement = np.where(hit, 0.6, engagement)
    for incident in find(incidents, "conversion_rate_drop"):
        device = DEVICES.index(incident.scope["device"])
        hit = incident.active(days)[cells.day] & (cells.device == device)
        factor = np.where(hit, factor * incident.magnitude, factor)
    return weight, factor, engagement


def _conversions(
    rng: np.random.Generator,
    cells: _Cells,
    channel: NDArray[np.int64],
    weight: NDArray[np.float64],
    factor: NDArray[np.float64],
    orders: NDArray[np.float64],
    revenue: NDArray[np.float64],
    recorded: NDArray[np.float64],
    capture: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Key events and revenue per row from the channel's orders of the day (channel × day arrays).

    Site breakages already removed orders (`capture`); dividing by it and multiplying by the
    row's incident `factor` puts the loss on the broken rows only.
    """
    days = orders.shape[1]
    group = channel * days + cells.day
    total = np.bincount(group, weights=weight, minlength=orders.size)
    target = (orders * recorded).ravel()[group] / capture[cells.day]
    expected = target * factor * weight / np.maximum(total[group], 1e-12)
    conversions = np.minimum(rng.poisson(expected), cells.sessions)
    aov = revenue.ravel()[group] / np.maximum(orders.ravel()[group], 1.0)
    aov = np.where(aov > 0, aov, 200.0)
    value = rng.gamma(np.maximum(conversions, 1) * 4.0, aov / 4.0) * (conversions > 0)
    return conversions.astype(np.float64), np.round(value, 2)


def _recorded_share(incidents: tuple[Incident, ...], days: int) -> NDArray[np.float64]:
    """Channel × day share of orders the analytics tag records (tracking outages lower it)."""
    out = np.array([[_CHANNEL_WEB[c][3]] * days for c in CHANNELS])
    for incident in find(incidents, "tracking_outage"):
        if incident.table == "web_traffic":
            out[CHANNEL_INDEX[incident.scope["channel"]], incident.active(days)] *= (
                incident.magnitude
            )
    return out


def web_traffic_table(
    rng: np.random.Generator,
    calendar: Calendar,
    campaigns: tuple[Campaign, ...],
    clicks: NDArray[np.float64],
    sends: Sends,
    social: SocialDays,
    orders: NDArray[np.float64],
    revenue: NDArray[np.float64],
    incidents: tuple[Incident, ...],
) -> pa.Table:
    """The `web_traffic` table; rows that share a key (bots + humans) are summed."""
    days = calendar.days
    long = _collect_streams(rng, calendar, campaigns, clicks, sends, social, incidents)
    cells = _split_cells(rng, long)
    streams = long.streams
    channel = np.array([CHANNEL_INDEX[s.channel] for s in streams])[cells.stream]
    bot = np.array([s.bot for s in streams])[cells.stream]
    web = np.array([_CHANNEL_WEB[c][1:3] for c in CHANNELS])[channel]
    weight, factor, engagement_factor = _conversion_weights(cells, streams, incidents, days)
    recorded = _recorded_share(incidents, days)
    conversions, value = _conversions(
        rng,
        cells,
        channel,
        weight,
        factor,
        orders,
        revenue,
        recorded,
        order_capture(incidents, days),
    )
    n = cells.sessions.size
    sessions = cells.sessions
    engaged_rate = web[:, 0] * DEVICE_ENGAGEMENT[cells.device] * engagement_factor
    engaged_rate = np.where(bot, 0.004, engaged_rate * mean_one_noise(rng, 0.05, n))
    engaged = binomial(rng, sessions, engaged_rate)
    users = sessions - binomial(rng, sessions, np.where(bot, 0.02, 0.14))
    new_users = binomial(rng, users, np.where(bot, 1.0, web[:, 1]))
    pageviews = sessions + gamma_poisson(rng, engaged * 2.6, 10.0)
    seconds = rng.gamma(engaged * 1.5, 75.0) + (sessions - engaged) * np.where(bot, 0.0, 4.0)
    metrics = {
        "sessions": sessions,
        "users": users,
        "new_users": new_users,
        "engaged_sessions": engaged,
        "pageviews": pageviews,
        "engagement_seconds": seconds,
        "conversions": conversions,
        "revenue": value,
    }
    keys = _merge_keys(cells, streams)
    unique, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
    summed = {k: np.bincount(inverse, weights=v, minlength=unique.size) for k, v in metrics.items()}
    stream = cells.stream[first]
    attr = {
        f: np.array([getattr(s, f) for s in streams])[stream]
        for f in ("channel", "source", "medium", "campaign", "landing_page")
    }
    counts = {
        k: np.round(summed[k]).astype(np.int64)
        for k in ("sessions", "users", "new_users", "engaged_sessions", "pageviews")
    }
    return canonical_table(
        "web_traffic",
        {
            "date": day_stamps(calendar.start, cells.day[first]),
            "account": np.full(unique.size, ACCOUNT),
            **attr,
            "device": np.array(DEVICES)[cells.device[first]],
            "country": np.array(COUNTRIES)[cells.country[first]],
            "currency": np.full(unique.size, "USD"),
            **counts,
            "bounces": counts["sessions"] - counts["engaged_sessions"],
            "engagement_seconds": np.round(summed["engagement_seconds"], 1),
            "conversions": summed["conversions"],
            "revenue": np.round(summed["revenue"], 2),
        },
    )


def _merge_keys(cells: _Cells, streams: list[Stream]) -> NDArray[np.int64]:
    """An integer per natural key (day, stream attributes, device, country), sortable by day."""
    labels = [(s.channel, s.source, s.medium, s.campaign, s.landing_page) for s in streams]
    ranks = {label: i for i, label in enumerate(sorted(set(labels)))}
    attr = np.array([ranks[label] for label in labels], dtype=np.int64)[cells.stream]
    return ((cells.day * len(ranks) + attr) * 3 + cells.device) * 3 + cells.country
