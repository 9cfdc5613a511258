"""In chromium: the sign-in page, a wrong password in words, the overview of a workspace with
its KPI tiles and objectives, the dark theme, the workspace switcher and the user menu, the
password page and signing out; each page passes axe and is photographed for the docs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlalchemy import select

from mpm import auth
from mpm.app.pages.overview import TILES
from mpm.auth import Role
from mpm.store import session_scope
from mpm.store.models import WorkspaceRow
from tests.app.conftest import PASSWORD, Server
from tests.browser.conftest import allow_status, check_accessibility, screenshot, sign_in

TRAVELLER = "traveller@example.com"  # a viewer of acme and an analyst of other


@pytest.fixture(scope="module")
def traveller(server: Server) -> str:
    with session_scope(server.settings.app_database_url) as s:
        user = auth.add_user(s, TRAVELLER, password=PASSWORD)
        for slug, role in [("acme", Role.VIEWER), ("other", Role.ANALYST)]:
            workspace = s.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
            assert workspace is not None
            auth.set_membership(s, user.id, workspace.id, role)
    server.emails["traveller"] = TRAVELLER
    return "traveller"


def test_sign_in_page_has_a_labelled_form_and_passes_axe(page: Page, server: Server) -> None:
    page.goto(f"{server.url}/login")
    expect(page).to_have_title("Sign in · mpm")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_label("E-mail")).to_be_focused()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "password")
    expect(page.get_by_role("button", name="Sign in")).to_be_enabled()
    screenshot(page, "login")
    check_accessibility(page)


def test_a_wrong_password_is_told_in_words_and_keeps_the_e_mail(page: Page, server: Server) -> None:
    allow_status(page, 401)  # the form comes back with its error as 401 Unauthorized
    page.goto(f"{server.url}/login")
    page.get_by_label("E-mail").fill(server.emails["viewer"])
    page.get_by_label("Password", exact=True).fill("not the passphrase")
    page.get_by_role("button", name="Sign in").click()
    alert = page.get_by_role("alert")
    expect(alert).to_have_text(re.compile(r"wrong e-mail or password", re.IGNORECASE))
    expect(page).to_have_url(f"{server.url}/login")
    expect(page.get_by_label("E-mail")).to_have_value(server.emails["viewer"])
    expect(page.get_by_label("E-mail")).to_have_attribute("aria-describedby", "login-error")
    expect(page.get_by_label("Password", exact=True)).to_be_focused()
    check_accessibility(page)


def test_owner_sees_the_overview_with_kpi_tiles_and_objectives(page: Page, server: Server) -> None:
    sign_in(page, server, "owner")
    expect(page).to_have_url(f"{server.url}/w/acme/")
    expect(
        page.get_by_role("navigation", name="Workspace").get_by_role("link", name="Overview")
    ).to_have_attribute("aria-current", "page")
    tiles = page.locator(".tiles > .tile")
    expect(tiles).to_have_count(len(TILES))
    for label in ("Spend", "Revenue", "ROAS"):
        tile = tiles.filter(has_text=label).first
        expect(tile.locator(".tile-value")).to_have_text(re.compile(r"\d"))
        expect(tile.locator(".tile-change")).to_contain_text("against the previous period")
    objectives = page.get_by_role("region", name="Objectives")
    expect(objectives.get_by_role("columnheader", name="Status")).to_be_visible()
    assert objectives.locator("tbody tr").count() >= 1
    expect(objectives.locator("tbody tr").first.locator(".badge")).to_have_text(
        re.compile(r"on track|at risk|off track", re.IGNORECASE)
    )
    expect(page.get_by_role("heading", name="Needs attention first")).to_be_visible()
    screenshot(page, "overview")
    check_accessibility(page)


def test_the_theme_toggle_switches_to_dark_and_back_and_is_remembered(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "analyst")
    html = page.locator("html")
    toggle = page.get_by_role("button", name="Switch between light and dark theme")
    light_background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(html).to_have_attribute("data-theme", "dark")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") != light_background
    check_accessibility(page)  # contrast in the dark theme too
    page.reload()
    expect(html).to_have_attribute("data-theme", "dark")
    toggle.click()
    expect(html).to_have_attribute("data-theme", "light")
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == light_background


def test_the_workspace_switcher_lists_mine_and_switches(
    page: Page, server: Server, traveller: str
) -> None:
    sign_in(page, server, traveller)
    switcher = page.locator("details.switcher")
    expect(switcher.locator("summary")).to_contain_text("acme")
    expect(switcher.locator(".badge-role")).to_have_text("viewer")
    choices = switcher.get_by_role("link")
    expect(choices).to_have_count(0)  # closed
    switcher.locator("summary").click()
    expect(choices).to_have_count(2)
    expect(choices.filter(has_text="acme")).to_have_attribute("aria-current", "true")
    choices.filter(has_text="other").click()
    expect(page).to_have_url(f"{server.url}/w/other/")
    expect(switcher.locator(".badge-role")).to_have_text("analyst")
    expect(page.get_by_role("heading", level=1, name="Overview")).to_be_visible()


def test_the_user_menu_offers_the_password_docs_and_sign_out(page: Page, server: Server) -> None:
    sign_in(page, server, "editor")
    menu = page.locator("summary").filter(has_text=f"Account of {server.emails['editor']}")
    expect(page.get_by_role("link", name="Change password")).to_be_hidden()
    menu.click()
    expect(page.get_by_role("link", name="Change password")).to_be_visible()
    expect(page.get_by_role("link", name="API documentation")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    page.keyboard.press("Escape")
    menu.click()  # a second click closes it again
    expect(page.get_by_role("link", name="Change password")).to_be_hidden()


def test_the_password_page_explains_a_wrong_current_password(page: Page, server: Server) -> None:
    sign_in(page, server, "viewer")
    page.locator("summary").filter(has_text=f"Account of {server.emails['viewer']}").click()
    page.get_by_role("link", name="Change password").click()
    expect(page).to_have_url(f"{server.url}/account/password")
    expect(page.get_by_role("heading", level=1)).to_have_text("Change password")
    screenshot(page, "password")
    check_accessibility(page)
    allow_status(page, 422)  # the form comes back with its errors as 422
    page.get_by_label("Current password").fill("not the passphrase")
    page.get_by_label("New password", exact=True).fill("another long passphrase")
    page.get_by_label("New password again").fill("another long passphrase")
    page.get_by_role("button", name="Change password").click()
    current = page.get_by_label("Current password")
    expect(current).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#current_password-error")).to_have_text(
        "This is not your current password."
    )
    check_accessibility(page)
    page.goto(f"{server.url}/w/acme/")  # still signed in with the old password
    expect(page.get_by_role("heading", level=1, name="Overview")).to_be_visible()


def test_signing_out_returns_to_sign_in_and_the_overview_then_asks_for_it(
    page: Page, server: Server
) -> None:
    sign_in(page, server, "owner")
    page.locator("summary").filter(has_text=f"Account of {server.emails['owner']}").click()
    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(f"{server.url}/login?signed_out=1")
    expect(page.get_by_role("status")).to_have_text("You are signed out.")
    page.goto(f"{server.url}/w/acme/")
    expect(page).to_have_url(f"{server.url}/login?next=%2Fw%2Facme%2F")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    assert not [c for c in page.context.cookies() if c["name"] == "mpm_session"]
