"""Email sends of the shop's ESP: weekly newsletters, VIP mailings, B2B digests, promo blasts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
from numpy.typing import NDArray

from mpm.demo.frames import canonical_table, day_stamps, time_stamps
from mpm.demo.incidents import Incident, find
from mpm.demo.sampling import binomial, mean_one_noise
from mpm.demo.seasonality import Calendar, black_friday, cyber_monday

ACCOUNT = "demo-esp"

THEMES: tuple[tuple[str, str, str], ...] = (
    ("New Arrivals", "Fresh gear for your next trail", "/collections/new-arrivals"),
    ("Trail Guide", "Five weekend hikes worth the drive", "/blog/how-to-choose-a-tent"),
    ("Staff Picks", "What our guides packed this month", "/collections/tents"),
    ("Weekend Deals", "Up to 30% off rain jackets this weekend", "/collections/sale"),
    ("Camp Kitchen", "Cook better at camp with these essentials", "/collections/tents"),
    ("Layering 101", "How to layer for cold mornings", "/collections/jackets"),
)
"""Newsletter themes: campaign suffix, subject line and landing page."""


@dataclass(frozen=True)
class EmailList:
    """A mailing list with its size on the window's first day and yearly net growth."""

    name: str
    source: str
    size: int
    growth: float
    hour: float  # UTC send hour
    open_rate: float
    click_to_open: float
    purchase_rate: float  # purchases per unique click


LISTS: tuple[EmailList, ...] = (
    EmailList("newsletter", "newsletter", 118_000, 0.22, 15.0, 0.31, 0.09, 0.012),
    EmailList("vip-customers", "vip", 14_500, 0.30, 17.0, 0.45, 0.14, 0.03),
    EmailList("b2b-prospects", "b2b-digest", 3_800, 0.15, 14.0, 0.27, 0.07, 0.0),
)


@dataclass(frozen=True)
class Sends:
    """One entry per send; feeds email_campaigns, email web sessions and order attribution."""

    day: NDArray[np.int64]
    time: NDArray[np.float64]  # days since window start
    campaign: NDArray[np.str_]
    email_list: NDArray[np.str_]
    source: NDArray[np.str_]
    subject: NDArray[np.str_]
    landing_page: NDArray[np.str_]
    sent: NDArray[np.int64]
    delivered: NDArray[np.int64]
    bounced: NDArray[np.int64]
    unique_opens: NDArray[np.int64]
    unique_clicks: NDArray[np.int64]
    unsubscribes: NDArray[np.int64]
    complaints: NDArray[np.int64]
    conversions: NDArray[np.int64]
    revenue: NDArray[np.float64]


def _schedule(calendar: Calendar) -> list[tuple[int, int, str, str, str]]:
    """(day, list index, campaign, subject, landing page) of every send, in send order."""
    dates = calendar.dates
    weekdays = calendar.weekdays
    day_of_month = (dates - dates.astype("datetime64[M]")).astype(np.int64) + 1
    week = (dates.astype(np.int64) + 3) // 7
    promo: dict[int, str] = {}
    for year in range(calendar.date_of(0).year, calendar.date_of(calendar.days - 1).year + 1):
        first = calendar.index_of(black_friday(year)) - 2
        for i in range(first, calendar.index_of(cyber_monday(year)) + 1):
            promo[i] = "Black Friday"
    out: list[tuple[int, int, str, str, str]] = []
    for t in range(calendar.days):
        iso = calendar.date_of(t).isoformat()
        if weekdays[t] in (1, 3):
            theme, subject, page = THEMES[int(week[t] * 2 + (weekdays[t] == 3)) % len(THEMES)]
            out.append((t, 0, f"Newsletter {iso} {theme}", subject, page))
        if t in promo:
            subject = "Our biggest sale of the year is live"
            out.append((t, 0, f"Promo {iso} {promo[t]}", subject, "/collections/sale"))
        if weekdays[t] == 6 and week[t] % 2 == 0:
            out.append(
                (
                    t,
                    1,
                    f"VIP {iso} Early Access",
                    "Early access for our members",
                    "/collections/new-arrivals",
                )
            )
        if weekdays[t] == 2 and day_of_month[t] <= 7:
            out.append((t, 2, f"B2B Digest {iso}", "Outfit your team for the season", "/business"))
    return out


def send_emails(
    rng: np.random.Generator, calendar: Calendar, incidents: tuple[Incident, ...]
) -> Sends:
    """Counts of every send: list growth, bounces, opens, clicks, purchases."""
    plan = _schedule(calendar)
    day = np.array([p[0] for p in plan], dtype=np.int64)
    lists = [LISTS[p[1]] for p in plan]
    n = day.size
    size = np.array([el.size for el in lists]) * (1.0 + np.array([el.growth for el in lists])) ** (
        day / 365.25
    )
    sent = np.floor(size * rng.uniform(0.955, 1.0, n)).astype(np.int64)
    blocked = np.zeros(n, dtype=bool)
    for incident in find(incidents, "email_deliverability_drop"):
        blocked |= incident.active(calendar.days)[day]
    bounce_rate = np.where(blocked, 0.18, 0.012 * mean_one_noise(rng, 0.2, n))
    bounced = binomial(rng, sent, bounce_rate)
    delivered = sent - bounced
    open_rate = np.array([el.open_rate for el in lists]) * mean_one_noise(rng, 0.08, n)
    opens = binomial(rng, delivered, np.where(blocked, 0.5, 1.0) * open_rate)
    ctor = np.array([el.click_to_open for el in lists]) * mean_one_noise(rng, 0.15, n)
    clicks = binomial(rng, opens, ctor)
    purchases = binomial(rng, clicks, np.array([el.purchase_rate for el in lists]))
    revenue = np.where(purchases > 0, rng.gamma(np.maximum(purchases, 1) * 5.0, 38.0), 0.0)
    time = day + np.array([el.hour for el in lists]) / 24.0 + rng.integers(0, 20, n) / 1440.0
    return Sends(
        day=day,
        time=time,
        campaign=np.array([p[2] for p in plan]),
        email_list=np.array([el.name for el in lists]),
        source=np.array([el.source for el in lists]),
        subject=np.array([p[3] for p in plan]),
        landing_page=np.array([p[4] for p in plan]),
        sent=sent,
        delivered=delivered,
        bounced=bounced,
        unique_opens=opens,
        unique_clicks=clicks,
        unsubscribes=binomial(rng, delivered, 0.0025 * mean_one_noise(rng, 0.3, n)),
        complaints=binomial(rng, delivered, 0.0002 * mean_one_noise(rng, 0.3, n)),
        conversions=purchases,
        revenue=np.round(revenue, 2).astype(np.float64),
    )


def email_campaigns_table(calendar: Calendar, sends: Sends) -> pa.Table:
    """The `email_campaigns` table: one row per send."""
    n = sends.day.size
    return canonical_table(
        "email_campaigns",
        {
            "date": day_stamps(calendar.start, sends.day),
            "sent_at": time_stamps(calendar.start, sends.time),
            "account": np.full(n, ACCOUNT),
            "channel": np.full(n, "Email"),
            "campaign": sends.campaign,
            "email_list": sends.email_list,
            "subject": sends.subject,
            "currency": np.full(n, "USD"),
            "sent": sends.sent,
            "delivered": sends.delivered,
            "bounced": sends.bounced,
            "unique_opens": sends.unique_opens,
            "unique_clicks": sends.unique_clicks,
            "unsubscribes": sends.unsubscribes,
            "complaints": sends.complaints,
            "conversions": sends.conversions.astype(np.float64),
            "revenue": sends.revenue,
        },
    )
