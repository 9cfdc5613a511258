"""The authorization matrix, generated from the app's route table: every route × anonymous ×
each role in its own workspace × a foreign workspace × revoked and expired tokens gives the
status its declared access says. A route without a declaration fails the first test, so a new
route cannot escape the matrix.

Ids in paths are ones that do not exist (999999): an allowed request then ends in a 404 of
the object, or a 422 of the body ({} is sent), but never in 401 or 403. Isolation with real ids
of another workspace is tested below.
"""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

import httpx
import pytest
from fastapi.routing import APIRoute, iter_route_contexts
from sqlalchemy import select

from mpm import explore
from mpm.app import create_app
from mpm.app.deps import ACCESS, PUBLIC, SIGNED_IN
from mpm.auth import Role
from mpm.config import Settings
from mpm.store import session_scope
from mpm.store.models import (
    ActivityRow,
    AnnotationRow,
    CampaignPlanRow,
    LoadRow,
    ObjectiveRow,
    SavedViewRow,
    WorkspaceRow,
)
from tests.app.conftest import ROLES, Server


def route_table() -> list[tuple[str, str, str | None]]:
    """(method, path, declared access) of every API route of the app, included routers too."""
    with tempfile.TemporaryDirectory() as home:
        app = create_app(Settings(home=Path(home)), warm=False)
        return [
            (method, str(route.path), (route.openapi_extra or {}).get(ACCESS))
            for route in iter_route_contexts(app.routes)
            if isinstance(route.original_route, APIRoute)
            for method in sorted(route.methods or ())
        ]


ROUTES = route_table()
WORKSPACE_ROUTES = [r for r in ROUTES if "{workspace}" in r[1]]


def is_page(path: str) -> bool:
    """Web pages answer in HTML: not signed in, they send the browser to the sign-in page."""
    return not path.startswith("/api/") and path != "/healthz"


def workspace_not_found(response: httpx.Response, path: str, slug: str) -> bool:
    detail = f"workspace {slug!r} not found"
    if is_page(path):
        return detail in response.text.replace("&#39;", "'").lower()
    return response.json()["detail"] == detail


QUERY = {  # required query parameters, so that an allowed GET reaches its service
    "/kpis": {"kpi": "spend"},
    "/kpis/sql": {"kpi": "spend"},
    "/reviews/annual": {"year": "2026"},
    "/reviews/campaign": {"name": "none such"},
}


def url(path: str, workspace: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "999999", path.replace("{workspace}", workspace))


def call(client: httpx.Client, method: str, path: str, workspace: str = "acme") -> httpx.Response:
    params = next((q for suffix, q in QUERY.items() if path.endswith(suffix)), None)
    body = {} if method in ("POST", "PUT", "PATCH") else None
    return client.request(method, url(path, workspace), params=params, json=body)


def test_every_route_declares_its_access() -> None:
    missing = [f"{m} {p}" for m, p, access in ROUTES if access is None]
    assert not missing, f"routes without needs(...): {missing}"
    assert {a for _, _, a in ROUTES} <= {PUBLIC, SIGNED_IN, *ROLES}
    assert len(WORKSPACE_ROUTES) >= 40


@pytest.mark.parametrize(
    ("method", "path", "access"), ROUTES, ids=[f"{m} {p}" for m, p, _ in ROUTES]
)
def test_anonymous_and_dead_tokens_get_401_except_on_public_routes(
    server: Server, method: str, path: str, access: str
) -> None:
    for who in (None, "revoked", "expired"):
        client = server.client(server.tokens[who] if who else None)
        response = call(client, method, path)
        if access == PUBLIC:
            assert response.status_code not in (401, 403) and response.status_code < 500, (
                who,
                response.text,
            )
        elif is_page(path):
            assert response.status_code == 303, (who, response.status_code, response.text)
            assert response.headers["location"].startswith("/login?next=")
        else:
            assert response.status_code == 401, (who, response.status_code, response.text)
            assert response.headers["content-type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("method", "path", "access"),
    WORKSPACE_ROUTES,
    ids=[f"{m} {p}" for m, p, _ in WORKSPACE_ROUTES],
)
def test_each_role_gets_what_its_rank_allows_and_nothing_of_a_foreign_workspace(
    server: Server, method: str, path: str, access: str
) -> None:
    needed = Role(access)
    for role in ROLES:
        client = server.as_role(role)
        own = call(client, method, path, "acme")
        if Role(role).rank >= needed.rank:
            assert own.status_code not in (401, 403) and own.status_code < 500, (role, own.text)
        else:
            assert own.status_code == 403, (role, own.status_code, own.text)
        foreign = call(client, method, path, "other")
        assert foreign.status_code == 404, (role, foreign.status_code, foreign.text)
        assert workspace_not_found(foreign, path, "other")
    # a signed-in owner of another workspace is as foreign as a token
    stranger = call(server.as_role("stranger"), method, path, "acme")
    assert stranger.status_code == 404


@pytest.mark.parametrize(
    ("method", "path"),
    [(m, p) for m, p, a in ROUTES if a == SIGNED_IN],
)
def test_signed_in_routes_need_only_a_principal(server: Server, method: str, path: str) -> None:
    response = call(server.as_role("viewer"), method, path)
    assert response.status_code not in (401, 404) and response.status_code < 500, response.text


def _ids(server: Server, slug: str) -> dict[str, int]:
    with session_scope(server.settings.app_database_url) as s:
        ws = s.scalar(select(WorkspaceRow.id).where(WorkspaceRow.slug == slug))
        out = {}
        for name, model in (
            ("objective_id", ObjectiveRow),
            ("campaign_id", CampaignPlanRow),
            ("activity_id", ActivityRow),
            ("load_id", LoadRow),
            ("view_id", SavedViewRow),
            ("annotation_id", AnnotationRow),
        ):
            found = s.scalar(select(model.id).where(model.workspace_id == ws).limit(1))
            if found is not None:
                out[name] = found
        return out


def test_ids_of_another_workspace_are_not_found_and_leak_nothing(server: Server) -> None:
    """Every route with an id, called in acme with an id that exists only in `other`, answers
    404 exactly as for an id that exists nowhere."""
    explore.save_view("Theirs", {"kpi": "spend"}, workspace="other", settings=server.settings)
    explore.add_annotation(date(2026, 1, 5), "theirs", workspace="other", settings=server.settings)
    theirs = _ids(server, "other")
    client = server.as_role("owner")
    checked = 0
    for method, path, _ in WORKSPACE_ROUTES:
        names = re.findall(r"\{([a-z_]+)\}", path)
        param = next((n for n in names if n != "workspace"), None)
        if param not in theirs or method not in ("GET", "POST"):
            continue
        real = path.replace("{workspace}", "acme").replace(f"{{{param}}}", str(theirs[param]))
        fake = path.replace("{workspace}", "acme").replace(f"{{{param}}}", "999999")
        a = client.request(method, real, json={} if method == "POST" else None)
        b = client.request(method, fake, json={} if method == "POST" else None)
        assert a.status_code == b.status_code, (path, a.text)
        if a.status_code == 404 and not is_page(path):
            assert a.json()["detail"] == b.json()["detail"].replace("999999", str(theirs[param]))
        checked += 1
    assert checked >= 10
