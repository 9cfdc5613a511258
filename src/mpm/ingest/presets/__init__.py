"""Presets for the exports people actually download, in their real layouts and quirks."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches

from mpm.errors import UserError
from mpm.ingest.presets.base import Preset
from mpm.ingest.presets.ga4 import GA4_TRAFFIC_ACQUISITION
from mpm.ingest.presets.google_ads import GOOGLE_ADS_AD_GROUP, GOOGLE_ADS_CAMPAIGN
from mpm.ingest.presets.hubspot import HUBSPOT_CONTACTS, HUBSPOT_DEALS
from mpm.ingest.presets.linkedin_ads import LINKEDIN_ADS
from mpm.ingest.presets.mailchimp import MAILCHIMP_CAMPAIGNS
from mpm.ingest.presets.meta_ads import META_ADS, META_ADS_LEGACY
from mpm.ingest.presets.microsoft_ads import MICROSOFT_ADS
from mpm.ingest.presets.shopify import SHOPIFY_ORDERS
from mpm.ingest.presets.tiktok_ads import TIKTOK_ADS

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        GOOGLE_ADS_AD_GROUP,
        GOOGLE_ADS_CAMPAIGN,
        META_ADS,
        META_ADS_LEGACY,
        LINKEDIN_ADS,
        MICROSOFT_ADS,
        TIKTOK_ADS,
        GA4_TRAFFIC_ACQUISITION,
        MAILCHIMP_CAMPAIGNS,
        HUBSPOT_CONTACTS,
        HUBSPOT_DEALS,
        SHOPIFY_ORDERS,
    )
}


def get_preset(name: str) -> Preset:
    if name in PRESETS:
        return PRESETS[name]
    close = get_close_matches(name, PRESETS, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UserError(f"unknown preset {name!r}{hint} (presets: {', '.join(sorted(PRESETS))})")


def detect_preset(cells: Sequence[str]) -> Preset | None:
    """The preset whose signature the header matches, the most specific first."""
    matching = [p for p in PRESETS.values() if p.matches(cells)]
    return max(matching, key=lambda p: len(p.signature), default=None)


def any_preset_header(cells: Sequence[str]) -> bool:
    return detect_preset(cells) is not None


__all__ = ["PRESETS", "Preset", "any_preset_header", "detect_preset", "get_preset"]
