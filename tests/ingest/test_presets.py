"""Platform presets on exports in their real layouts: detection, hand-checked totals, idempotent
re-import, and refusal of exports that are not broken down by day.

Samples live in tests/data/exports (made for these tests, totals computed by hand in the comments
of each case) and /work/shared/data/exports (the reference layouts; their unsegmented files must
be refused).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest

from mpm.config import Settings
from mpm.errors import IngestError
from mpm.ingest import IngestOptions, LoadReport, ingest_file, list_loads
from mpm.ingest.presets import PRESETS, any_preset_header, detect_preset
from mpm.ingest.readers import FileLayout, inspect_file
from mpm.model.tables import TABLES, LoadMode
from mpm.store import ensure_workspace, session_scope, update_workspace

DATA = Path(__file__).resolve().parents[1] / "data" / "exports"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "exports"
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} is not available")


@pytest.fixture
def home_settings(tmp_path: Path) -> Settings:
    """An installation of its own for each test."""
    return Settings(home=tmp_path)


def query(settings: Settings, sql: str) -> list[tuple]:
    path = settings.workspace_dir("default") / "warehouse.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def scalar(settings: Settings, sql: str) -> object:
    return query(settings, sql)[0][0]


def with_eur_rate(settings: Settings) -> None:
    """fx_rates: 1 EUR = 1.25 USD from 2025-08-29 on."""
    ingest_file(
        DATA / "fx_rates_eur_usd.csv", options=IngestOptions(table="fx_rates"), settings=settings
    )


def in_new_york(settings: Settings) -> None:
    with session_scope(settings.app_database_url) as session:
        ensure_workspace(session, "default")
        update_workspace(session, "default", timezone="America/New_York")


@dataclass(frozen=True)
class Case:
    file: str
    preset: str
    table: str
    rows: int
    skipped: int
    totals: dict[str, object]  # SQL aggregate → hand-computed value
    days: tuple[str, str]  # first and last day of the table's date column
    channels: tuple[str, ...]
    currencies: tuple[str, ...] = ("USD",)
    prepare: Callable[[Settings], None] | None = field(default=None, compare=False)

    @property
    def path(self) -> Path:
        return DATA / self.file

    def __str__(self) -> str:
        return self.file


CASES = [
    Case(
        file="google_ads_campaign_report_by_day.csv",  # 7 rows on 2 days
        preset="google_ads_campaign",
        table="ad_performance",
        rows=7,
        skipped=5,  # Total: Campaigns / Account / Search / Performance Max / Display
        totals={
            # 91.50 + 349.74 + 440.00 + 87.42 + 361.05 + 430.50 + 0.00
            "sum(spend)": Decimal("1760.21"),
            # "1,204" + "9,870" + "41,200" + "1,187" + "10,012" + "39,950" + 0
            "sum(impressions)": 103423,
            "sum(clicks)": 1825,  # 150 + 402 + 366 + 141 + 415 + 351 + 0
            "sum(conversions)": 92.0,  # 14 + 20 + 11.5 + 13 + 21.5 + 12 + 0
            # "1,120.50" + "2,004.00" + 980.25 + "1,005.00" + "2,150.75" + "1,002.00" + 0
            "sum(conversion_value)": Decimal("8262.50"),
        },
        days=("2025-09-01", "2025-09-02"),
        channels=("Cross-network", "Display", "Paid Search"),
    ),
    Case(
        # "Excel .csv": UTF-16LE with BOM, tab-separated, Currency code twice
        file="google_ads_ad_group_report_by_day_excel.csv",
        preset="google_ads_ad_group",
        table="ad_performance",
        rows=4,
        skipped=3,
        totals={
            "sum(spend)": Decimal("719.18"),  # 172.90 + 185.64 + 167.44 + 193.20
            "sum(impressions)": 19362,  # 4120 + 5560 + 3980 + 5702
            "sum(clicks)": 825,  # 190 + 221 + 184 + 230
            "sum(conversions)": 42.0,  # 10 + 10.6 + 9 + 12.4
            "string_agg(DISTINCT ad_group, '|' ORDER BY ad_group)": "Road shoes|Trail shoes",
        },
        days=("2025-09-01", "2025-09-02"),
        channels=("Paid Search",),
    ),
    Case(
        # current layout broken down by day; summary row first; Amount spent (EUR)
        file="meta_ads_report_by_day.csv",
        preset="meta_ads",
        table="ad_performance",
        rows=7,
        skipped=1,
        totals={
            "sum(spend)": Decimal("441.37"),  # 113.42 + 51 + 60 + 117.95 + 49 + 50 + 0
            "sum(spend_base)": Decimal("551.7125"),  # × 1.25
            "sum(impressions)": 37450,  # 11820 + 3050 + 6900 + 11230 + 2950 + 1500 + 0
            "sum(clicks)": 822,  # Link clicks: 241 + 88 + 150 + 229 + 84 + 30 + 0
            "sum(reach)": 17610,  # 5210 + 1200 + 4100 + 5020 + 1180 + 900 + 0
            # purchases only: 9 + 5 + 11 + 4; not link clicks (150) nor conversations (12)
            "sum(conversions)": 29.0,
            "count(conversions)": 4,
            "sum(conversion_value)": Decimal("1530"),  # 540 + 310 + 680
        },
        days=("2025-09-01", "2025-09-02"),
        channels=("Paid Social",),
        currencies=("EUR",),
        prepare=with_eur_rate,
    ),
    Case(
        # legacy layout: Reporting starts/ends first, Result indicator, one day per row
        file="meta_ads_manager_export_legacy_by_day.csv",
        preset="meta_ads_legacy",
        table="ad_performance",
        rows=5,
        skipped=0,
        totals={
            "sum(spend)": Decimal("263.80"),  # 88.90 + 31.00 + 30.00 + 88.90 + 25.00
            "sum(impressions)": 31512,  # 9812 + 3044 + 7781 + 9655 + 1220
            "sum(reach)": 14553,  # 4021 + 812 + 5120 + 3990 + 610
            "sum(conversions)": 20.0,  # purchases 6 + 3 + 7, lead 4; not link_click 170
        },
        days=("2025-09-01", "2025-09-02"),
        channels=("Paid Social",),
    ),
    *(
        Case(
            # preamble + blank line; M/D/YYYY days that are all <= 12 (9/2 is September 2)
            file=name,
            preset="linkedin_ads",
            table="ad_performance",
            rows=6,
            skipped=0,
            totals={
                # 82.41 + 14.02 + 1204.50 + 79.90 + 13.55 + 1150.25
                "sum(spend)": Decimal("2544.63"),
                "sum(impressions)": 109680,  # 3210 + 655 + 52300 + 3044 + 601 + 49870
                "sum(clicks)": 317,  # 19 + 6 + 140 + 17 + 4 + 131
                "sum(conversions)": 3.0,  # 1 + 2
                "sum(conversion_value)": Decimal("730"),  # 250 + 480
                "string_agg(DISTINCT account, '|')": "Demo Co",
            },
            days=("2025-09-01", "2025-09-02"),
            channels=("Paid Social",),
        )
        for name in (
            "linkedin_campaign_performance_daily.csv",
            "linkedin_campaign_performance_daily_utf16.csv",  # UTF-16LE, tab-separated
        )
    ),
    Case(
        # BOM, 9 quoted preamble lines, every cell quoted, "1,310", © footer after a blank line
        file="microsoft_ads_campaign_report_daily.csv",
        preset="microsoft_ads",
        table="ad_performance",
        rows=5,
        skipped=0,
        totals={
            "sum(spend)": Decimal("670.50"),  # 103.87 + 210.90 + 35.20 + 98.40 + 222.13
            "sum(impressions)": 43573,  # 1310 + 9120 + 22400 + 1255 + 9488
            "sum(clicks)": 879,  # 221 + 190 + 64 + 205 + 199
            "sum(conversions)": 56.0,  # 20 + 8 + 1 + 18 + 9
            "sum(conversion_value)": Decimal("3700.50"),  # 1200 + 640 + 80 + 1080 + 700.50
        },
        days=("2025-10-01", "2025-10-02"),
        channels=("Display", "Paid Search"),  # the Audience campaign is Display
    ),
    Case(
        # API (PascalCase) names, tab-separated, unquoted preamble, © footer
        file="microsoft_ads_api_campaign_report_daily.tsv",
        preset="microsoft_ads",
        table="ad_performance",
        rows=2,
        skipped=0,
        totals={
            "sum(spend)": Decimal("323.55"),  # 95.10 + 228.45
            "sum(impressions)": 10541,  # 1201 + 9340
            "sum(clicks)": 404,  # 199 + 205
            "sum(conversions)": 27.0,  # 17 + 10
            "sum(conversion_value)": Decimal("1800.25"),  # 1010.00 + 790.25
        },
        days=("2025-10-03", "2025-10-03"),
        channels=("Paid Search",),
    ),
    Case(
        # "Total of 5 results" row first; percent strings
        file="tiktok_ads_campaign_report_by_day.csv",
        preset="tiktok_ads",
        table="ad_performance",
        rows=5,
        skipped=1,
        totals={
            "sum(spend)": Decimal("389.42"),  # 130.25 + 128.90 + 65.00 + 65.27 + 0
            "sum(impressions)": 187330,  # 41020 + 40110 + 52400 + 53800 + 0
            "sum(clicks)": 1047,  # 402 + 395 + 120 + 130 + 0
            "sum(conversions)": 28.0,  # 15 + 13
        },
        days=("2025-10-01", "2025-10-02"),
        channels=("Paid Social",),
    ),
    Case(
        # '#' preamble, Date as secondary dimension (YYYYMMDD)
        file="ga4_traffic_acquisition_by_date.csv",
        preset="ga4_traffic_acquisition",
        table="web_traffic",
        rows=7,
        skipped=0,
        totals={
            "sum(sessions)": 794,  # 190 + 200 + 120 + 110 + 90 + 80 + 4
            "sum(users)": 608,  # 140 + 150 + 95 + 90 + 70 + 60 + 3
            "sum(engaged_sessions)": 484,  # 120 + 130 + 60 + 55 + 63 + 56 + 0
            "sum(bounces)": 310,  # 794 - 484
            # 58.5*190 + 60*200 + 41.25*120 + 40*110 + 62.5*90 + 63.75*80 + 0*4
            "sum(engagement_seconds)": 43190.0,
            "sum(conversions)": 18.0,  # 3 + 5 + 2 + 1 + 3 + 4 + 0
            "sum(revenue)": Decimal("1435.25"),  # 210.5 + 402 + 99 + 45.5 + 290 + 388.25 + 0
            "string_agg(DISTINCT account, '|')": "demo-company.example - GA4",
        },
        days=("2025-09-01", "2025-09-02"),
        channels=("Direct", "Organic Search", "Other", "Paid Search"),  # Unassigned is Other
    ),
    Case(
        # one-day report (day from the preamble), primary channel group, source / medium,
        # Key events, a Grand total row
        file="ga4_traffic_acquisition_one_day.csv",
        preset="ga4_traffic_acquisition",
        table="web_traffic",
        rows=4,
        skipped=1,
        totals={
            "sum(sessions)": 402,  # 190 + 100 + 60 + 52
            "sum(users)": 310,  # Active users: 150 + 80 + 40 + 40
            "sum(new_users)": 140,  # 70 + 30 + 10 + 30
            "sum(engaged_sessions)": 251,  # 130 + 70 + 35 + 16
            "sum(bounces)": 151,  # 402 - 251
            "sum(engagement_seconds)": 20523.0,  # 60*190 + 45.5*100 + 50*60 + 30.25*52
            "sum(conversions)": 12.0,  # 5 + 6 + 1 + 0
            "sum(revenue)": Decimal("815.75"),  # 300 + 480.75 + 35 + 0
            "string_agg(source || ' ' || medium, '|' ORDER BY source, medium)": (
                "(direct) (none)|google cpc|google organic|newsletter email"
            ),
        },
        days=("2025-09-15", "2025-09-15"),
        channels=("Direct", "Email", "Organic Search", "Paid Search"),
    ),
    Case(
        # Audience (newer name), n/a analytics, percent strings, 12-hour Send Date in the
        # account's time zone (the workspace is set to America/New_York)
        file="mailchimp_campaign_reports.csv",
        preset="mailchimp_campaigns",
        table="email_campaigns",
        rows=3,
        skipped=0,
        totals={
            "sum(sent)": 10385,  # 5120 + 5133 + 132
            "sum(delivered)": 10281,  # 5061 + 5090 + 130
            "sum(bounced)": 104,  # 59 + 43 + 2
            "sum(unique_opens)": 3842,  # 2050 + 1712 + 80
            "sum(unique_clicks)": 396,  # 240 + 131 + 25
            "sum(unsubscribes)": 28,  # 11 + 17 + 0
            "sum(complaints)": 3,  # 2 + 1 + 0
            "sum(conversions)": 23.0,  # 15 + 7 + 1
            "sum(revenue)": Decimal("2184.70"),  # 1480.20 + 655.50 + 49.00
        },
        days=("2025-10-01", "2025-10-20"),
        channels=("Email",),
        prepare=in_new_york,
    ),
    Case(
        # Original Source as internal values (PAID_SEARCH, ...), UTF-8 BOM
        file="hubspot_contacts_internal_values.csv",
        preset="hubspot_contacts",
        table="leads",
        rows=6,
        skipped=0,
        totals={
            "count(mql_at)": 3,
            "count(sql_at)": 2,
            "count(opportunity_at)": 2,
            "count(won_at)": 1,
            "count(email)": 6,
        },
        days=("2025-09-01", "2025-09-21"),
        channels=("Direct", "Email", "Organic Social", "Other", "Paid Search", "Referral"),
    ),
    Case(
        # deals as leads keyed deal-<Record ID>; Amount in company currency preferred
        file="hubspot_deals_multi_currency.csv",
        preset="hubspot_deals",
        table="leads",
        rows=4,
        skipped=0,
        totals={
            "sum(deal_value)": Decimal("17700.50"),  # 12000 + 4500.50 + 1200 + empty
            "count(won_at)": 1,
            "count(lost_at)": 1,
            "count(opportunity_at)": 4,
            "count(email)": 3,
        },
        days=("2025-09-08", "2025-09-22"),
        channels=("Other",),
    ),
    Case(
        # one row per line item, multi-line quoted Notes with "" escapes, Note Attributes
        # with UTMs, '-prefixed zips, refunds and a voided order
        file="shopify_orders_export_1.csv",
        preset="shopify_orders",
        table="orders",
        rows=5,
        skipped=3,  # the line items after each order's first
        totals={
            # 150.00 + (42.00 - 42.00, refund capped) + (120.00 - 30.00) + 0 (voided) + 75.50
            "sum(revenue)": Decimal("315.50"),
            "count(customer_id)": 3,
            "count(gross_margin)": 0,
            "count(is_first_order)": 0,
        },
        days=("2025-09-29", "2025-10-03"),
        channels=("Email", "Other", "Paid Search"),
    ),
]


def ingest(path: Path, settings: Settings, options: IngestOptions | None = None) -> LoadReport:
    return ingest_file(path, options=options or IngestOptions(), settings=settings)


@pytest.mark.parametrize("case", CASES, ids=str)
def test_preset_is_detected_and_totals_match_hand_computed_values(
    case: Case, home_settings: Settings
) -> None:
    if case.prepare:
        case.prepare(home_settings)
    report = ingest(case.path, home_settings)

    assert report.preset == case.preset
    assert report.table == case.table
    assert (report.rows, report.inserted, report.skipped) == (case.rows, case.rows, case.skipped)
    table = TABLES[case.table]
    assert scalar(home_settings, f"SELECT count(*) FROM {case.table}") == case.rows
    for aggregate, expected in case.totals.items():
        assert scalar(home_settings, f"SELECT {aggregate} FROM {case.table}") == expected, aggregate
    day = f"CAST({table.date_column} AS DATE)::VARCHAR"
    assert query(home_settings, f"SELECT min({day}), max({day}) FROM {case.table}")[0] == case.days
    channels = query(home_settings, f"SELECT DISTINCT channel FROM {case.table} ORDER BY 1")
    assert tuple(c for (c,) in channels) == case.channels
    if table.has_currency:
        currencies = query(home_settings, f"SELECT DISTINCT currency FROM {case.table}")
        assert tuple(c for (c,) in currencies) == case.currencies


@pytest.mark.parametrize("case", CASES, ids=str)
def test_reimporting_the_same_export_replaces_its_rows(case: Case, home_settings: Settings) -> None:
    if case.prepare:
        case.prepare(home_settings)
    ingest(case.path, home_settings)
    again = ingest(case.path, home_settings)

    assert (again.inserted, again.replaced, again.deleted) == (0, case.rows, 0)
    assert scalar(home_settings, f"SELECT count(*) FROM {case.table}") == case.rows


def test_linkedin_utf16_tab_export_loads_the_same_rows_as_the_csv(
    home_settings: Settings, tmp_path: Path
) -> None:
    columns = "date, campaign_id, campaign, campaign_type, spend, impressions, clicks, conversions"
    ingest(DATA / "linkedin_campaign_performance_daily.csv", home_settings)
    from_csv = query(home_settings, f"SELECT {columns} FROM ad_performance ORDER BY ALL")
    other = Settings(home=tmp_path / "other")
    ingest(DATA / "linkedin_campaign_performance_daily_utf16.csv", other)
    assert query(other, f"SELECT {columns} FROM ad_performance ORDER BY ALL") == from_csv


def test_meta_summary_row_is_skipped_and_conversions_come_only_from_conversion_results(
    home_settings: Settings,
) -> None:
    with_eur_rate(home_settings)
    ingest(DATA / "meta_ads_report_by_day.csv", home_settings)
    rows = query(
        home_settings,
        "SELECT date::VARCHAR, campaign, conversions FROM ad_performance "
        "WHERE campaign IN ('Traffic || Blog', 'Messaging || WA', 'Retargeting || Sales, 30d') "
        "ORDER BY ALL",
    )
    assert rows == [
        ("2025-09-01", "Retargeting || Sales, 30d", 5.0),
        ("2025-09-01", "Traffic || Blog", None),
        ("2025-09-02", "Messaging || WA", None),
        ("2025-09-02", "Retargeting || Sales, 30d", 4.0),
    ]
    assert scalar(home_settings, "SELECT count(*) FROM ad_performance WHERE campaign = ''") == 0


def test_mailchimp_send_day_is_the_accounts_day_and_sent_at_is_utc(
    home_settings: Settings,
) -> None:
    in_new_york(home_settings)
    ingest(DATA / "mailchimp_campaign_reports.csv", home_settings)
    rows = query(
        home_settings,
        "SELECT campaign, date::VARCHAR, sent_at::VARCHAR, email_list FROM email_campaigns "
        "ORDER BY sent_at",
    )
    assert rows == [
        ("October Newsletter", "2025-10-01", "2025-10-01 13:00:00", "Main Audience"),
        ("Flash sale", "2025-10-14", "2025-10-15 03:30:00", "Main Audience"),
        ("Welcome series - email 1", "2025-10-20", "2025-10-20 10:05:00", "New Subscribers"),
    ]


def test_hubspot_contacts_conform_internal_source_values_to_channels(
    home_settings: Settings,
) -> None:
    ingest(DATA / "hubspot_contacts_internal_values.csv", home_settings)
    rows = query(
        home_settings,
        "SELECT lead_id, channel, source, campaign FROM leads ORDER BY lead_id",
    )
    assert rows == [
        ("61230000201", "Paid Search", "google", "autumn-brand"),
        ("61230000202", "Organic Social", "Facebook", None),
        ("61230000203", "Other", "IMPORT", "trade-show-sept.csv"),
        ("61230000204", "Email", "newsletter", "sept-digest"),
        ("61230000205", "Referral", "chatgpt.com", None),
        ("61230000206", "Direct", None, None),
    ]


def test_hubspot_deals_become_leads_with_stage_dates_and_contact_email(
    home_settings: Settings,
) -> None:
    ingest(DATA / "hubspot_deals_multi_currency.csv", home_settings)
    rows = query(
        home_settings,
        "SELECT lead_id, opportunity_at::VARCHAR, won_at::VARCHAR, lost_at::VARCHAR, "
        "deal_value::DOUBLE, email FROM leads ORDER BY lead_id",
    )
    assert rows == [
        (
            "deal-42230000301",
            "2025-09-08 09:00:00",
            "2025-09-20 12:00:00",
            None,
            12000.0,
            "eva.marsh@example.com",
        ),
        ("deal-42230000302", "2025-09-18 10:00:00", None, None, 4500.5, "hugo.ward@example.com"),
        (
            "deal-42230000303",
            "2025-09-15 16:40:00",
            None,
            "2025-09-25 09:00:00",
            1200.0,
            "finn.hale@example.org",
        ),
        ("deal-42230000304", "2025-09-22 10:30:00", None, None, None, None),
    ]


def test_shopify_keeps_each_orders_first_row_with_utc_time_and_utm_tags(
    home_settings: Settings,
) -> None:
    ingest(DATA / "shopify_orders_export_1.csv", home_settings)
    rows = query(
        home_settings,
        "SELECT order_id, customer_id, ordered_at::VARCHAR, revenue::DOUBLE, source, medium, "
        "campaign FROM orders ORDER BY order_id",
    )
    assert rows == [
        ("#1300", None, "2025-09-29 14:00:00", 75.5, None, None, None),
        ("#1301", "kim.lee@example.com", "2025-09-30 03:59:59", 0.0, None, None, None),
        (
            "#1302",
            "sam.roe@example.com",
            "2025-09-30 12:01:39",
            90.0,
            "newsletter",
            "email",
            "sept-digest",
        ),
        ("#1303", None, "2025-10-01 21:44:51", 0.0, None, None, None),
        (
            "#1304",
            "eva.marsh@example.com",
            "2025-10-03 04:30:00",
            150.0,
            "google",
            "cpc",
            "autumn-brand",
        ),
    ]


SHARED_DAILY = [
    # (file, preset, rows, SQL aggregate, hand total)
    # 82.41 + 14.02 + 79.90 + 13.55
    (
        "linkedin_campaign_performance_report.csv",
        "linkedin_ads",
        4,
        "sum(spend)",
        Decimal("189.88"),
    ),
    # 1204 + 8931 + 1177 + 9402
    ("microsoft_ads_campaign_report.csv", "microsoft_ads", 4, "sum(impressions)", 20714),
    # 120.45 + 118.02 + 45.00 + 0.00
    ("tiktok_ads_campaign_report.csv", "tiktok_ads", 4, "sum(spend)", Decimal("283.47")),
    # 4210 + 4233 + 118 + 4250
    ("mailchimp_campaign_report.csv", "mailchimp_campaigns", 4, "sum(sent)", 12811),
    ("hubspot_contacts_export.csv", "hubspot_contacts", 4, "count(won_at)", 1),
    # 12000 + 4500.5 + empty
    ("hubspot_deals_export.csv", "hubspot_deals", 3, "sum(deal_value)", Decimal("16500.5")),
    # 58 + 171 + (42 - 42, refund capped)
    ("shopify_orders_export.csv", "shopify_orders", 3, "sum(revenue)", Decimal("229")),
]


@needs_shared
@pytest.mark.parametrize(("name", "preset", "rows", "aggregate", "total"), SHARED_DAILY)
def test_reference_exports_with_days_load(
    name: str, preset: str, rows: int, aggregate: str, total: object, home_settings: Settings
) -> None:
    report = ingest(SHARED / name, home_settings)
    assert (report.preset, report.rows) == (preset, rows)
    assert scalar(home_settings, f"SELECT {aggregate} FROM {report.table}") == total


NOT_BY_DAY = [
    ("google_ads_campaign_report.csv", "Segment › Time › Day"),
    ("google_ads_campaign_report_en_gb.csv", "Segment › Time › Day"),
    ("google_ads_ad_group_report.csv", "Segment › Time › Day"),
    ("meta_ads_report.csv", "Breakdown › By Time › Day"),
    ("meta_ads_manager_export_legacy.csv", "Breakdown › By Time › Day"),
    ("ga4_traffic_acquisition.csv", "add Date as a secondary dimension"),
]


def assert_nothing_written(settings: Settings) -> None:
    assert list_loads(settings=settings) == []
    if (settings.workspace_dir("default") / "warehouse.duckdb").exists():
        for name in TABLES:
            assert scalar(settings, f"SELECT count(*) FROM {name}") == 0, name


@needs_shared
@pytest.mark.parametrize(("name", "hint"), NOT_BY_DAY)
def test_reference_exports_without_days_are_refused_with_the_way_to_export_by_day(
    name: str, hint: str, home_settings: Settings
) -> None:
    with pytest.raises(IngestError) as caught:
        ingest(SHARED / name, home_settings)
    assert hint in str(caught.value)
    assert_nothing_written(home_settings)


def test_microsoft_summary_report_over_a_month_is_refused(home_settings: Settings) -> None:
    with pytest.raises(IngestError, match="Report Aggregation: Daily"):
        ingest(DATA / "microsoft_ads_campaign_report_summary.csv", home_settings)
    assert_nothing_written(home_settings)


def test_meta_rows_spanning_several_days_are_refused_row_by_row(
    home_settings: Settings, tmp_path: Path
) -> None:
    text = (DATA / "meta_ads_manager_export_legacy_by_day.csv").read_text()
    path = tmp_path / "one_week.csv"
    path.write_text(text.replace("2025-09-01,2025-09-01,Traffic", "2025-09-01,2025-09-07,Traffic"))
    with pytest.raises(IngestError) as caught:
        ingest(path, home_settings)
    [problem] = caught.value.problems
    assert (problem.row, problem.column, problem.value) == (4, "Reporting ends", "2025-09-07")
    assert "Breakdown › By Time › Day" in problem.message
    assert_nothing_written(home_settings)


def sample_files() -> list[Path]:
    mine = [p for p in sorted(DATA.iterdir()) if not p.name.startswith("fx_rates")]
    shared = sorted(SHARED.glob("*.csv")) if SHARED.is_dir() else []
    return mine + shared


@pytest.mark.parametrize("path", sample_files(), ids=lambda p: p.name)
def test_exactly_one_preset_matches_each_sample_export(path: Path) -> None:
    layout = inspect_file(path, header=any_preset_header)
    matching = [p.name for p in PRESETS.values() if p.matches(layout.columns)]
    assert len(matching) == 1, matching
    detected = detect_preset(layout.columns)
    assert detected is not None and detected.name == matching[0]


def test_a_signature_cell_may_name_alternatives() -> None:
    preset = PRESETS["microsoft_ads"]
    assert preset.matches(["CampaignName", "Spend", "Impressions", "Clicks"])
    assert preset.matches(["Campaign name", "Spend", "Impressions", "Clicks"])
    assert not preset.matches(["Campaign", "Spend", "Impressions", "Clicks"])


def test_every_preset_says_what_to_download_and_platform_facts_say_how_by_day() -> None:
    for preset in PRESETS.values():
        assert preset.description, preset.name
        columns = tuple(cell.split("|")[0] for cell in preset.signature)
        mapping = preset.build(FileLayout(path=Path("export.csv"), format="csv", columns=columns))
        assert mapping.preset == preset.name and mapping.table == preset.table
        if TABLES[preset.table].mode is LoadMode.PARTITION:
            assert mapping.day_hint, preset.name


def test_a_truncated_last_row_is_not_mistaken_for_a_footer(
    home_settings: Settings, tmp_path: Path
) -> None:
    path = tmp_path / "cut.csv"
    path.write_text("date,campaign,spend\n2025-09-01,A,1.00\n2025-09-02\n")
    with pytest.raises(IngestError, match="fields"):
        ingest(path, home_settings, IngestOptions(table="ad_performance", source_name="t"))
