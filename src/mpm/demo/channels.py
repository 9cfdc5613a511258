"""Conformed channels of the demo world and the UTM source/medium each one arrives with."""

from __future__ import annotations

CHANNELS: tuple[str, ...] = (
    "Paid Search",
    "Paid Social",
    "Display",
    "Video",
    "Email",
    "Organic Search",
    "Organic Social",
    "Referral",
    "Affiliates",
    "Direct",
    "Other",
)
"""Every conformed channel (GA4 default channel group names) in a fixed order."""

PAID_CHANNELS: tuple[str, ...] = CHANNELS[:4]
"""Channels bought through ad platforms; their spend drives orders through adstock + Hill."""

CHANNEL_INDEX: dict[str, int] = {name: i for i, name in enumerate(CHANNELS)}

SOURCE_MEDIUM: dict[str, tuple[str, str]] = {
    "Paid Search": ("google", "cpc"),
    "Paid Social": ("facebook", "paid_social"),
    "Display": ("google", "display"),
    "Video": ("youtube", "cpv"),
    "Email": ("newsletter", "email"),
    "Organic Search": ("google", "organic"),
    "Organic Social": ("instagram", "social"),
    "Referral": ("trailforum.example", "referral"),
    "Affiliates": ("awin", "affiliate"),
    "Direct": ("(direct)", "(none)"),
    "Other": ("qr-code", "print"),
}
"""Default UTM source/medium of a channel, chosen so GA4's default rules give that channel."""

PLATFORM_SOURCE: dict[str, str] = {
    "google_ads": "google",
    "microsoft_ads": "bing",
    "meta_ads": "facebook",
    "tiktok_ads": "tiktok",
    "linkedin_ads": "linkedin",
}
"""UTM source of traffic bought on an ad platform (YouTube overrides google for Video)."""


def source_medium(platform: str, channel: str) -> tuple[str, str]:
    """UTM source and medium of a paid campaign's clicks, consistent with GA4 grouping."""
    _, medium = SOURCE_MEDIUM[channel]
    source = "youtube" if channel == "Video" else PLATFORM_SOURCE.get(platform, "other")
    return source, medium


ORGANIC_SOURCES: dict[str, tuple[tuple[str, ...], tuple[float, ...]]] = {
    "Organic Search": (("google", "bing"), (0.88, 0.12)),
    "Organic Social": (
        ("instagram", "facebook", "tiktok", "youtube", "linkedin"),
        (0.38, 0.27, 0.2, 0.1, 0.05),
    ),
    "Referral": (("trailforum.example", "gearreview.example"), (0.52, 0.48)),
    "Affiliates": (("awin", "skimlinks"), (0.65, 0.35)),
    "Direct": (("(direct)",), (1.0,)),
    "Other": (("qr-code",), (1.0,)),
    "Email": (("newsletter",), (1.0,)),
}
"""UTM sources (with shares) of traffic and orders in channels not bought on an ad platform."""
