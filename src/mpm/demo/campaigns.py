"""The campaign catalogue of Ridgeline Outfitters: always-on programmes and seasonal bursts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from mpm.demo.incidents import DISPLAY_PROSPECTING
from mpm.demo.seasonality import Calendar, black_friday, cyber_monday, thanksgiving

Window = Callable[[int], tuple[dt.date, dt.date]]


@dataclass(frozen=True)
class AdGroupSpec:
    """An ad group / ad set: its share of campaign spend, CPC (campaign currency) and CTR."""

    name: str
    share: float
    cpc: float
    ctr: float
    frequency: float | None = None  # impressions per person reached; None: reach not reported
    view_rate: float | None = None  # video views per impression; None: not a video placement
    lead_rate: float = 0.0  # B2B lead-form fills per click


@dataclass(frozen=True)
class CampaignSpec:
    """A campaign template; seasonal ones (with `window`) recur every year as separate campaigns."""

    name: str
    platform: str
    account: str
    channel: str
    campaign_type: str
    currency: str
    daily_budget: float
    ad_groups: tuple[AdGroupSpec, ...]
    landing_page: str
    geo: str = "us"  # "us" (US + Canada) or "eu" (Germany)
    purpose: str = "b2c"  # "b2c" sells in the shop, "b2b" generates leads
    window: Window | None = None  # yearly flight; None = always on
    launch: float = 0.0  # always-on: fraction of the window when it starts
    stop: float = 1.0  # always-on: fraction of the window after which it stops
    paused: bool = False  # always-on: goes dark for a week or two now and then


@dataclass(frozen=True)
class Campaign:
    """A concrete campaign with its flight as window day indexes `first`..`last` (inclusive)."""

    campaign_id: str
    name: str
    spec: CampaignSpec
    first: int
    last: int
    daily_budget: float  # campaign currency

    @property
    def always_on(self) -> bool:
        return self.spec.window is None


def _fixed(m1: int, d1: int, m2: int, d2: int) -> Window:
    """A yearly flight between two fixed calendar days."""

    def window(year: int) -> tuple[dt.date, dt.date]:
        end_year = year if (m2, d2) >= (m1, d1) else year + 1
        return dt.date(year, m1, d1), dt.date(end_year, m2, d2)

    return window


def _black_friday(lead_days: int, tail_days: int = 0) -> Window:
    """A flight from `lead_days` before Black Friday to `tail_days` after Cyber Monday."""

    def window(year: int) -> tuple[dt.date, dt.date]:
        start = black_friday(year) - dt.timedelta(days=lead_days)
        return start, cyber_monday(year) + dt.timedelta(days=tail_days)

    return window


def _gift_video(year: int) -> tuple[dt.date, dt.date]:
    """YouTube gift-guide flight: from Thanksgiving week to Dec 20."""
    return thanksgiving(year) - dt.timedelta(days=6), dt.date(year, 12, 20)


_AG = AdGroupSpec
_S = CampaignSpec
# fmt: off
CATALOGUE: tuple[CampaignSpec, ...] = (
    _S("Search | Brand | US", "google_ads", "demo-us", "Paid Search", "Search", "USD", 190.0,
       (_AG("Brand - Exact", 0.7, 0.45, 0.18), _AG("Brand - Phrase", 0.3, 0.6, 0.11)), "/"),
    _S("Search | Generic | Tents & Camping", "google_ads", "demo-us", "Paid Search", "Search",
       "USD", 250.0,
       (_AG("Tents", 0.55, 1.35, 0.045), _AG("Sleeping Bags", 0.45, 1.1, 0.05)),
       "/collections/tents"),
    _S("Search | Generic | Apparel", "google_ads", "demo-us", "Paid Search", "Search", "USD", 210.0,
       (_AG("Rain Jackets", 0.5, 1.25, 0.042), _AG("Hiking Boots", 0.5, 1.4, 0.04)),
       "/collections/jackets"),
    _S("Bing | Search | Brand", "microsoft_ads", "demo-us", "Paid Search", "Search", "USD", 55.0,
       (_AG("Brand", 1.0, 0.35, 0.15),), "/"),
    _S("Bing | Search | Generic", "microsoft_ads", "demo-us", "Paid Search", "Search", "USD", 80.0,
       (_AG("Camping Gear", 1.0, 0.95, 0.035),), "/collections/tents"),
    _S(DISPLAY_PROSPECTING, "google_ads", "demo-us", "Display", "Display", "USD", 140.0,
       (_AG("In-Market Camping", 0.6, 0.55, 0.004, 2.2),
        _AG("Custom Intent Hiking", 0.4, 0.6, 0.0035, 2.0)), "/collections/new-arrivals"),
    _S("Display | Remarketing | Cart Abandoners", "google_ads", "demo-us", "Display", "Display",
       "USD", 80.0, (_AG("Cart Abandoners 30d", 1.0, 0.45, 0.006, 3.5),), "/collections/sale",
       stop=0.62, paused=True),
    _S("Display | Test | Native Partners", "google_ads", "demo-us", "Display", "Display", "USD",
       70.0, (_AG("Native Outdoor Publishers", 1.0, 0.5, 0.003, 1.8),),
       "/blog/how-to-choose-a-tent", launch=0.45, stop=0.58),
    _S("YouTube | Awareness | Trail Stories", "google_ads", "demo-us", "Video", "Video", "USD",
       190.0, (_AG("In-Stream Outdoor Enthusiasts", 0.6, 2.4, 0.0025, 2.0, 0.28),
               _AG("Bumper Adventure Seekers", 0.4, 3.0, 0.0015, 1.6, 0.05)), "/", paused=True),
    _S("Meta | Prospecting | Broad US", "meta_ads", "demo-us", "Paid Social", "Conversions", "USD",
       310.0, (_AG("Advantage+ Broad", 0.6, 0.85, 0.011, 1.8, 0.15),
               _AG("Lookalike Purchasers 1%", 0.4, 0.95, 0.012, 1.7, 0.12)),
       "/collections/new-arrivals"),
    _S("Meta | Retargeting | Site Visitors", "meta_ads", "demo-us", "Paid Social", "Conversions",
       "USD", 100.0, (_AG("Website Visitors 14d", 1.0, 0.7, 0.016, 3.0, 0.1),),
       "/collections/sale"),
    _S("Meta | Prospecting | DACH", "meta_ads", "demo-eu", "Paid Social", "Conversions", "EUR",
       140.0, (_AG("Broad DE AT CH", 0.7, 0.75, 0.012, 1.9, 0.14),
               _AG("Interests Hiking DE", 0.3, 0.8, 0.011, 1.8, 0.13)), "/de", geo="eu"),
    _S("TikTok | Prospecting | Spark Ads", "tiktok_ads", "demo-us", "Paid Social", "Conversions",
       "USD", 120.0, (_AG("Spark Ads Creators", 0.7, 0.55, 0.008, 1.6, 0.3),
                      _AG("In-Feed Gen Z", 0.3, 0.5, 0.007, 1.5, 0.28)),
       "/collections/new-arrivals", launch=0.35),
    _S("LinkedIn | B2B | Team Outfitting", "linkedin_ads", "demo-b2b", "Paid Social",
       "Lead Generation", "USD", 110.0,
       (_AG("HR & Facilities Managers", 0.55, 6.5, 0.0045, 1.9, None, 0.06),
        _AG("Outdoor Education Orgs", 0.45, 5.8, 0.005, 1.7, None, 0.07)),
       "/business", purpose="b2b"),
    _S("Search | B2B | Corporate Outerwear", "google_ads", "demo-us", "Paid Search", "Search",
       "USD", 65.0, (_AG("Corporate Outerwear", 1.0, 3.2, 0.035, None, None, 0.045),),
       "/business", purpose="b2b"),
    _S("Search | Seasonal | Black Friday {year}", "google_ads", "demo-us", "Paid Search", "Search",
       "USD", 330.0, (_AG("Deals Keywords", 1.0, 1.6, 0.06),), "/collections/sale",
       window=_black_friday(10, 1)),
    _S("Bing | Seasonal | Black Friday {year}", "microsoft_ads", "demo-us", "Paid Search",
       "Search", "USD", 90.0, (_AG("Deals Keywords", 1.0, 1.1, 0.05),), "/collections/sale",
       window=_black_friday(7)),
    _S("Meta | Promo | Black Friday {year}", "meta_ads", "demo-us", "Paid Social", "Conversions",
       "USD", 650.0, (_AG("BF Broad", 0.7, 0.9, 0.013, 1.9, 0.12),
                      _AG("BF Retargeting", 0.3, 0.75, 0.018, 3.2, 0.1)),
       "/collections/sale", window=_black_friday(7)),
    _S("Meta | Promo | Black Friday DACH {year}", "meta_ads", "demo-eu", "Paid Social",
       "Conversions", "EUR", 190.0, (_AG("BF Broad DE", 1.0, 0.8, 0.013, 1.9, 0.12),),
       "/de/sale", geo="eu", window=_black_friday(5)),
    _S("Display | Promo | Holiday Gifting {year}", "google_ads", "demo-us", "Display", "Display",
       "USD", 170.0, (_AG("Gift Shoppers", 1.0, 0.6, 0.0045, 2.4),), "/gift-guide",
       window=_fixed(12, 1, 12, 20)),
    _S("YouTube | Seasonal | Holiday Gift Guide {year}", "google_ads", "demo-us", "Video", "Video",
       "USD", 250.0, (_AG("Gift Guide In-Stream", 1.0, 2.6, 0.002, 2.1, 0.26),), "/gift-guide",
       window=_gift_video),
    _S("YouTube | Seasonal | Winter Ski Launch {year}", "google_ads", "demo-us", "Video", "Video",
       "USD", 170.0, (_AG("Ski Enthusiasts", 1.0, 2.5, 0.0022, 1.9, 0.27),), "/collections/ski",
       window=_fixed(10, 15, 11, 15)),
    _S("Meta | Seasonal | Spring Hiking {year}", "meta_ads", "demo-us", "Paid Social",
       "Conversions", "USD", 200.0, (_AG("Hikers Broad", 0.6, 0.8, 0.012, 1.8, 0.14),
                                     _AG("Trail Runners", 0.4, 0.85, 0.011, 1.7, 0.13)),
       "/collections/hiking", window=_fixed(3, 15, 4, 30)),
    _S("Search | Seasonal | Summer Camping {year}", "google_ads", "demo-us", "Paid Search",
       "Search", "USD", 160.0, (_AG("Camping Checklist", 1.0, 1.2, 0.05),), "/collections/tents",
       window=_fixed(5, 15, 7, 31)),
    _S("TikTok | Seasonal | Summer Adventures {year}", "tiktok_ads", "demo-us", "Paid Social",
       "Conversions", "USD", 140.0, (_AG("Adventure Creators", 1.0, 0.5, 0.008, 1.6, 0.3),),
       "/collections/new-arrivals", window=_fixed(6, 1, 7, 31)),
    _S("Meta | Promo | Summer Sale {year}", "meta_ads", "demo-us", "Paid Social", "Conversions",
       "USD", 280.0, (_AG("Summer Sale Broad", 1.0, 0.8, 0.014, 1.9, 0.1),), "/collections/sale",
       window=_fixed(7, 6, 7, 19)),
    _S("Display | Seasonal | Back to Campus {year}", "google_ads", "demo-us", "Display", "Display",
       "USD", 110.0, (_AG("Students Outdoor", 1.0, 0.5, 0.004, 2.0),), "/collections/backpacks",
       window=_fixed(8, 1, 8, 31)),
    _S("LinkedIn | B2B | Q1 Planning Push {year}", "linkedin_ads", "demo-b2b", "Paid Social",
       "Lead Generation", "USD", 130.0,
       (_AG("Procurement Leads", 1.0, 6.8, 0.0042, 1.8, None, 0.065),), "/business",
       purpose="b2b", window=_fixed(1, 10, 2, 28)),
)
# fmt: on
"""Campaign templates; about 40 concrete campaigns result from a two-year window."""

_ID_DIGITS = {
    "google_ads": 10,
    "microsoft_ads": 9,
    "meta_ads": 18,
    "tiktok_ads": 19,
    "linkedin_ads": 9,
}


def _campaign_id(rng: np.random.Generator, platform: str, taken: set[str]) -> str:
    """A platform-looking numeric campaign id, unique within the world."""
    digits = _ID_DIGITS[platform]
    while True:
        head = str(int(rng.integers(1, 10)))
        tail = "".join(str(int(d)) for d in rng.integers(0, 10, digits - 1))
        cid = head + tail
        if cid not in taken:
            taken.add(cid)
            return cid


def build_campaigns(calendar: Calendar, rng: np.random.Generator) -> tuple[Campaign, ...]:
    """Concrete campaigns with flights clipped to the window, ordered by start day and name."""
    days = calendar.days
    first_year = calendar.date_of(0).year
    last_year = calendar.date_of(days - 1).year
    found: list[tuple[int, str, CampaignSpec, int, float]] = []
    for spec in CATALOGUE:
        if spec.window is None:
            first = round(spec.launch * days)
            last = days - 1 if spec.stop >= 1.0 else round(spec.stop * days)
            found.append((first, spec.name, spec, last, spec.daily_budget))
            continue
        for year in range(first_year - 1, last_year + 1):
            start, end = spec.window(year)
            first = max(0, calendar.index_of(start))
            last = min(days - 1, calendar.index_of(end))
            if last - first >= 2:
                growth = 1.08 ** (year - first_year)
                budget = round(spec.daily_budget * growth, 0)
                found.append((first, spec.name.format(year=year), spec, last, budget))
    found.sort(key=lambda f: (f[0], f[1]))
    taken: set[str] = set()
    return tuple(
        Campaign(_campaign_id(rng, spec.platform, taken), name, spec, first, last, budget)
        for first, name, spec, last, budget in found
    )


def campaign_truth(calendar: Calendar, campaigns: tuple[Campaign, ...]) -> list[dict[str, object]]:
    """The `campaigns` list of truth.json."""
    return [
        {
            "campaign": c.name,
            "campaign_id": c.campaign_id,
            "platform": c.spec.platform,
            "account": c.spec.account,
            "channel": c.spec.channel,
            "campaign_type": c.spec.campaign_type,
            "purpose": c.spec.purpose,
            "currency": c.spec.currency,
            "start": calendar.date_of(c.first).isoformat(),
            "end": calendar.date_of(c.last).isoformat(),
            "daily_budget": c.daily_budget,
            "always_on": c.always_on,
        }
        for c in campaigns
    ]
