"""The KPI catalog: built-ins are valid and complete; user YAML is checked with file and line
(unknown columns, unknown KPIs, cycles, unit mismatches) and user KPIs can be queried."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpm.metrics import CatalogError, check, load_catalog
from mpm.metrics.formula import FormulaError, parse
from mpm.metrics.reference import kpis_markdown
from tests.helpers import ROOT

METHODS_NAMES = [
    "spend",
    "impressions",
    "clicks",
    "conversions",
    "reach",
    "ctr",
    "cpc",
    "cpm",
    "conversion_rate",
    "cpa",
    "platform_roas",
    "revenue",
    "orders",
    "new_customers",
    "aov",
    "roas",
    "marketing_cost",
    "roi",
    "roi_margin",
    "leads",
    "mqls",
    "sqls",
    "opportunities",
    "won",
    "cpl",
    "lead_to_mql_rate",
    "mql_to_sql_rate",
    "sql_to_won_rate",
    "lead_to_won_rate",
    "cac",
    "cac_media",
    "sessions",
    "users",
    "pageviews",
    "pageviews_per_session",
    "revenue_per_session",
    "bounce_rate",
    "engagement_rate",
    "avg_engagement_time",
    "web_conversion_rate",
    "email_delivery_rate",
    "email_open_rate",
    "email_click_rate",
    "email_click_to_open_rate",
    "email_unsubscribe_rate",
    "email_complaint_rate",
    "social_engagement_rate",
    "follower_growth",
]


def test_built_ins_cover_the_methods_table_and_pass_the_check() -> None:
    catalog = load_catalog()
    assert not set(METHODS_NAMES) - set(catalog.kpis)
    assert check(catalog) == []
    assert not {"clv", "clv_cac", "payback_months"} & set(catalog.kpis)


def write(folder: Path, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "mine.yml"
    path.write_text(text)
    return path


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        (
            "kpis:\n  - name: x\n    unit: count\n"
            "    measure: {table: ad_performance, column: clikcs}\n",
            "mine.yml:2: x: ad_performance has no column 'clikcs'; did you mean clicks",
        ),
        (
            "kpis:\n  - name: a\n    formula: b / clicks\n  - name: b\n    formula: a * 2\n",
            "formula refers to itself (a → b → a)",
        ),
        (
            "kpis:\n  - name: cost_per_view\n    unit: ratio\n    formula: spend / video_views\n",
            "mine.yml:2: cost_per_view: unit ratio does not fit the formula (currency^1)",
        ),
        (
            "kpis:\n  - name: mix\n    unit: currency\n    formula: spend + clicks\n",
            "mine.yml:2: mix: formula adds or subtracts KPIs of different units",
        ),
        (
            "kpis:\n  - name: y\n    formula: spend / clickz\n",
            "unknown KPI 'clickz' in formula; did you mean clicks",
        ),
        ("kpis:\n  - name: z\n    unit: dollars\n    formula: spend\n", "mine.yml:2: z: 'dollars'"),
        ("kpis:\n  - name: w\n    formula: __import__('os')\n", "is not allowed"),
    ],
)
def test_bad_user_kpis_are_reported_with_file_and_line(
    tmp_path: Path, yaml_text: str, message: str
) -> None:
    folder = tmp_path / "metrics"
    write(folder, yaml_text)
    with pytest.raises(CatalogError) as caught:
        load_catalog(folder)
    assert message in str(caught.value)


def test_formulas_are_parsed_not_evaluated() -> None:
    for bad in ("spend.__class__", "open('x')", "[1]", "lambda: 1", "spend ** 2"):
        with pytest.raises(FormulaError):
            parse(bad)
    assert parse("(revenue - marketing_cost) / marketing_cost").names == (
        "revenue",
        "marketing_cost",
    )


def test_a_user_kpi_is_queried_like_a_built_in(mpm, home: Path) -> None:
    mpm("demo", "--days", "60", "--no-plans", check=True)
    write(
        home / "workspaces" / "default" / "metrics",
        "kpis:\n"
        "  - name: cost_per_view\n    label: Cost per video view\n    unit: currency\n"
        "    direction: lower\n    formula: spend / video_views\n"
        "  - name: brand_spend\n    unit: currency\n    direction: none\n"
        "    measure: {table: ad_performance, agg: sum, column: spend_base,"
        " filter: \"campaign_type == 'Search' and campaign != ''\"}\n",
    )
    assert "2 file" not in mpm("metrics", "check", check=True).stdout
    got = json.loads(
        mpm(
            "kpi", "cost_per_view,spend,video_views,brand_spend", "--format", "json", check=True
        ).stdout
    )[0]
    assert got["cost_per_view"] == pytest.approx(got["spend"] / got["video_views"], rel=1e-9)
    assert 0 < got["brand_spend"] <= got["spend"]
    shown = json.loads(
        mpm("metrics", "show", "cost_per_view", "--format", "json", check=True).stdout
    )
    assert shown["definition"] == "spend / video_views" and shown["origin"].endswith("mine.yml:2")


def test_metrics_check_lists_every_problem_and_fails(mpm, home: Path) -> None:
    write(
        home / "workspaces" / "default" / "metrics",
        "kpis:\n  - name: a\n    formula: nope / clicks\n  - name: b\n    unit: ratio\n"
        "    formula: spend / clicks\n",
    )
    result = mpm("metrics", "check")
    assert result.returncode == 1
    assert "mine.yml:2: a: unknown KPI 'nope'" in result.stderr
    assert "mine.yml:4: b: unit ratio" in result.stderr


def test_kpi_doc_lists_the_current_catalog() -> None:
    text = (ROOT / "docs" / "kpis.md").read_text(encoding="utf-8")
    assert kpis_markdown() in text, "run `python -m mpm.metrics.reference` to refresh the doc"
