"""The web pages against the real server: signing in and out through the forms (login CSRF,
safe `next`, wrong passwords in words), the overview's numbers equal the KPI layer's, HTML
errors for pages, and sign-in redirects (htmx included)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from mpm import auth
from mpm.app.pages.formatting import kpi_value
from mpm.app.pages.overview import TILES
from mpm.auth import LIMITER
from mpm.services import data
from mpm.store import session_scope
from tests.app.conftest import PASSWORD, Server


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def form_token(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} in the page"
    return found.group(1)


def browser(server: Server) -> httpx.Client:
    return httpx.Client(base_url=server.url, timeout=60)


def sign_in(server: Server, role: str, next_url: str = "/") -> httpx.Client:
    client = browser(server)
    page = client.get("/login", params={"next": next_url})
    token = form_token(page.text, "login_token")
    done = client.post(
        "/login",
        data={
            "email": server.emails[role],
            "password": PASSWORD,
            "login_token": token,
            "next": next_url,
        },
    )
    assert done.status_code == 303, done.text
    return client


def test_pages_send_a_visitor_to_the_sign_in_page_and_back(server: Server) -> None:
    client = browser(server)
    first = client.get("/w/acme/?range=last_7_days")
    assert first.status_code == 303
    assert first.headers["location"] == "/login?next=%2Fw%2Facme%2F%3Frange%3Dlast_7_days"
    page = client.get(first.headers["location"])
    assert page.status_code == 200
    assert 'name="next" value="/w/acme/?range=last_7_days"' in page.text
    token = form_token(page.text, "login_token")
    done = client.post(
        "/login",
        data={
            "email": server.emails["viewer"],
            "password": PASSWORD,
            "login_token": token,
            "next": "/w/acme/?range=last_7_days",
        },
    )
    assert done.status_code == 303
    assert done.headers["location"] == "/w/acme/?range=last_7_days"
    cookie = done.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert client.get(done.headers["location"]).status_code == 200


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil"])
def test_sign_in_never_sends_the_browser_to_another_site(server: Server, target: str) -> None:
    client = sign_in(server, "viewer", next_url=target)
    response = client.get("/")
    assert response.status_code == 303  # "/" then to the first workspace, nowhere else
    assert response.headers["location"] == "/w/acme/"


def test_a_wrong_password_is_said_in_words_and_signs_nobody_in(server: Server) -> None:
    client = browser(server)
    token = form_token(client.get("/login").text, "login_token")
    response = client.post(
        "/login",
        data={"email": server.emails["viewer"], "password": "not it", "login_token": token},
    )
    assert response.status_code == 401
    assert "wrong e-mail or password" in response.text.lower()
    assert 'value="viewer@example.com"' in response.text  # the e-mail is kept
    assert "mpm_session" not in client.cookies


def test_the_sign_in_form_needs_its_own_token(server: Server) -> None:
    """Login CSRF: a form posted from elsewhere (no token cookie) signs nobody in."""
    response = browser(server).post(
        "/login",
        data={"email": server.emails["viewer"], "password": PASSWORD, "login_token": "forged"},
    )
    assert response.status_code == 403
    assert "sign-in form expired" in response.text
    assert "set-cookie" not in response.headers or "mpm_session" not in response.headers.get(
        "set-cookie", ""
    )


def test_the_overview_shows_the_kpi_layers_numbers(server: Server) -> None:
    client = sign_in(server, "viewer")
    page = client.get("/w/acme/", params={"range": "last_30_days"})
    assert page.status_code == 200
    frame = data.kpi_query(
        auth.local_principal(),
        "acme",
        list(TILES),
        start="last_30_days",
        end="last_30_days",
        compare="previous_period",
        settings=server.settings,
    )
    catalog = {
        m["name"]: m
        for m in data.list_metrics(auth.local_principal(), "acme", settings=server.settings)
    }
    shown = re.findall(r'class="tile-value">([^<]*)<', page.text)
    expected = [
        kpi_value(frame.iloc[0][k], catalog[k]["unit"], "USD", compact=True).replace("&", "&amp;")
        for k in TILES
    ]
    assert shown == expected
    for heading in ("Needs attention first", "Objectives", "Budget pacing", "Overdue activities"):
        assert heading in page.text
    # a viewer sees no control to add an objective or change anything
    assert 'method="post"' not in page.text.replace('method="post" action="/logout"', "")


def test_a_new_workspace_says_to_start_with_data(
    server: Server,
) -> None:
    owner = sign_in(server, "owner")
    csrf = re.search(r'name="csrf-token" content="([^"]+)"', owner.get("/w/acme/").text)
    assert csrf
    made = owner.post(
        "/api/v1/workspaces",
        json={"slug": "fresh-client", "name": "Fresh client"},
        headers={"X-CSRF-Token": csrf.group(1)},
    )
    assert made.status_code == 201, made.text
    fresh = owner.get("/w/fresh-client/")
    assert fresh.status_code == 200
    assert "Start with your data" in fresh.text and 'href="/w/fresh-client/data"' in fresh.text
    assert "every objective is on track" not in fresh.text  # none exists
    busy = owner.get("/w/acme/")
    assert "Start with your data" not in busy.text and "No spend, revenue" not in busy.text


def test_signing_out_needs_the_sessions_token(server: Server) -> None:
    client = sign_in(server, "viewer")
    overview = client.get("/w/acme/")
    forged = client.post("/logout", data={"csrf_token": "forged"})
    assert forged.status_code == 303 and forged.headers["location"] == "/"
    assert client.get("/w/acme/").status_code == 200  # still signed in
    token = form_token(overview.text, "csrf_token")
    out = client.post("/logout", data={"csrf_token": token})
    assert out.headers["location"] == "/login?signed_out=1"
    assert client.get("/w/acme/").status_code == 303


def test_page_errors_are_pages_in_words(server: Server) -> None:
    client = sign_in(server, "viewer")
    foreign = client.get("/w/other/")
    assert foreign.status_code == 404
    assert "text/html" in foreign.headers["content-type"]
    assert "Workspace &#39;other&#39; not found." in foreign.text
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "<h1>Not found</h1>" in missing.text


def test_an_htmx_request_without_a_session_is_sent_to_sign_in(server: Server) -> None:
    response = browser(server).get("/w/acme/", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["hx-redirect"].startswith("/login?next=")


def test_a_password_changed_on_its_page_ends_the_session(server: Server) -> None:
    email = "page-password@example.com"
    with session_scope(server.settings.app_database_url) as s:
        auth.add_user(s, email, password=PASSWORD)
    client = browser(server)
    token = form_token(client.get("/login").text, "login_token")
    client.post("/login", data={"email": email, "password": PASSWORD, "login_token": token})
    page = client.get("/account/password")
    csrf = form_token(page.text, "csrf_token")
    wrong = client.post(
        "/account/password",
        data={
            "csrf_token": csrf,
            "current_password": "not it",
            "new_password": "another long passphrase",
            "confirm_password": "another long passphrase",
        },
    )
    assert wrong.status_code == 422 and "This is not your current password." in wrong.text
    done = client.post(
        "/account/password",
        data={
            "csrf_token": csrf,
            "current_password": PASSWORD,
            "new_password": "another long passphrase",
            "confirm_password": "another long passphrase",
        },
    )
    assert done.headers["location"] == "/login?password_changed=1"
    assert client.get("/account/password").status_code == 303


def test_a_reset_token_sets_a_password_once(server: Server) -> None:
    email = "page-reset@example.com"
    with session_scope(server.settings.app_database_url) as s:
        auth.add_user(s, email)
        secret = auth.reset_token(s, email)
    client = browser(server)
    page = client.get("/reset-password", params={"token": secret})
    assert f'value="{secret}"' in page.text
    body = {"token": secret, "password": PASSWORD, "confirm_password": PASSWORD}
    assert client.post("/reset-password", data=body).headers["location"] == "/login?password_set=1"
    again = client.post("/reset-password", data=body)
    assert again.status_code == 422 and "unknown, used or expired" in again.text
