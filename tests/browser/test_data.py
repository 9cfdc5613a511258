"""In chromium: an analyst uploads a broken export on the data page and sees each problem by
row and column with nothing loaded; then uploads the good export and sees its load report,
the table's new row count and the load at the top of the history."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Locator, Page, expect

from mpm.app.pages.formatting import kpi_value
from tests.app.conftest import Server
from tests.app.test_pages_data import GOOGLE_ADS, broken_export, load_ids, row_counts
from tests.browser.conftest import PHONE, allow_status, check_accessibility, screenshot, sign_in


def texts(rows: Locator) -> list[list[str]]:
    """The cells of table rows as text."""
    return [[c.strip() for c in row.locator("th, td").all_inner_texts()] for row in rows.all()]


def upload(page: Page, path: Path) -> None:
    form = page.get_by_role("region", name="Upload a file")
    form.get_by_label("File", exact=True).set_input_files(path)
    form.get_by_role("button", name="Upload and load").click()


def test_a_broken_file_is_refused_by_row_and_column_then_a_good_one_loads(
    page: Page, server: Server, tmp_path: Path
) -> None:
    counts, loads = row_counts(server, "acme"), load_ids(server, "acme")
    sign_in(page, server, "analyst")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Data").click()
    expect(page.get_by_role("heading", level=1, name="Data")).to_be_visible()
    tables = page.get_by_role("region", name="Tables").locator("tbody tr")
    history = page.get_by_role("region", name="Load history").locator("tbody tr")
    expect(history).to_have_count(len(loads))
    tables_before = texts(tables)
    ads = tables.filter(has=page.get_by_role("rowheader", name=re.compile("^ad_performance")))
    expect(ads.get_by_role("cell").first).to_have_text(
        kpi_value(counts["ad_performance"], "count", "USD")
    )

    allow_status(page, 422)  # the refused file comes back with its problems as 422
    upload(page, broken_export(tmp_path))
    problems = page.get_by_role("region", name="campaigns broken.csv was not loaded")
    expect(problems.get_by_role("alert")).to_contain_text("Nothing was loaded.")
    expect(problems.get_by_role("alert")).to_contain_text("2 problems were found")
    expect(problems.get_by_role("columnheader")).to_have_text(
        ["File", "Row", "Column", "Problem", "Value"]
    )
    assert texts(problems.locator("tbody tr")) == [
        ["campaigns broken.csv", "5", "Day", "not a valid date", "2025-13-45"],
        ["campaigns broken.csv", "8", "Cost", "not an amount", "lots"],
    ]
    expect(page.get_by_role("region", name="Upload a file")).to_be_visible()  # to try again
    assert texts(tables) == tables_before
    expect(history).to_have_count(len(loads))
    assert row_counts(server, "acme") == counts
    assert load_ids(server, "acme") == loads
    screenshot(page, "data-errors")
    check_accessibility(page)

    upload(page, GOOGLE_ADS)
    expect(page).to_have_url(re.compile(r"/w/acme/data\?loaded=\d+&skipped=5#report$"))
    new_loads = load_ids(server, "acme")
    assert len(new_loads) == len(loads) + 1
    added = row_counts(server, "acme")["ad_performance"] - counts["ad_performance"]
    assert added > 0
    report = page.get_by_role("region", name=f"Loaded {GOOGLE_ADS.name}")
    expect(report.get_by_role("status")).to_contain_text(f"{GOOGLE_ADS.name} is in ad_performance")
    figures = {
        term: report.locator("dt", has_text=term).locator("xpath=following-sibling::dd")
        for term in ("Rows added", "Rows skipped", "Table")
    }
    expect(figures["Rows added"]).to_have_text(kpi_value(added, "count", "USD"))
    expect(figures["Rows skipped"]).to_have_text("5")  # the export's totals rows
    expect(figures["Table"]).to_have_text("ad_performance")
    expect(ads.get_by_role("cell").first).to_have_text(
        kpi_value(counts["ad_performance"] + added, "count", "USD")
    )
    expect(history).to_have_count(len(loads) + 1)
    latest = history.first
    expect(latest).to_contain_text(GOOGLE_ADS.name)
    expect(latest.locator(".badge")).to_have_text("loaded")
    expect(latest.get_by_role("cell").nth(1)).to_have_text(kpi_value(added, "count", "USD"))
    check_accessibility(page)
    page.evaluate("window.scrollTo(0, 0)")  # the page opened at #report: photograph it whole
    screenshot(page, "data")
    page.set_viewport_size(PHONE)  # the report's long file name wraps on a phone
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
