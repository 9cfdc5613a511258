"""Injected incidents: outages, spikes and breakages placed at fixed fractions of the window.

Each incident states the table and KPI where it shows, its scope (dimension filters) and its
magnitude: the multiplicative effect on that KPI within the scope while it lasts (1 = none).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from mpm.demo.seasonality import Calendar, thanksgiving

DISPLAY_PROSPECTING = "Display | Prospecting | In-Market Outdoor"
"""The campaign whose budget is mis-set during the spend spike."""

BROKEN_PAGE = "/collections/tents"
"""The landing page that breaks during the broken-landing-page incident."""

BOT_REFERRER = "free-seo-check.example"
"""The spam referrer of the referral bot incident."""


@dataclass(frozen=True)
class Incident:
    """One injected incident; `start`/`end` are window day indexes, inclusive."""

    kind: str
    start: int
    end: int
    table: str
    kpi: str
    scope: dict[str, str]
    description: str
    magnitude: float
    measurement_only: bool  # True when only reported numbers are wrong, not the real activity
    fraction: float = field(default=0.0, repr=False)

    def active(self, days: int) -> NDArray[np.bool_]:
        """Boolean mask over the window's days."""
        mask = np.zeros(days, dtype=bool)
        mask[self.start : self.end + 1] = True
        return mask

    def truth(self, calendar: Calendar) -> dict[str, object]:
        """The incident as a JSON-serialisable record of truth.json."""
        return {
            "kind": self.kind,
            "start": calendar.date_of(self.start).isoformat(),
            "end": calendar.date_of(self.end).isoformat(),
            "table": self.table,
            "kpi": self.kpi,
            "scope": dict(sorted(self.scope.items())),
            "description": self.description,
            "magnitude": self.magnitude,
            "measurement_only": self.measurement_only,
        }


_PLAN: tuple[tuple[float, int, str, str, str, dict[str, str], float, bool, str], ...] = (
    (
        0.07,
        3,
        "bot_traffic",
        "web_traffic",
        "sessions",
        {"channel": "Referral"},
        8.0,
        True,
        f"Referral spam bot from {BOT_REFERRER}: sessions surge with almost no engagement",
    ),
    (
        0.12,
        3,
        "tracking_outage",
        "web_traffic",
        "sessions",
        {"channel": "Paid Search"},
        0.03,
        True,
        "A redirect strips gclid/UTM parameters: Paid Search sessions and conversions vanish",
    ),
    (
        0.19,
        2,
        "spend_spike",
        "ad_performance",
        "spend",
        {"channel": "Display", "campaign": DISPLAY_PROSPECTING},
        4.0,
        False,
        "A mistyped daily budget: the display campaign spends about four times its plan",
    ),
    (
        0.26,
        10,
        "email_deliverability_drop",
        "email_campaigns",
        "email_delivery_rate",
        {"channel": "Email"},
        0.83,
        False,
        "Sending domain on a blocklist: hard bounces jump and opens halve",
    ),
    (
        0.33,
        10,
        "cpc_jump",
        "ad_performance",
        "cpc",
        {"channel": "Paid Search", "platform": "google_ads"},
        1.8,
        False,
        "A competitor enters the search auction: Google Ads CPCs rise about 80%",
    ),
    (
        0.40,
        4,
        "broken_landing_page",
        "web_traffic",
        "conversions",
        {"landing_page": BROKEN_PAGE},
        0.02,
        False,
        "The add-to-cart button on the tents page is broken: almost no conversions",
    ),
    (
        0.47,
        4,
        "tracking_outage",
        "ad_performance",
        "conversions",
        {"platform": "meta_ads"},
        0.03,
        True,
        "Meta pixel removed in a site release: Meta reports almost no conversions",
    ),
    (
        0.53,
        7,
        "conversion_rate_drop",
        "web_traffic",
        "web_conversion_rate",
        {"device": "mobile"},
        0.3,
        False,
        "A mobile checkout bug: mobile conversion rate drops about 70%; orders are lost",
    ),
    (
        0.60,
        4,
        "spend_drop",
        "ad_performance",
        "spend",
        {"platform": "meta_ads", "account": "demo-us"},
        0.0,
        False,
        "Payment method declined: the US Meta ad account stops delivering",
    ),
    (
        0.67,
        21,
        "organic_traffic_drop",
        "web_traffic",
        "sessions",
        {"channel": "Organic Search"},
        0.6,
        False,
        "A search engine core update: organic search sessions and their orders fall 40%",
    ),
    (
        0.74,
        6,
        "conversion_double_counting",
        "ad_performance",
        "conversions",
        {"channel": "Paid Search", "platform": "google_ads"},
        2.0,
        True,
        "A duplicated purchase conversion action: Google Ads reports every conversion twice",
    ),
    (
        0.81,
        2,
        "viral_spike",
        "social_performance",
        "engagements",
        {"network": "instagram"},
        6.0,
        False,
        "A creator reposts a product video: Instagram engagements jump sixfold",
    ),
    (
        0.88,
        4,
        "bot_traffic",
        "web_traffic",
        "engagement_rate",
        {"channel": "Direct"},
        0.4,
        True,
        "A scraper hits the home page without referrer: direct sessions up, engagement rate down",
    ),
)


def holiday_peak(calendar: Calendar) -> NDArray[np.bool_]:
    """Window days from a week before Thanksgiving to Jan 2, when demand swings most."""
    out = np.zeros(calendar.days, dtype=bool)
    for year in range(calendar.date_of(0).year - 1, calendar.date_of(calendar.days - 1).year + 1):
        first = calendar.index_of(thanksgiving(year)) - 7
        last = calendar.index_of(dt.date(year + 1, 1, 2))
        out[max(0, first) : max(0, last + 1)] = True
    return out


def _place(
    start: int,
    length: int,
    blocked: NDArray[np.bool_],
    table_taken: NDArray[np.bool_],
    any_taken: NDArray[np.bool_],
) -> int:
    """The start nearest `start` avoiding the holiday peak and other incidents, if there is room.

    Tries, in order: no overlap with any incident; none with the same table's; the peak only.
    """
    days = blocked.size
    for avoid in (blocked | any_taken, blocked | table_taken, blocked, table_taken):
        cum = np.concatenate([[0], np.cumsum(avoid)])
        starts = np.arange(days - length + 1)
        free = starts[cum[starts + length] - cum[starts] == 0]
        if free.size:
            return int(free[np.argmin(np.abs(free - start))])
    return start


def schedule_incidents(calendar: Calendar) -> tuple[Incident, ...]:
    """The incidents of the window at fixed fractions of it, moved out of the holiday peak.

    Durations shrink to at most days // 12; incidents do not overlap each other when there is
    room (in long windows never), so each stays visible against its neighbourhood.
    """
    days = calendar.days
    peak = holiday_peak(calendar)
    taken: dict[str, NDArray[np.bool_]] = {}
    any_taken = np.zeros(days, dtype=bool)
    out: list[Incident] = []
    for fraction, duration, kind, table, kpi, scope, magnitude, measurement_only, text in _PLAN:
        length = max(2, min(duration, days // 12))
        occupied = taken.setdefault(table, np.zeros(days, dtype=bool))
        start = _place(
            min(round(fraction * days), days - length), length, peak, occupied, any_taken
        )
        occupied[max(0, start - 3) : start + length + 3] = True
        any_taken[max(0, start - 2) : start + length + 2] = True
        out.append(
            Incident(
                kind=kind,
                start=start,
                end=min(days - 1, start + length - 1),
                table=table,
                kpi=kpi,
                scope=dict(scope),
                description=text,
                magnitude=magnitude,
                measurement_only=measurement_only,
                fraction=fraction,
            )
        )
    return tuple(out)


def find(incidents: tuple[Incident, ...], kind: str, **scope: str) -> tuple[Incident, ...]:
    """Incidents of `kind` whose scope contains every given key/value."""
    return tuple(
        i
        for i in incidents
        if i.kind == kind and all(i.scope.get(k) == v for k, v in scope.items())
    )


def daily_factor(
    incidents: tuple[Incident, ...], days: int, magnitude: float | None = None
) -> NDArray[np.float64]:
    """Product over `incidents` of their magnitude (or `magnitude`) on active days, else 1."""
    out = np.ones(days)
    for incident in incidents:
        out[incident.active(days)] *= incident.magnitude if magnitude is None else magnitude
    return out


MOBILE_ORDER_SHARE = 0.4
"""Approximate share of orders placed on mobile (lost during the mobile checkout bug)."""

PAGE_ORDER_SHARE = 0.12
"""Approximate share of orders entering through the page that breaks."""


def order_capture(incidents: tuple[Incident, ...], days: int) -> NDArray[np.float64]:
    """Share of each day's orders that really happen despite site breakages (1 = all)."""
    out = np.ones(days)
    for incident in find(incidents, "conversion_rate_drop"):
        out[incident.active(days)] *= 1.0 - MOBILE_ORDER_SHARE * (1.0 - incident.magnitude)
    for incident in find(incidents, "broken_landing_page"):
        out[incident.active(days)] *= 1.0 - PAGE_ORDER_SHARE * (1.0 - incident.magnitude)
    return out
