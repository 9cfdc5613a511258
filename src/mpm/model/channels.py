"""The conformed `channel` dimension: GA4-style default grouping rules as data, plus overrides.

Rules come from `data/channel_grouping.yml`; a workspace may put ordered rules in its own
`channels.yml`, which are tried before the defaults (first match wins).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from mpm.errors import UserError

DEFAULTS = Path(__file__).parent / "data" / "channel_grouping.yml"
FIELDS = ("source", "medium", "campaign", "platform", "campaign_type")


@dataclass(frozen=True)
class ChannelRule:
    """`channel` applies when any of the condition sets matches (all conditions of a set)."""

    channel: str
    conditions: tuple[tuple[tuple[str, str], ...], ...]


@dataclass(frozen=True)
class ChannelGrouping:
    channels: tuple[str, ...]
    aliases: dict[str, str]
    rules: tuple[ChannelRule, ...]

    def conform(self, label: str | None) -> str | None:
        """The conformed channel for a label a file carries, or None when unknown."""
        if label is None:
            return None
        key = label.strip().lower()
        if key in self.aliases:
            return self.aliases[key]
        for name in self.channels:
            if name.lower() == key:
                return name
        return None


def _rules(raw: list[dict[str, Any]], origin: str) -> list[ChannelRule]:
    rules = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or "channel" not in item:
            raise UserError(f"{origin}: rule {index} needs a 'channel'")
        sets = item.get("any") or [item.get("when", {})]
        conditions = []
        for cond in sets:
            unknown = set(cond) - set(FIELDS)
            if unknown:
                raise UserError(
                    f"{origin}: rule {index} uses unknown field(s) {', '.join(sorted(unknown))}; "
                    f"fields are {', '.join(FIELDS)}"
                )
            conditions.append(tuple(sorted((k, str(v)) for k, v in cond.items())))
        rules.append(ChannelRule(str(item["channel"]), tuple(conditions)))
    return rules


@cache
def _default_document() -> dict[str, Any]:
    return yaml.safe_load(DEFAULTS.read_text(encoding="utf-8"))


def load_grouping(workspace_file: Path | None = None) -> ChannelGrouping:
    """Default rules, preceded by a workspace's own ordered rules when its file exists."""
    doc = _default_document()
    rules = _rules(doc["rules"], str(DEFAULTS.name))
    channels = list(doc["channels"])
    aliases = {str(k).lower(): str(v) for k, v in doc["aliases"].items()}
    if workspace_file is not None and workspace_file.exists():
        try:
            custom = yaml.safe_load(workspace_file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise UserError(f"{workspace_file}: not valid YAML: {exc}") from exc
        rules = _rules(custom.get("rules", []), str(workspace_file)) + rules
        for name in custom.get("channels", []):
            if name not in channels:
                channels.append(str(name))
        aliases.update({str(k).lower(): str(v) for k, v in custom.get("aliases", {}).items()})
        for rule in rules:
            if rule.channel not in channels:
                channels.append(rule.channel)
    return ChannelGrouping(tuple(channels), aliases, tuple(rules))
