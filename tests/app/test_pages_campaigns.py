"""The campaigns & activities page against the real server: the list and calendar show the
plan services' campaigns and activities, quick status changes work in place (htmx) and as
plain forms, cancelling needs a reason, mistakes are said in words with nothing stored, one
campaign's page shows its progress, and viewers get neither controls nor writes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from mpm import auth, goals, plans
from mpm.app.pages.formatting import money
from mpm.auth import LIMITER
from mpm.services import planning
from tests.app.conftest import Server
from tests.app.test_pages import sign_in
from tests.app.test_pages_plans import csrf_of

HTMX = {"HX-Request": "true"}


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def campaigns(server: Server) -> list[plans.Campaign]:
    return plans.list_campaigns(workspace="acme", settings=server.settings)


def activities(server: Server, **options: Any) -> list[plans.Activity]:
    return plans.list_activities(workspace="acme", settings=server.settings, **options)


def text(response: httpx.Response) -> str:
    return html.unescape(response.text)


def test_the_list_shows_every_campaign_and_the_open_activities(server: Server) -> None:
    every = campaigns(server)
    assert every
    page = sign_in(server, "viewer").get("/w/acme/campaigns")
    assert page.status_code == 200
    body = text(page)
    for c in every:
        assert f'id="campaign-{c.id}"' in page.text and c.name in body
        assert money(c.budget, "USD") in body
    open_ones = activities(server, open_only=True)
    for a in open_ones:
        assert f'id="activity-{a.id}"' in page.text
    closed = [a for a in activities(server) if a.status in ("done", "cancelled")]
    assert closed and all(f'id="activity-{a.id}"' not in page.text for a in closed)
    late = [a for a in open_ones if a.overdue]
    assert late, "the demo plans have overdue activities"
    tile = re.search(r"Overdue activities</span><span class=\"tile-value\">(\d+)<", page.text)
    assert tile and int(tile.group(1)) == len(late)
    assert "Plan a campaign" not in body and 'class="quick-status"' not in page.text  # viewer
    everything = sign_in(server, "viewer").get("/w/acme/campaigns", params={"activities": "all"})
    assert all(f'id="activity-{a.id}"' in everything.text for a in closed)


def test_filters_keep_the_campaigns_of_a_status_and_the_late_work(server: Server) -> None:
    viewer = sign_in(server, "viewer")
    live = viewer.get("/w/acme/campaigns", params={"status": "live"})
    for c in campaigns(server):
        assert (f'id="campaign-{c.id}"' in live.text) == (c.status == "live")
    late = viewer.get("/w/acme/campaigns", params={"overdue": "1"})
    for a in activities(server):
        assert (f'id="activity-{a.id}"' in late.text) == a.overdue
    owner = next(c.owner for c in campaigns(server) if c.owner)
    mine = viewer.get("/w/acme/campaigns", params={"owner": owner.upper()})
    for c in campaigns(server):
        assert (f'id="campaign-{c.id}"' in mine.text) == (c.owner == owner)


def test_the_calendar_shows_flights_and_due_dates_by_day(server: Server) -> None:
    plan = plans.plan_calendar(workspace="acme", settings=server.settings)
    page = sign_in(server, "viewer").get("/w/acme/campaigns", params={"view": "calendar"})
    assert page.status_code == 200
    body = text(page)
    assert 'id="timeline-spec"' in page.text  # the chart of flights and due dates
    for entry in plan.entries:
        if plan.start <= entry.start <= plan.end:
            assert entry.name in body
    assert body.count('class="month-grid"') == 3  # this month and the two after it
    later = sign_in(server, "viewer").get(
        "/w/acme/campaigns", params={"view": "calendar", "month": "2040-01"}
    )
    assert later.status_code == 200 and "Nothing planned in these months" in later.text
    nonsense = sign_in(server, "viewer").get(
        "/w/acme/campaigns", params={"view": "calendar", "month": "soon"}
    )
    assert nonsense.status_code == 200 and body.count("month-grid") == text(nonsense).count(
        "month-grid"
    )


def test_a_campaign_is_planned_and_bad_input_is_refused_in_words(server: Server) -> None:
    editor = sign_in(server, "editor")
    csrf = csrf_of(editor, "/w/acme/campaigns")
    before = len(campaigns(server))
    form = {
        "csrf_token": csrf,
        "name": "",
        "channel": "Paid Search",
        "start": "2027-05-10",
        "end": "2027-05-01",
        "budget": "a lot",
    }
    bad = editor.post("/w/acme/campaigns", data=form)
    assert bad.status_code == 422
    assert 'id="name-error">Name the campaign' in bad.text
    assert 'id="end-error">The flight ends before it starts.' in bad.text
    assert 'id="budget-error">Write the budget as a number' in bad.text
    assert 'value="Paid Search"' in bad.text  # what was typed is kept
    assert len(campaigns(server)) == before
    good = form | {"name": "Search | Spring | Test 2027", "end": "2027-05-31", "budget": "4,500"}
    made = editor.post("/w/acme/campaigns", data=good)
    assert made.status_code == 303, re.findall(r"field-error[^>]*>([^<]*)", made.text)
    created = next(c for c in campaigns(server) if c.name == good["name"])
    assert created.budget == 4500 and created.status == "planned"
    assert made.headers["location"] == f"/w/acme/campaigns/{created.id}?created=1"
    page = editor.get(made.headers["location"])
    assert "The campaign is planned." in page.text
    assert "No data for campaign" in page.text  # said in words, without the command line
    twice = editor.post("/w/acme/campaigns", data=good)
    assert twice.status_code == 422 and 'class="field-error" role="alert"' in twice.text


def test_quick_status_changes_swap_the_row_in_place(server: Server) -> None:
    editor = sign_in(server, "editor")
    csrf = csrf_of(editor, "/w/acme/campaigns")
    target = next(c for c in campaigns(server) if c.status == "planned")
    url = f"/w/acme/campaigns/{target.id}/status"
    live = editor.post(url, data={"csrf_token": csrf, "status": "live"}, headers=HTMX)
    assert live.status_code == 200
    assert live.text.lstrip().startswith(f'<tr id="campaign-{target.id}"')
    assert "<html" not in live.text and "status-live" in live.text
    reasonless = editor.post(url, data={"csrf_token": csrf, "status": "cancelled"}, headers=HTMX)
    assert reasonless.status_code == 422
    assert "Cancelling needs a reason" in text(reasonless)
    assert f'id="campaign-reason-{target.id}"' in reasonless.text  # asks for it in the row
    assert next(c for c in campaigns(server) if c.id == target.id).status == "live"
    cancelled = editor.post(
        url,
        data={"csrf_token": csrf, "status": "cancelled", "reason": "Budget moved to search"},
        headers=HTMX,
    )
    assert cancelled.status_code == 200 and "status-cancelled" in cancelled.text
    decisions = goals.list_decisions(
        subject_kind="campaign", subject=target.name, workspace="acme", settings=server.settings
    )
    assert decisions[-1].why == "Budget moved to search"
    reopened = editor.post(
        url, data={"csrf_token": csrf, "status": "planned", "reason": "Back on"}
    )  # a plain form: back to the list
    assert reopened.status_code == 303 and reopened.headers["location"].startswith(
        "/w/acme/campaigns?done=status"
    )
    task = next(a for a in activities(server, open_only=True))
    done = editor.post(
        f"/w/acme/activities/{task.id}/status",
        data={"csrf_token": csrf, "status": "done"},
        headers=HTMX,
    )
    assert done.status_code == 200 and done.text.lstrip().startswith(f'<tr id="activity-{task.id}"')
    assert next(a for a in activities(server) if a.id == task.id).status == "done"
    unknown = editor.post(
        f"/w/acme/activities/{task.id}/status",
        data={"csrf_token": csrf, "status": "finished"},
        headers=HTMX,
    )
    assert unknown.status_code == 422 and "Unknown activity status" in text(unknown)
    editor.post(f"/w/acme/activities/{task.id}/status", data={"csrf_token": csrf, "status": "todo"})
    assert next(a for a in activities(server) if a.id == task.id).status == "todo"


def test_an_activity_is_added_under_a_campaign_from_its_page(server: Server) -> None:
    editor = sign_in(server, "editor")
    c = next(c for c in campaigns(server) if c.status == "live")
    csrf = csrf_of(editor, f"/w/acme/campaigns/{c.id}")
    missing = editor.post(
        "/w/acme/activities", data={"csrf_token": csrf, "title": "", "due": "someday"}
    )
    assert missing.status_code == 422
    assert 'id="title-error"' in missing.text and 'id="due-error"' in missing.text
    added = editor.post(
        "/w/acme/activities",
        data={
            "csrf_token": csrf,
            "title": "Refresh the ad copy",
            "due": "2030-01-15",
            "campaign": c.name,
            "back": str(c.id),
        },
    )
    assert added.status_code == 303
    assert added.headers["location"] == f"/w/acme/campaigns/{c.id}?done=activity#activities"
    assert any(a.title == "Refresh the ad copy" for a in activities(server, campaign=c.name))
    assert "Refresh the ad copy" in editor.get(added.headers["location"]).text


def test_a_campaigns_page_shows_its_progress_and_takes_changes(server: Server) -> None:
    editor = sign_in(server, "editor")
    c = next(c for c in campaigns(server) if c.status == "live")
    with server.warehouses.using():
        progress = planning.campaign_status(
            auth.local_principal(), "acme", c.id, settings=server.settings
        )
    page = editor.get(f"/w/acme/campaigns/{c.id}")
    assert page.status_code == 200
    body = text(page)
    assert money(progress.marketing_cost, "USD") in body and money(progress.budget, "USD") in body
    assert money(progress.revenue, "USD") in body
    assert f"{progress.days_elapsed} of {progress.flight_days} days flown" in body
    csrf = csrf_of(editor, f"/w/acme/campaigns/{c.id}")
    reasonless = editor.post(
        f"/w/acme/campaigns/{c.id}/edit", data={"csrf_token": csrf, "budget": "99999"}
    )
    assert reasonless.status_code == 422 and "needs a reason" in text(reasonless)
    assert next(x for x in campaigns(server) if x.id == c.id).budget == c.budget
    changed = editor.post(
        f"/w/acme/campaigns/{c.id}/edit",
        data={"csrf_token": csrf, "budget": str(c.budget + 100), "reason": "More search demand"},
    )
    assert changed.status_code == 303
    after = editor.get(changed.headers["location"])
    assert "The campaign is changed." in after.text and "Why: More search demand" in text(after)
    explore = re.search(r'href="(/w/acme/explore\?[^"]+)"', page.text)
    assert explore and editor.get(html.unescape(explore.group(1))).status_code == 200


def test_viewers_cannot_change_campaigns_and_other_workspaces_stay_hidden(
    server: Server,
) -> None:
    viewer = sign_in(server, "viewer")
    c = campaigns(server)[0]
    page = viewer.get(f"/w/acme/campaigns/{c.id}")
    assert page.status_code == 200 and "Change the campaign" not in page.text
    csrf = csrf_of(viewer, "/w/acme/campaigns")
    forged = viewer.post(
        f"/w/acme/campaigns/{c.id}/status",
        data={"csrf_token": csrf, "status": "done"},
        headers=HTMX,
    )
    assert forged.status_code == 403
    assert next(x for x in campaigns(server) if x.id == c.id).status == c.status
    foreign = plans.list_campaigns(workspace="other", settings=server.settings)[0]
    editor = sign_in(server, "editor")
    assert editor.get(f"/w/acme/campaigns/{foreign.id}").status_code == 404
    hidden = editor.post(
        f"/w/acme/campaigns/{foreign.id}/status",
        data={"csrf_token": csrf_of(editor, "/w/acme/campaigns"), "status": "done"},
    )
    assert hidden.status_code == 404
