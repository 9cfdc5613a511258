"""The objectives pages against the real server: the list and the detail show the progress
the goals layer computes, the SMART check is explained next to the fields (and an objective
can be kept with its weaknesses), reviews and changes with a reason land in the decision log,
and viewers get neither controls nor writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from mpm import auth, goals
from mpm.app.pages.formatting import kpi_value
from mpm.app.pages.objectives import next_quarter, weakness_for_the_form
from mpm.auth import LIMITER
from mpm.services import planning
from tests.app.conftest import Server
from tests.app.test_pages import sign_in


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def csrf_of(client: httpx.Client, path: str) -> str:
    found = re.search(r'name="csrf-token" content="([^"]+)"', client.get(path).text)
    assert found
    return found.group(1)


def first_objective(server: Server) -> goals.Objective:
    with server.warehouses.using():
        return goals.list_objectives(workspace="acme", settings=server.settings)[0]


def test_the_list_and_the_detail_show_the_goals_layers_progress(server: Server) -> None:
    objective = first_objective(server)
    client = sign_in(server, "viewer")
    listing = client.get("/w/acme/objectives")
    assert listing.status_code == 200
    assert f'href="/w/acme/objectives/{objective.id}">{objective.name}</a>' in listing.text
    page = client.get(f"/w/acme/objectives/{objective.id}")
    assert page.status_code == 200, page.text
    with server.warehouses.using():
        p = planning.objective_progress(
            auth.local_principal(), "acme", objective.id, settings=server.settings
        )
    catalog_unit = "currency" if objective.kpi in ("revenue", "spend") else None
    if catalog_unit:
        assert kpi_value(p.actual, catalog_unit, "USD") in page.text
        assert kpi_value(p.target, catalog_unit, "USD") in page.text
    assert f'status-{p.status}"' in page.text
    assert 'data-spec="objective-spec"' in page.text
    assert "New objective" not in listing.text and "Add review" not in page.text


def test_the_smart_check_is_explained_next_to_the_fields(server: Server) -> None:
    editor = sign_in(server, "editor")
    csrf = csrf_of(editor, "/w/acme/objectives/new")
    start, end = next_quarter(date.today())
    form = {
        "csrf_token": csrf,
        "name": "Page revenue",
        "kpi": "revenue",
        "target": "1000000000",
        "start": start.isoformat(),
        "end": end.isoformat(),
        "cadence": "weekly",
        "phasing": "even",
    }
    checked = editor.post("/w/acme/objectives/new", data=form)
    assert checked.status_code == 422
    assert "This objective is not SMART yet." in checked.text
    assert 'id="goal-warning-1">No business goal.</p>' in checked.text
    assert 'id="owner-warning-1">No owner: name who is accountable.</p>' in checked.text
    assert re.search(r'id="target-warning-1">The target 1,000,000,000 is [\d.]+×', checked.text)
    assert "--" not in re.sub(r"<!--.*?-->", "", checked.text.split("<main", 1)[1])
    assert "Keep it with these weaknesses" in checked.text
    with server.warehouses.using():
        names = [o.name for o in goals.list_objectives(workspace="acme", settings=server.settings)]
    assert "Page revenue" not in names  # nothing saved by the check
    kept = editor.post("/w/acme/objectives/new", data=form | {"keep_weaknesses": "1"})
    assert kept.status_code == 303
    page = editor.get(kept.headers["location"])
    assert "The objective is saved." in page.text and "SMART check" in page.text


def test_bad_fields_are_said_next_to_them_and_nothing_is_saved(server: Server) -> None:
    editor = sign_in(server, "editor")
    csrf = csrf_of(editor, "/w/acme/objectives/new")
    form = {"csrf_token": csrf, "name": "Broken", "kpi": "revenue", "target": "lots",
            "start": "2027-01-01", "end": "2026-12-01"}  # fmt: skip
    bad = editor.post("/w/acme/objectives/new", data=form)
    assert bad.status_code == 422
    assert 'id="target-error">Write the target as a number' in bad.text
    backwards = editor.post("/w/acme/objectives/new", data=form | {"target": "5"})
    assert backwards.status_code == 422
    assert 'id="end-error">The period ends (2026-12-01) before it starts' in backwards.text


def test_a_review_and_a_change_with_its_reason_are_kept(server: Server) -> None:
    objective = first_objective(server)
    editor = sign_in(server, "editor")
    path = f"/w/acme/objectives/{objective.id}"
    csrf = csrf_of(editor, path)
    empty = editor.post(f"{path}/reviews", data={"csrf_token": csrf, "note": " "})
    assert empty.status_code == 422 and 'id="note-error"' in empty.text
    done = editor.post(f"{path}/reviews", data={"csrf_token": csrf, "note": "Holding up."})
    assert done.status_code == 303
    reviewed = editor.get(path).text
    assert "Holding up." in reviewed
    assert 'id="chances-spec"' in reviewed  # the chance at this review and today, drawn
    reasonless = editor.post(f"{path}/edit", data={"csrf_token": csrf, "owner": "x@example.com"})
    assert reasonless.status_code == 422 and "Say why" in reasonless.text
    nothing = editor.post(f"{path}/edit", data={"csrf_token": csrf, "reason": "no change"})
    assert nothing.status_code == 422 and "change at least one field" in nothing.text
    changed = editor.post(
        f"{path}/edit",
        data={"csrf_token": csrf, "owner": "lead@example.com", "reason": "New lead"},
    )
    assert changed.status_code == 303
    page = editor.get(path)
    assert "owner lead@example.com" in page.text and "Why: New lead" in page.text


def test_a_viewer_cannot_add_or_review_through_a_forged_post(server: Server) -> None:
    objective = first_objective(server)
    viewer = sign_in(server, "viewer")
    csrf = csrf_of(viewer, "/w/acme/objectives")
    assert viewer.get("/w/acme/objectives/new").status_code == 403
    forged = viewer.post(
        f"/w/acme/objectives/{objective.id}/reviews", data={"csrf_token": csrf, "note": "x"}
    )
    assert forged.status_code == 403
    with server.warehouses.using():
        reviews = goals.list_reviews(objective.name, workspace="acme", settings=server.settings)
    assert all(r.note != "x" for r in reviews)


@pytest.mark.parametrize(
    ("weakness", "field", "words"),
    [
        (
            "no business goal: say what it serves with --goal revenue_growth|retention",
            "goal",
            "No business goal.",
        ),
        (
            "no owner: name who is accountable with --owner",
            "owner",
            "No owner: name who is accountable.",
        ),
        ("the period ended on 2026-01-01: x", "end", "The period ended on 2026-01-01: x."),
    ],
)
def test_weaknesses_are_worded_for_the_form(weakness: str, field: str, words: str) -> None:
    assert weakness_for_the_form(weakness) == (field, words)
