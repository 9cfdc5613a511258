"""In chromium: the explore page asked a KPI by channel and month through its form draws the
chart and lists the KPI layer's numbers, its CSV download is that frame, and a saved view
opens the same question for another member in a fresh browser."""

from __future__ import annotations

import csv
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd
import pytest
from playwright.sync_api import ConsoleMessage, Page, expect

from mpm import metrics
from mpm.app.pages.formatting import kpi_value, period
from tests.app.conftest import Server
from tests.browser.conftest import DESKTOP, check_accessibility, screenshot, sign_in

QUESTION = {"kpi": "revenue", "by": "channel", "grain": "month", "range": "last_90_days"}


def kpi_layer(server: Server) -> pd.DataFrame:
    """Revenue by channel and month over the last 90 days, as mpm.metrics.query answers it
    (the page keeps the 7 largest channels and the rest as "other")."""
    with server.warehouses.using():  # the server holds the warehouse: read through its pool
        return metrics.query(
            "revenue",
            by="channel",
            grain="month",
            start="last_90_days",
            end="last_90_days",
            top=7,
            workspace="acme",
            settings=server.settings,
        )


def month(start: object) -> str:
    """A month of the last 90 days as the table writes it: partial when the 90 days (to
    yesterday) cut it."""
    first = pd.Timestamp(str(start)).date()
    last_day = (pd.Timestamp(first) + pd.offsets.MonthEnd(0)).date()
    today = date.today()
    cut = first < today - timedelta(days=90) or last_day > today - timedelta(days=1)
    return period(first, "month") + (" (partial)" if cut else "")


def ask(page: Page, question: dict[str, str]) -> None:
    """Fill the question's fields of the explore form and submit it."""
    form = page.get_by_role("form", name="The question")
    form.get_by_label("KPI", exact=True).select_option(question["kpi"])
    form.get_by_label("Split by").select_option(question["by"])
    form.get_by_label("Over time").select_option(question["grain"])
    form.get_by_label("Dates").select_option(question["range"])
    form.get_by_role("button", name="Show").click()


def table_rows(page: Page) -> list[list[str]]:
    """The result table's body as text, cell by cell."""
    rows = page.get_by_role("region", name=re.compile(r"^Table")).locator("tbody tr")
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()] for row in rows.all()
    ]


def test_a_kpi_by_channel_and_month_shows_the_kpi_layers_chart_table_and_csv(
    page: Page, server: Server, tmp_path: Path
) -> None:
    sign_in(page, server, "analyst")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Explore").click()
    expect(page.get_by_role("heading", level=1, name="Explore")).to_be_visible()
    ask(page, QUESTION)
    expect(page).to_have_url(re.compile(r"\?kpi=revenue&.*by=channel&grain=month&range=last_90"))
    expect(page.get_by_role("heading", level=2, name="Revenue by channel, monthly")).to_be_visible()
    chart = page.locator(".chart[data-spec='explore-spec']")
    expect(chart).to_have_attribute("data-drawn", "1")
    expect(chart.locator("svg").first).to_be_visible()
    expect(chart).to_have_accessible_name("Revenue by channel, monthly, chart")

    frame = kpi_layer(server)
    assert len(frame) > 3
    columns = page.get_by_role("region", name=re.compile(r"^Table")).get_by_role("columnheader")
    expect(columns).to_have_text(["Month", "Channel", "Revenue"])
    assert table_rows(page) == [
        [month(r["period"]), r["channel"], kpi_value(r["revenue"], "currency", "USD")]
        for r in frame.to_dict("records")
    ]
    screenshot(page, "explore")
    check_accessibility(page)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV", exact=True).click()
    assert download.value.suggested_filename == "revenue_by-channel_month.csv"
    saved = tmp_path / "explore.csv"
    download.value.save_as(saved)
    with saved.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == list(frame.columns) == ["period", "channel", "revenue"]
        rows = list(reader)
    assert [(r["period"], r["channel"]) for r in rows] == list(
        zip(frame["period"].astype(str), frame["channel"], strict=True)
    )
    assert [float(r["revenue"]) for r in rows] == pytest.approx(frame["revenue"].tolist())


def test_a_saved_view_opens_the_same_question_in_a_fresh_browser(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "analyst")
    page.goto(f"{server.url}/w/acme/explore")
    ask(page, {"kpi": "spend", "by": "channel", "grain": "week", "range": "last_30_days"})
    expect(page.get_by_role("heading", level=2, name="Spend by channel, weekly")).to_be_visible()
    asked = table_rows(page)
    assert asked

    views = page.get_by_role("complementary", name="Saved views")
    views.get_by_label("Save this question as").fill("Browser: weekly spend by channel")
    views.get_by_role("button", name="Save view").click()
    expect(views.get_by_role("status")).to_have_text("Saved as “Browser: weekly spend by channel”.")
    link = views.get_by_role("link", name="Browser: weekly spend by channel")
    href = link.get_attribute("href")
    assert href and href.startswith("/w/acme/explore?")
    check_accessibility(page)

    browser = page.context.browser
    assert browser is not None
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", locale="en-GB")
    try:
        fresh = context.new_page()
        errors: list[str] = []

        def on_console(message: ConsoleMessage) -> None:
            if message.type == "error":
                errors.append(message.text)

        fresh.on("console", on_console)
        sign_in(fresh, server, "viewer")
        fresh.goto(f"{server.url}{href}")
        form = fresh.get_by_role("form", name="The question")
        expect(form.get_by_label("KPI", exact=True)).to_have_value("spend")
        expect(form.get_by_label("Split by")).to_have_value("channel")
        expect(form.get_by_label("Over time")).to_have_value("week")
        expect(form.get_by_label("Dates")).to_have_value("last_30_days")
        expect(
            fresh.get_by_role("heading", level=2, name="Spend by channel, weekly")
        ).to_be_visible()
        expect(fresh.locator(".chart[data-spec='explore-spec']")).to_have_attribute(
            "data-drawn", "1"
        )
        assert table_rows(fresh) == asked
        # a viewer opens views but neither saves nor deletes them
        expect(fresh.get_by_role("button", name="Save view")).to_have_count(0)
        expect(fresh.get_by_role("button", name=re.compile("^Delete"))).to_have_count(0)
        assert not errors, errors
    finally:
        context.close()
