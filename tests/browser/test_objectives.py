"""In chromium: an editor adds an objective through the form — the SMART check's weaknesses
are said next to their fields first — lands on its page with the status, the chance of
reaching it and the chart the goals layer computes, and finds it in the list."""

from __future__ import annotations

import re
from datetime import date, timedelta

from playwright.sync_api import Page, expect

from mpm import auth, metrics
from mpm.app.pages.formatting import kpi_value
from mpm.services import planning
from tests.app.conftest import Server
from tests.browser.conftest import allow_status, check_accessibility, screenshot, sign_in

NAME = "Browser: 13-week revenue push"


def revenue_between(server: Server, start: date, end: date) -> float:
    with server.warehouses.using():
        frame = metrics.query(
            "revenue", start=start, end=end, workspace="acme", settings=server.settings
        )
    return float(frame["revenue"].iloc[0])


def test_an_objective_is_checked_saved_and_shown_with_status_chance_and_chart(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "editor")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Objectives").click()
    expect(page.get_by_role("heading", level=1, name="Objectives")).to_be_visible()
    page.get_by_role("link", name="New objective").click()
    expect(page.get_by_role("heading", level=1, name="New objective")).to_be_visible()
    screenshot(page, "objective-new")
    check_accessibility(page)

    # a period under way (a third of it gone) with a full period of demo data before it
    start = date.today() - timedelta(days=30)
    end = start + timedelta(days=90)
    page.get_by_label("Name").fill(NAME)
    page.get_by_label("KPI").select_option("revenue")
    page.get_by_label("Target", exact=True).fill("1000000000")
    page.get_by_label("From").fill(start.isoformat())
    page.get_by_label("To", exact=True).fill(end.isoformat())
    allow_status(page, 422)  # the form comes back with the weaknesses as 422
    page.get_by_role("button", name="Check and save").click()

    expect(page.get_by_role("alert")).to_contain_text("This objective is not SMART yet.")
    expect(page.locator("#goal-warning-1")).to_have_text("No business goal.")
    expect(page.get_by_label("Business goal")).to_have_accessible_description("No business goal.")
    expect(page.get_by_label("Owner")).to_have_accessible_description(
        "No owner: name who is accountable."
    )
    expect(page.get_by_label("Target", exact=True)).to_have_accessible_description(
        re.compile(r"^The target 1,000,000,000 is [\d.]+× the best comparable period")
    )
    expect(page.get_by_label("Name")).to_have_value(NAME)  # the draft is kept
    expect(page.get_by_role("button", name="Keep it with these weaknesses")).to_be_visible()
    check_accessibility(page)

    # the weaknesses fixed: a goal, an owner and a target the period before makes plausible
    # (and that a third of the period cannot have reached yet)
    days = (end - start).days + 1
    before = revenue_between(server, start - timedelta(days=days), start - timedelta(days=1))
    target = round(before * 1.2)
    page.get_by_label("Business goal").select_option("revenue_growth")
    page.get_by_label("Owner").fill(server.emails["editor"])
    page.get_by_label("Target", exact=True).fill(str(target))
    page.get_by_role("button", name="Check and save").click()

    expect(page).to_have_url(re.compile(r"/w/acme/objectives/\d+\?created=1$"))
    objective_id = int(page.url.rsplit("/", 1)[1].split("?")[0])
    expect(page.get_by_role("status")).to_have_text(
        "The objective is saved. mpm tracks it from now on."
    )
    with server.warehouses.using():
        progress = planning.objective_progress(
            auth.local_principal(), "acme", objective_id, settings=server.settings
        )
    assert progress.status in ("on_track", "at_risk", "off_track")  # under way, not reached
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text(NAME)
    expect(heading.locator(".badge")).to_have_text(progress.status.replace("_", " "))
    assert progress.probability is not None
    chance = page.locator(".tile").filter(has_text="Chance of reaching it")
    expect(chance.locator(".tile-value")).to_have_text(f"{progress.probability * 100:.0f}%")
    target_tile = page.locator(".tile").filter(has_text="Target to date")
    expect(target_tile.locator(".tile-change")).to_have_text(
        f"of {kpi_value(target, 'currency', 'USD')}"
    )
    chart = page.locator(".chart[data-spec='objective-spec']")
    expect(chart).to_have_attribute("data-drawn", "1")
    expect(chart.locator("svg").first).to_be_visible()
    expect(page.get_by_role("heading", name="SMART check")).to_have_count(0)  # none left
    screenshot(page, "objective-detail")
    check_accessibility(page)

    page.get_by_role("main").get_by_role("link", name="Objectives").click()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=NAME))
    expect(row).to_have_count(1)
    expect(row.locator(".badge")).to_have_text(progress.status.replace("_", " "))
    expect(row.get_by_role("cell").nth(1)).to_have_text(f"{progress.probability * 100:.0f}%")
    screenshot(page, "objectives")
    check_accessibility(page)
