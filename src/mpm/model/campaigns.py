"""Campaign mapping across sources: by platform id, or by naming-convention rules (YAML).

A workspace's `campaigns.yml` holds ordered rules; the first that matches a row renames its
campaign, so "Spring Sale || TOF" in Meta and "spring_sale" in UTM tags both become "Spring Sale".

    rules:
      - {campaign_id: "710000001", campaign: "Ops leaders"}
      - {platform: meta_ads, match: '^(.+?) \\|\\|.*$', campaign: '\\1'}
      - {match: '^spring[_ -]sale', campaign: 'Spring Sale'}
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from mpm.errors import UserError


@dataclass(frozen=True)
class CampaignRule:
    campaign: str  # the canonical name; may use \1 ... groups of `match`
    match: str | None = None  # regular expression on the campaign name as the source gave it
    campaign_id: str | None = None
    platform: str | None = None


def load_campaign_rules(path: Path) -> tuple[CampaignRule, ...]:
    if not path.exists():
        return ()
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise UserError(f"{path}: not valid YAML: {exc}") from exc
    rules = []
    for index, item in enumerate(doc.get("rules", []), start=1):
        if not isinstance(item, dict) or "campaign" not in item:
            raise UserError(f"{path}: rule {index} needs a 'campaign'")
        if "match" not in item and "campaign_id" not in item:
            raise UserError(f"{path}: rule {index} needs 'match' or 'campaign_id'")
        unknown = set(item) - {"campaign", "match", "campaign_id", "platform"}
        if unknown:
            raise UserError(f"{path}: rule {index} has unknown key(s) {', '.join(sorted(unknown))}")
        rules.append(
            CampaignRule(
                campaign=str(item["campaign"]),
                match=str(item["match"]) if "match" in item else None,
                campaign_id=str(item["campaign_id"]) if "campaign_id" in item else None,
                platform=str(item["platform"]) if "platform" in item else None,
            )
        )
    return tuple(rules)
