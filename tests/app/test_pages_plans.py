"""The plans & budgets page against the real server: the lines and totals are the budget
service's, moving money needs a reason and keeps the total planned, mistakes are said in
words with nothing changed, and viewers get neither controls nor writes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from mpm import auth
from mpm.app.pages.formatting import money
from mpm.auth import LIMITER
from mpm.plans import BudgetStatus
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


def lines(server: Server) -> list[BudgetStatus]:
    with server.warehouses.using():
        return planning.budget_status(auth.local_principal(), "acme", settings=server.settings)


def test_every_line_shows_the_budget_services_numbers(server: Server) -> None:
    every = lines(server)
    assert every
    page = sign_in(server, "viewer").get("/w/acme/plans", params={"period": "all"})
    assert page.status_code == 200
    for s in every:
        assert money(s.line.planned, "USD") in page.text
        assert money(s.actual, "USD") in page.text
        assert f"status-{s.flag}" in page.text
    total = sum(s.line.planned for s in every)
    assert f'<span class="tile-value">{money(total, "USD")}</span>' in page.text
    assert "Move budget" not in page.text and "Plan a line" not in page.text  # a viewer


def test_moving_money_needs_a_reason_and_keeps_the_total(server: Server) -> None:
    editor = sign_in(server, "editor")
    csrf = csrf_of(editor, "/w/acme/plans")
    before = lines(server)
    running = [s for s in before if s.line.end >= date.today()]
    giver = max(running, key=lambda s: s.available)
    taker = next(s for s in running if s.line.id != giver.line.id)
    form = {
        "csrf_token": csrf,
        "from_line": str(giver.line.id),
        "to_line": str(taker.line.id),
        "amount": "100",
        "period": "all",
    }
    reasonless = editor.post("/w/acme/plans/reallocate", data=form)
    assert reasonless.status_code == 422 and "Say why" in reasonless.text
    too_much = editor.post(
        "/w/acme/plans/reallocate",
        data=form | {"amount": str(giver.available + 1_000_000), "reason": "all in"},
    )
    assert too_much.status_code == 422 and 'id="move-error"' in too_much.text
    assert [s.line.planned for s in lines(server)] == [s.line.planned for s in before]
    moved = editor.post(
        "/w/acme/plans/reallocate",
        data=form | {"reason": "Search converts better", "evidence": "saved view Q4 CPA"},
    )
    assert moved.status_code == 303, re.findall(r"field-error[^>]*>([^<]*)", moved.text)
    after = {s.line.id: s.line.planned for s in lines(server)}
    assert after[giver.line.id] == pytest.approx(giver.line.planned - 100)
    assert after[taker.line.id] == pytest.approx(taker.line.planned + 100)
    assert sum(after.values()) == pytest.approx(sum(s.line.planned for s in before))
    page = editor.get(moved.headers["location"])
    assert "The money is moved and the decision logged." in page.text
    assert "Why: Search converts better" in page.text


def test_a_new_line_is_planned_and_a_bad_one_refused_in_words(server: Server) -> None:
    editor = sign_in(server, "editor")
    csrf = csrf_of(editor, "/w/acme/plans")
    form = {"csrf_token": csrf, "line_period": "2031-Q1", "channel": "Email", "planned": "lots"}
    bad = editor.post("/w/acme/plans/lines", data=form)
    assert bad.status_code == 422 and 'id="planned-error">Write the amount' in bad.text
    wrong = editor.post("/w/acme/plans/lines", data=form | {"line_period": "Q9", "planned": "5"})
    assert wrong.status_code == 422 and 'class="field-error" role="alert"' in wrong.text
    done = editor.post("/w/acme/plans/lines", data=form | {"planned": "2500"})
    assert done.status_code == 303
    assert any(s.line.ref == "2031-Q1:Email" and s.line.planned == 2500 for s in lines(server))


def test_a_viewer_cannot_move_money_through_a_forged_post(server: Server) -> None:
    viewer = sign_in(server, "viewer")
    csrf = csrf_of(viewer, "/w/acme/plans")
    before = lines(server)
    forged = viewer.post(
        "/w/acme/plans/reallocate",
        data={
            "csrf_token": csrf,
            "from_line": str(before[0].line.id),
            "to_line": str(before[1].line.id),
            "amount": "1",
            "reason": "x",
        },
    )
    assert forged.status_code == 403
    assert [s.line.planned for s in lines(server)] == [s.line.planned for s in before]
