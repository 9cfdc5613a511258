"""In chromium: an editor moves planned money between two budget lines running today through
the plans page's form; the page confirms it, the table shows both new planned amounts with
the total unchanged, and the move is in the budget decisions with its reason."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import Page, expect

from mpm import auth
from mpm.app.pages.formatting import money
from mpm.plans import BudgetStatus
from mpm.services import planning
from tests.app.conftest import Server
from tests.browser.conftest import check_accessibility, screenshot, sign_in

REASON = "Browser: search converts at half the CPA of social"


def running_lines(server: Server) -> list[BudgetStatus]:
    """The budget lines running today, in the order of the page's table."""
    with server.warehouses.using():
        every = planning.budget_status(auth.local_principal(), "acme", settings=server.settings)
    today = date.today()
    return [s for s in every if s.line.start <= today <= s.line.end]


def test_moving_budget_changes_both_lines_and_logs_the_decision(page: Page, server: Server) -> None:
    before = running_lines(server)
    giver = max(before, key=lambda s: s.available)
    taker = next(s for s in before if s.line.id != giver.line.id)
    assert giver.available > 250

    sign_in(page, server, "editor")
    page.get_by_role("navigation", name="Workspace").get_by_role(
        "link", name="Plans & budgets"
    ).click()
    expect(page.get_by_role("heading", level=1, name="Plans & budgets")).to_be_visible()
    rows = page.get_by_role("region", name="Budget lines").locator("tbody tr")
    expect(rows).to_have_count(len(before))
    planned = page.locator(".tile").filter(has_text="Planned").locator(".tile-value")
    total = money(sum(s.line.planned for s in before), "USD")
    expect(planned).to_have_text(total)
    expect(page.locator(".chart[data-spec='plans-spec']")).to_have_attribute("data-drawn", "1")

    move = page.get_by_role("region", name="Move budget")
    move.get_by_label("From").select_option(str(giver.line.id))
    move.get_by_label("To").select_option(str(taker.line.id))
    move.get_by_label(re.compile(r"^Amount")).fill("250")
    move.get_by_label("Why").fill(REASON)
    move.get_by_label(re.compile(r"^Evidence")).fill("saved view: CPA by channel")
    move.get_by_role("button", name="Move and log the decision").click()

    expect(page.get_by_role("status")).to_have_text("The money is moved and the decision logged.")
    expect(page).to_have_url(re.compile(r"/w/acme/plans\?period=&done=moved#lines$"))
    after = {s.line.id: s for s in running_lines(server)}
    assert after[giver.line.id].line.planned == pytest.approx(giver.line.planned - 250)
    assert after[taker.line.id].line.planned == pytest.approx(taker.line.planned + 250)
    for index, s in enumerate(before):
        shown = money(after[s.line.id].line.planned, "USD")
        expect(rows.nth(index).get_by_role("cell").first).to_have_text(shown)
    expect(planned).to_have_text(total)  # money moved, none made

    decisions = page.get_by_role("region", name="Budget decisions")
    latest = decisions.get_by_role("listitem").first
    expect(latest).to_contain_text(f"Why: {REASON}")
    expect(latest).to_contain_text("Evidence: saved view: CPA by channel")
    expect(latest).to_contain_text(server.emails["editor"])
    check_accessibility(page)
    page.evaluate("window.scrollTo(0, 0)")  # the page opened at #lines: photograph it whole
    screenshot(page, "plans")
