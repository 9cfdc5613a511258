"""In chromium: the owner walks the settings through their own navigation — the workspace's
settings in a form, the members with their roles, the API tokens (a new one shown once, then
revoked), the channel rules and the KPI catalog — each page passing axe and photographed."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from mpm import auth
from mpm.app.pages.settings import SECTIONS
from mpm.services import data, workspaces
from tests.app.conftest import ROLES, Server
from tests.browser.conftest import check_accessibility, screenshot, sign_in

TOKEN = "Browser: nightly export"


def open_section(page: Page, label: str) -> None:
    """Follow a link of the settings' own navigation and see it marked as the current page."""
    nav = page.get_by_role("navigation", name="Settings")
    nav.get_by_role("link", name=label, exact=True).click()
    expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute(
        "aria-current", "page"
    )


def test_the_owner_walks_the_settings_and_a_new_token_is_shown_once(
    page: Page, server: Server
) -> None:
    acme = workspaces.get_workspace(auth.local_principal(), "acme", settings=server.settings)
    sign_in(page, server, "owner")
    page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Settings").click()
    expect(page.get_by_role("heading", level=1, name="Settings")).to_be_visible()
    nav = page.get_by_role("navigation", name="Settings").get_by_role("link")
    expect(nav).to_have_text([label for _, label, _, _ in SECTIONS])
    expect(page.get_by_label("Name")).to_have_value(acme.name)
    expect(page.get_by_label("Base currency")).to_have_value(acme.base_currency)
    expect(page.get_by_label("Time zone")).to_have_value(acme.timezone)
    expect(page.get_by_label("Locale")).to_have_value(acme.locale)
    expect(page.get_by_role("button", name="Save settings")).to_be_enabled()
    screenshot(page, "settings")
    check_accessibility(page)

    open_section(page, "Members")
    members = page.get_by_role("region", name=re.compile("^Members of"))
    for role in ROLES:
        email = server.emails[role]
        row = members.get_by_role("row").filter(has_text=email)
        expect(row.get_by_label(f"Role of {email}")).to_have_value(role)
    expect(page.get_by_role("region", name="Invite someone").get_by_label("E-mail")).to_be_empty()
    screenshot(page, "settings-members")
    check_accessibility(page)

    open_section(page, "API tokens")
    screenshot(page, "settings-tokens")
    check_accessibility(page)
    create = page.get_by_role("region", name="Create a token")
    create.get_by_label("Acts as").select_option(server.emails["analyst"])
    create.get_by_label("Role").select_option("viewer")
    create.get_by_label(re.compile("^Name")).fill(TOKEN)
    create.get_by_role("button", name="Create token").click()
    expect(page.get_by_role("status")).to_have_text(f"Token “{TOKEN}” is created.")
    secret = page.get_by_label(f"API token {TOKEN}")
    expect(secret).to_have_attribute("readonly", "")
    token = secret.input_value()
    assert len(token) > 20
    row = page.get_by_role("row").filter(has=page.get_by_role("rowheader", name=re.compile(TOKEN)))
    expect(row.get_by_role("cell").nth(0)).to_have_text(server.emails["analyst"])
    expect(row.get_by_role("cell").nth(1)).to_have_text("viewer")
    expect(row.locator(".badge")).to_have_text("active")
    check_accessibility(page)
    with server.client(token) as api:  # the secret works, as the viewer it was made for
        assert api.get("/api/v1/workspaces/acme/views").status_code == 200
    row.locator("summary", has_text="Revoke…").click()
    row.get_by_role("button", name="Yes, revoke it").click()
    expect(page.get_by_role("status")).to_have_text(
        f"Token “{TOKEN}” is revoked: it stops working at once."
    )
    expect(page.get_by_label(f"API token {TOKEN}")).to_have_count(0)  # shown once only
    expect(row.locator(".badge")).to_have_text("revoked")
    with server.client(token) as api:
        assert api.get("/api/v1/workspaces/acme/views").status_code == 401

    open_section(page, "Channel rules")
    rules = page.get_by_role("region", name="Channel grouping rules").locator("tbody tr")
    assert rules.count() > 5
    expect(rules.first.get_by_role("cell").first).to_have_text("1")
    screenshot(page, "settings-channels")
    check_accessibility(page)

    open_section(page, "KPI catalog")
    catalog = data.list_metrics(auth.local_principal(), "acme", settings=server.settings)
    region = page.get_by_role("region", name="KPI catalog")
    expect(region.locator("tbody tr")).to_have_count(len(catalog))
    revenue = region.locator("#kpi-revenue")
    expect(revenue.get_by_role("link", name="Revenue")).to_have_attribute(
        "href", "/w/acme/explore?kpi=revenue"
    )
    screenshot(page, "settings-metrics")
    check_accessibility(page)
