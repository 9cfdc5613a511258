"""In chromium: the campaigns & activities list with quick status changes made in place (the
page does not reload), a cancellation that asks for its reason in the row, the calendar with
its chart and month grids, and one campaign's page; each passes axe and is photographed."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mpm import plans
from tests.app.conftest import Server
from tests.browser.conftest import allow_status, check_accessibility, screenshot, sign_in


def test_an_activity_is_done_in_place_and_a_cancellation_asks_why(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "editor")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Campaigns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Campaigns & activities")
    screenshot(page, "campaigns")
    check_accessibility(page)

    task = next(
        a for a in plans.list_activities(open_only=True, workspace="acme", settings=server.settings)
    )
    row = page.locator(f"#activity-{task.id}")
    page.evaluate("window.__notReloaded = true")
    row.get_by_label(f"Status of {task.title}").select_option("done")
    row.get_by_role("button", name="Save").click()
    expect(page.locator(f"#activity-{task.id} .badge").first).to_have_text("done")
    assert page.evaluate("window.__notReloaded === true")  # swapped in place by htmx

    campaign = next(
        c
        for c in plans.list_campaigns(workspace="acme", settings=server.settings)
        if c.status in ("planned", "live")
    )
    allow_status(page, 422)  # the row comes back with its error as 422
    row = page.locator(f"#campaign-{campaign.id}")
    row.get_by_label(f"Status of {campaign.name}").select_option("cancelled")
    row.get_by_role("button", name="Save").click()
    reason = page.get_by_label(f"Reason for {campaign.name}")
    expect(reason).to_be_visible()
    expect(page.locator(f"#campaign-error-{campaign.id}")).to_contain_text("needs a reason")
    check_accessibility(page)
    reason.fill("The budget went to search")
    page.locator(f"#campaign-{campaign.id}").get_by_role("button", name="Save").click()
    expect(page.locator(f"#campaign-{campaign.id} .status-cancelled")).to_be_visible()
    assert page.evaluate("window.__notReloaded === true")
    saved = plans.get_campaign(campaign.name, workspace="acme", settings=server.settings)
    assert saved.status == "cancelled"


def test_the_calendar_draws_flights_and_lists_the_days(page: Page, server: Server) -> None:
    sign_in(page, server, "viewer")
    page.goto(f"{server.url}/w/acme/campaigns?view=calendar")
    expect(page.get_by_role("link", name="Calendar")).to_have_attribute("aria-current", "page")
    expect(page.locator(".chart[data-drawn='1'] svg").first).to_be_visible()
    expect(page.locator(".month-grid")).to_have_count(3)
    expect(page.locator("[aria-current='date']")).to_have_count(1)  # today, marked
    screenshot(page, "campaigns-calendar")
    check_accessibility(page)
    page.get_by_role("link", name="Later →").click()
    expect(page).to_have_url(re.compile(r"month=\d{4}-\d{2}"))
    expect(page.locator(".month-grid")).to_have_count(3)


def test_a_campaigns_page_shows_spend_against_budget(page: Page, server: Server) -> None:
    sign_in(page, server, "editor")
    live = next(
        c
        for c in plans.list_campaigns(workspace="acme", settings=server.settings)
        if c.status == "live"
    )
    page.goto(f"{server.url}/w/acme/campaigns")
    page.get_by_role("link", name=live.name).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(live.name)
    expect(page.locator(".tile").filter(has_text="Pacing").locator(".tile-value")).to_have_text(
        re.compile(r"\d+%|—")
    )
    expect(page.get_by_role("heading", name="Change the campaign")).to_be_visible()
    screenshot(page, "campaign-detail")
    check_accessibility(page)
