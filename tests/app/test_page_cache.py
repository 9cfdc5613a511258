"""Kept pages are never stale: the overview and explore pages are kept per asker between two
changes, and a load, a revert or a change of the app state shows on the next request."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from mpm import auth
from mpm.app.pages.formatting import kpi_value
from mpm.auth import LIMITER
from mpm.services import data
from tests.app.conftest import Server
from tests.app.test_pages import sign_in

GOOGLE_ADS = (
    Path(__file__).parents[1] / "data" / "exports" / "google_ads_campaign_report_by_day.csv"
)


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def spend_shown(html: str) -> str:
    found = re.search(
        r'<span class="tile-label">Spend</span><span class="tile-value">([^<]*)<', html
    )
    assert found, "no spend tile"
    return found.group(1)


def spend_of_the_kpi_layer(server: Server) -> str:
    with server.warehouses.using():
        frame = data.kpi_query(auth.local_principal(), "acme", "spend", settings=server.settings)
    return kpi_value(frame.iloc[0]["spend"], "currency", "USD")


def test_a_kept_page_is_the_askers_and_changes_with_the_data(server: Server) -> None:
    owner, viewer = sign_in(server, "owner"), sign_in(server, "viewer")
    url = "/w/acme/explore?kpi=spend"
    first = owner.get(url)
    assert first.status_code == 200
    assert owner.get(url).text == first.text  # the same page again
    theirs = viewer.get(url).text
    assert server.emails["viewer"] in theirs and server.emails["owner"] not in theirs
    before = spend_shown(first.text)
    assert before == spend_of_the_kpi_layer(server)

    api = server.as_role("owner")
    with GOOGLE_ADS.open("rb") as f:
        load = api.post(
            "/api/v1/workspaces/acme/imports", files={"file": (GOOGLE_ADS.name, f, "text/csv")}
        )
    assert load.status_code == 201, load.text
    try:
        loaded = spend_shown(owner.get(url).text)
        assert loaded != before and loaded == spend_of_the_kpi_layer(server)
    finally:
        reverted = api.post(f"/api/v1/workspaces/acme/loads/{load.json()['load_id']}/revert")
        assert reverted.status_code < 300, reverted.text
    assert spend_shown(owner.get(url).text) == before


def test_a_kept_overview_shows_a_new_objective_at_once(server: Server) -> None:
    owner = sign_in(server, "owner")
    page = owner.get("/w/acme/")
    assert owner.get("/w/acme/").text == page.text
    name = "Kept-page check: Q3 2027 revenue"
    assert name not in page.text
    created = server.as_role("editor").post(
        "/api/v1/workspaces/acme/objectives",
        json={
            "name": name,
            "kpi": "revenue",
            "target": 100000,
            "start": "2027-07-01",
            "end": "2027-09-30",
            "goal": "revenue_growth",
            "owner": "o@example.com",
        },
    )
    assert created.status_code == 201, created.text
    assert name in owner.get("/w/acme/").text
