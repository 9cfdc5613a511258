"""In chromium, signed in as a viewer: every page reads but offers no control to change
anything, and a form posted from the viewer's own browser session (with the session's valid
CSRF token, so only the role can refuse it) to an editor's, analyst's or owner's route is
refused with 403 and changes nothing."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from mpm import auth, goals
from mpm.services import explore, planning, workspaces
from tests.app.conftest import Server
from tests.app.test_pages_data import GOOGLE_ADS, load_ids
from tests.browser.conftest import allow_status, check_accessibility, sign_in


def objective_names(server: Server) -> dict[str, int | None]:
    with server.warehouses.using():
        found = goals.list_objectives(workspace="acme", settings=server.settings)
    return {o.name: o.id for o in found}


def planned_amounts(server: Server) -> dict[int, float]:
    with server.warehouses.using():
        every = planning.budget_status(auth.local_principal(), "acme", settings=server.settings)
    return {s.line.id: s.line.planned for s in every}


def visit(page: Page, server: Server, path: str, heading: str) -> None:
    page.goto(f"{server.url}/w/acme/{path}")
    expect(page.get_by_role("heading", level=1, name=heading)).to_be_visible()


def only_sign_out_posts(page: Page) -> None:
    """The page has no form that writes, the user menu's sign-out aside."""
    posts = page.locator("form[method='post' i]:not([action='/logout'])")
    expect(posts).to_have_count(0)


def test_a_viewer_sees_no_edit_controls_on_any_page(page: Page, server: Server) -> None:
    sign_in(page, server, "viewer")

    visit(page, server, "explore?kpi=revenue&by=channel&grain=month", "Explore")
    expect(page.get_by_role("button", name="Save view")).to_have_count(0)
    expect(page.get_by_role("button", name="Add note")).to_have_count(0)
    only_sign_out_posts(page)
    check_accessibility(page)

    visit(page, server, "objectives", "Objectives")
    expect(page.get_by_role("link", name="New objective")).to_have_count(0)
    only_sign_out_posts(page)
    check_accessibility(page)

    name, objective_id = next(iter(objective_names(server).items()))
    visit(page, server, f"objectives/{objective_id}", name)
    expect(page.get_by_role("button", name="Add review")).to_have_count(0)
    expect(page.get_by_text("Change the target, deadline, owner or review")).to_have_count(0)
    only_sign_out_posts(page)
    check_accessibility(page)

    visit(page, server, "plans", "Plans & budgets")
    expect(page.get_by_role("heading", name="Move budget")).to_have_count(0)
    expect(page.get_by_role("heading", name="Plan a line")).to_have_count(0)
    expect(page.get_by_role("heading", name="Budget decisions")).to_be_visible()
    only_sign_out_posts(page)
    check_accessibility(page)

    visit(page, server, "data", "Data")
    expect(page.get_by_role("heading", name="Upload a file")).to_have_count(0)
    expect(page.locator("input[type=file]")).to_have_count(0)
    expect(page.get_by_text("Revert…")).to_have_count(0)
    expect(page.get_by_role("heading", name="Load history")).to_be_visible()
    only_sign_out_posts(page)
    check_accessibility(page)

    visit(page, server, "settings", "Settings")
    expect(page.get_by_text("you are viewer: an owner changes these settings")).to_be_visible()
    expect(page.get_by_role("button", name="Save settings")).to_have_count(0)
    expect(page.get_by_role("textbox")).to_have_count(0)
    nav = page.get_by_role("navigation", name="Settings").get_by_role("link")
    expect(nav).to_have_text(["General", "Channel rules", "KPI catalog"])
    only_sign_out_posts(page)
    check_accessibility(page)

    allow_status(page, 403)  # the owner's pages, asked for by their address
    for path in ("objectives/new", "settings/members", "settings/tokens"):
        response = page.goto(f"{server.url}/w/acme/{path}")
        assert response is not None and response.status == 403, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
    check_accessibility(page)


FORGED = {  # route under /w/acme -> (the form a viewer forges, the least role it needs)
    "plans/reallocate": (
        {"from_line": "1", "to_line": "2", "amount": "1", "reason": "forged"},
        "editor",
    ),
    "objectives/new": (
        {
            "name": "Forged",
            "kpi": "revenue",
            "target": "1",
            "start": "2026-01-01",
            "end": "2026-12-31",
            "keep_weaknesses": "1",
        },
        "editor",
    ),
    "data/imports": (
        {
            "file": {
                "name": GOOGLE_ADS.name,
                "mimeType": "text/csv",
                "buffer": GOOGLE_ADS.read_bytes(),
            }
        },
        "analyst",
    ),
    "explore/views": ({"name": "Forged view", "query": "kpi=spend"}, "analyst"),
    "settings": (
        {
            "name": "Forged",
            "base_currency": "EUR",
            "timezone": "UTC",
            "fiscal_year_start_month": "1",
            "week_start": "monday",
            "locale": "en_US",
        },
        "owner",
    ),
}


def test_a_forged_post_from_the_viewers_browser_is_refused(page: Page, server: Server) -> None:
    sign_in(page, server, "viewer")
    csrf = page.locator("meta[name='csrf-token']").get_attribute("content")
    assert csrf  # the session's own token: the post is no CSRF, only the role can refuse it
    planned, loads = planned_amounts(server), load_ids(server, "acme")
    objectives = objective_names(server)
    name = workspaces.get_workspace(auth.local_principal(), "acme", settings=server.settings).name

    for route, (fields, needed) in FORGED.items():
        form = {"csrf_token": csrf, **fields}
        url = f"{server.url}/w/acme/{route}"
        if route == "data/imports":
            response = page.request.post(url, multipart=form)
        else:
            response = page.request.post(url, form=form)
        text = response.text()
        assert response.status == 403, (route, text)
        assert "CSRF" not in text, route  # refused for the role, not the token
        assert f"is viewer; this needs {needed}" in text, (route, text)

    assert planned_amounts(server) == planned
    assert load_ids(server, "acme") == loads
    assert objective_names(server) == objectives
    views = explore.list_views(auth.local_principal(), "acme", settings=server.settings)
    assert "Forged view" not in [v.name for v in views]
    acme = workspaces.get_workspace(auth.local_principal(), "acme", settings=server.settings)
    assert acme.name == name
    page.reload()  # still the viewer's session, still signed in
    expect(page.get_by_role("heading", level=1, name="Overview")).to_be_visible()
