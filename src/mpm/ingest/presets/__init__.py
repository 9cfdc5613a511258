"""Presets for the exports people actually download, in their real layouts and quirks."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches

from mpm.errors import UserError
from mpm.ingest.presets.base import Preset
from mpm.ingest.presets.google_ads import GOOGLE_ADS_AD_GROUP, GOOGLE_ADS_CAMPAIGN

PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        GOOGLE_ADS_AD_GROUP,
        GOOGLE_ADS_CAMPAIGN,
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
