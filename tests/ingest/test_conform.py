"""Channel grouping (GA4-style defaults, workspace overrides, aliases) and campaign mapping."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpm.config import Settings
from mpm.ingest import IngestOptions, ingest_file
from tests.helpers import query

pytestmark = pytest.mark.usefixtures("both_load_paths")

WEB = IngestOptions(table="web_traffic", source_name="web")
HEADER = "date,source,medium,campaign,sessions"
CASES = [
    ("google", "cpc", "brand", "Paid Search"),
    ("bing", "ppc", "generic", "Paid Search"),
    ("google", "organic", "", "Organic Search"),
    ("duckduckgo", "referral", "", "Organic Search"),
    ("(direct)", "(none)", "", "Direct"),
    ("facebook", "paid_social", "spring", "Paid Social"),
    ("instagram", "social", "", "Organic Social"),
    ("t.co", "referral", "", "Organic Social"),
    ("youtube", "cpv", "launch", "Video"),
    ("youtube", "referral", "", "Video"),
    ("newsletter", "email", "september", "Email"),
    ("awin", "affiliate", "", "Affiliates"),
    ("blog.example", "referral", "", "Referral"),
    ("dv360", "display", "retarget", "Display"),
    ("google", "paidsearch", "cross-network pmax", "Cross-network"),
    ("mystery", "qr", "", "Other"),
]


def web_file(tmp_path: Path, rows: list[tuple[str, str, str, str]]) -> Path:
    path = tmp_path / "web.csv"
    lines = [HEADER] + [f"2025-09-01,{s},{m},{c},1" for s, m, c, _ in rows]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_default_grouping_follows_ga4_rules(settings: Settings, tmp_path: Path) -> None:
    ingest_file(web_file(tmp_path, CASES), options=WEB, settings=settings)
    got = dict(
        ((s, m), ch)
        for s, m, ch in query(settings, "SELECT source, medium, channel FROM web_traffic")
    )
    assert got == {(s, m): ch for s, m, _, ch in CASES}


def test_workspace_rules_come_before_the_defaults(settings: Settings, tmp_path: Path) -> None:
    folder = settings.workspace_dir("default")
    folder.mkdir(parents=True)
    (folder / "channels.yml").write_text(
        "rules:\n  - channel: Partners\n    when: {source: '^awin$'}\n"
    )
    ingest_file(web_file(tmp_path, CASES), options=WEB, settings=settings)
    got = dict(
        query(
            settings,
            "SELECT source, channel FROM web_traffic WHERE source IN ('awin', 'google') "
            "AND medium <> 'organic' AND campaign <> 'cross-network pmax'",
        )
    )
    assert got == {"awin": "Partners", "google": "Paid Search"}


def test_channel_labels_from_the_file_are_conformed(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "ga.csv"
    path.write_text(
        "date,channel,sessions\n2025-09-01,Paid Video,3\n2025-09-01,organic search,4\n"
        "2025-09-01,Unassigned,1\n2025-09-01,Podcasts,2\n"
    )
    report = ingest_file(path, options=WEB, settings=settings)
    got = dict(query(settings, "SELECT channel, sessions FROM web_traffic"))
    assert got == {"Video": 3, "Organic Search": 4, "Other": 1, "Podcasts": 2}
    assert any("Podcasts" in w for w in report.warnings)


def test_campaign_names_are_mapped_across_sources(settings: Settings, tmp_path: Path) -> None:
    folder = settings.workspace_dir("default")
    folder.mkdir(parents=True)
    (folder / "campaigns.yml").write_text(
        "rules:\n"
        "  - {campaign_id: '710000001', campaign: 'Ops leaders'}\n"
        "  - {platform: meta_ads, match: '^(.+?) \\|\\|.*$', campaign: '\\1'}\n"
        "  - {match: '^spring[_ -]?sale', campaign: 'Spring Sale'}\n"
    )
    path = tmp_path / "ads.csv"
    path.write_text(
        "date,platform,campaign_id,campaign,spend\n"
        "2025-09-01,linkedin_ads,710000001,LI - ops leaders v2,1\n"
        "2025-09-01,meta_ads,5,Spring Sale || TOF || CBO,2\n"
        "2025-09-01,google_ads,6,spring_sale_search,3\n"
        "2025-09-01,google_ads,7,Brand,4\n"
    )
    ingest_file(path, options=IngestOptions(table="ad_performance"), settings=settings)
    got = query(settings, "SELECT source_campaign, campaign FROM ad_performance ORDER BY spend")
    assert got == [
        ("LI - ops leaders v2", "Ops leaders"),
        ("Spring Sale || TOF || CBO", "Spring Sale"),
        ("spring_sale_search", "Spring Sale"),
        ("Brand", "Brand"),
    ]
