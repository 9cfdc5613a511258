"""In chromium at a phone's width (390 px): no page is wider than the screen — wide tables
scroll inside their card, charts redraw to the width they have, also after the window
narrows from a desktop's width."""

from __future__ import annotations

from contextlib import suppress

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.app.conftest import Server
from tests.browser.conftest import DESKTOP, PHONE, sign_in

PAGES = [
    "",
    "explore?kpi=revenue&by=channel&grain=month",
    "objectives",
    "objectives/new",
    "plans",
    "data",
    "settings",
    "settings/members",
    "settings/tokens",
    "settings/channels",
    "settings/metrics",
]


FITS = "width => document.documentElement.scrollWidth <= width"


def page_width(page: Page) -> int:
    return int(page.evaluate("() => document.documentElement.scrollWidth"))


@pytest.mark.parametrize("viewport", ["phone", "narrowed"])
def test_no_page_is_wider_than_a_phone(page: Page, server: Server, viewport: str) -> None:
    sign_in(page, server, "owner")
    if viewport == "phone":
        page.set_viewport_size(PHONE)
    for path in PAGES:
        page.goto(f"{server.url}/w/acme/{path}")
        for chart in page.locator(".chart[data-spec]").all():
            expect(chart).to_have_attribute("data-drawn", "1")
        if viewport == "narrowed":  # drawn at a desktop's width, then the window narrows
            page.set_viewport_size(PHONE)
            with suppress(PlaywrightTimeoutError):  # charts redraw on the resize; else said below
                page.wait_for_function(FITS, arg=PHONE["width"], timeout=3000)
        assert page_width(page) <= PHONE["width"], f"/w/acme/{path} is wider than a phone"
        if viewport == "narrowed":
            page.set_viewport_size(DESKTOP)
