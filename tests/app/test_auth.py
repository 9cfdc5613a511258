"""Signing in and the protections around it, against the real server: cookie flags, CSRF,
session fixation, rate limiting, lockout, token revocation and expiry, one-time reset tokens."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from mpm import auth
from mpm.auth import Role
from mpm.auth.sessions import LIMITER, LOCK_AFTER, MAX_ATTEMPTS_PER_EMAIL
from mpm.store import session_scope
from mpm.store.models import WorkspaceRow
from tests.app.conftest import PASSWORD, Server

LOGIN, RESET = "/api/v1/auth/login", "/api/v1/auth/password-reset"
DECISION = {"subject_kind": "other", "subject": "auth test", "what": "tested", "why": "tests"}


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def new_user(server: Server, email: str, role: Role = Role.EDITOR) -> str:
    with session_scope(server.settings.app_database_url) as s:
        user = auth.add_user(s, email, password=PASSWORD)
        acme = s.query(WorkspaceRow).filter_by(slug="acme").one()
        auth.set_membership(s, user.id, acme.id, role)
    return email


def sign_in(server: Server, email: str, password: str = PASSWORD, **headers: str) -> httpx.Client:
    client = server.client()
    response = client.post(LOGIN, json={"email": email, "password": password}, headers=headers)
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


def test_the_session_cookie_is_httponly_samesite_and_secure_over_https(server: Server) -> None:
    email = new_user(server, "cookie@example.com")
    plain = server.client().post(LOGIN, json={"email": email, "password": PASSWORD})
    cookie = plain.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" not in cookie
    assert "strict-transport-security" not in plain.headers
    # behind a TLS proxy (trusted: loopback) the cookie is Secure and HSTS is sent
    tls = server.client().post(
        LOGIN,
        json={"email": email, "password": PASSWORD},
        headers={"X-Forwarded-Proto": "https"},
    )
    assert "; secure" in tls.headers["set-cookie"].lower()
    assert tls.headers["strict-transport-security"].startswith("max-age=")
    assert PASSWORD not in tls.text and "mpm_ses_" not in tls.text  # the id is only in the cookie


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(server: Server) -> None:
    new_user(server, "same@example.com")
    client = server.client()
    wrong = client.post(LOGIN, json={"email": "same@example.com", "password": "x"})
    unknown = client.post(LOGIN, json={"email": "nobody@example.com", "password": "x"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["detail"] == unknown.json()["detail"] == "wrong e-mail or password"


def test_cookie_signed_writes_need_the_csrf_token(server: Server) -> None:
    client = sign_in(server, new_user(server, "csrf@example.com"))
    token = client.headers.pop("X-CSRF-Token")
    assert client.get("/api/v1/workspaces/acme/decisions").status_code == 200  # reads need none
    refused = client.post("/api/v1/workspaces/acme/decisions", json=DECISION)
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]
    forged = client.post(
        "/api/v1/workspaces/acme/decisions", json=DECISION, headers={"X-CSRF-Token": "forged"}
    )
    assert forged.status_code == 403
    done = client.post(
        "/api/v1/workspaces/acme/decisions", json=DECISION, headers={"X-CSRF-Token": token}
    )
    assert done.status_code == 201, done.text


def test_no_session_fixation_every_sign_in_makes_a_new_session(server: Server) -> None:
    email = new_user(server, "fixation@example.com")
    planted = server.client()
    planted.cookies.set("mpm_session", "mpm_ses_chosen-by-an-attacker")
    assert planted.get("/api/v1/me").status_code == 401  # an id the server did not make
    first = sign_in(server, email)
    second = sign_in(server, email)
    ids = {first.cookies["mpm_session"], second.cookies["mpm_session"]}
    assert len(ids) == 2 and "mpm_ses_chosen-by-an-attacker" not in ids
    old = first.cookies["mpm_session"]
    assert first.post("/api/v1/auth/logout").status_code == 204
    replay = server.client()
    replay.cookies.set("mpm_session", old)
    assert replay.get("/api/v1/me").status_code == 401  # ended on the server, not only cleared
    assert second.get("/api/v1/me").status_code == 200


def test_sign_in_attempts_are_rate_limited(server: Server) -> None:
    client = server.client()
    codes = [
        client.post(LOGIN, json={"email": "flood@example.com", "password": "x"}).status_code
        for _ in range(MAX_ATTEMPTS_PER_EMAIL + 1)
    ]
    assert codes[:-1] == [401] * MAX_ATTEMPTS_PER_EMAIL and codes[-1] == 429
    last = client.post(LOGIN, json={"email": "flood@example.com", "password": "x"})
    assert last.status_code == 429 and int(last.headers["retry-after"]) > 0


def test_an_account_locks_after_wrong_passwords_until_enabled(server: Server) -> None:
    email = new_user(server, "locked@example.com")
    client = server.client()
    for _ in range(LOCK_AFTER):
        assert client.post(LOGIN, json={"email": email, "password": "wrong"}).status_code == 401
    right = client.post(LOGIN, json={"email": email, "password": PASSWORD})
    assert right.status_code == 429 and "locked" in right.json()["detail"]
    with session_scope(server.settings.app_database_url) as s:
        auth.enable_user(s, email)
    sign_in(server, email)


def test_revoked_tokens_and_disabled_users_stop_at_once(server: Server) -> None:
    email = new_user(server, "tokens@example.com", Role.ANALYST)
    owner = server.as_role("owner")
    created = owner.post(
        "/api/v1/workspaces/acme/tokens", json={"email": email, "expires_days": 1}
    ).json()
    assert created["role"] == "analyst" and created["token"].startswith("mpm_tok_")
    listed = owner.get("/api/v1/workspaces/acme/tokens", params={"limit": 1000}).json()["items"]
    assert created["token"] not in str(listed)  # never shown again
    mine = server.client(created["token"])
    assert mine.get("/api/v1/workspaces/acme/tables").status_code == 200
    assert owner.delete(f"/api/v1/workspaces/acme/tokens/{created['id']}").status_code == 200
    assert mine.get("/api/v1/workspaces/acme/tables").status_code == 401
    second = owner.post("/api/v1/workspaces/acme/tokens", json={"email": email}).json()["token"]
    with session_scope(server.settings.app_database_url) as s:
        auth.disable_user(s, email)
    assert server.client(second).get("/api/v1/me").status_code == 401


def test_a_token_cannot_be_more_than_its_member(server: Server) -> None:
    email = new_user(server, "viewer-token@example.com", Role.VIEWER)
    response = server.as_role("owner").post(
        "/api/v1/workspaces/acme/tokens", json={"email": email, "role": "editor"}
    )
    assert response.status_code == 400 and "cannot be editor" in response.json()["detail"]


def test_a_reset_token_works_once_and_ends_the_old_sessions(server: Server) -> None:
    email = new_user(server, "reset@example.com")
    before = sign_in(server, email)
    with session_scope(server.settings.app_database_url) as s:
        token = auth.reset_token(s, email)
    public = server.client()
    new = "an entirely new passphrase"
    ok = public.post(RESET, json={"token": token, "password": new})
    assert ok.status_code == 200, ok.text
    again = public.post(RESET, json={"token": token, "password": new + "!"})
    assert again.status_code == 401 and "used or expired" in again.json()["detail"]
    assert before.get("/api/v1/me").status_code == 401  # sessions end with a new password
    sign_in(server, email, new)
    short = public.post(RESET, json={"token": "mpm_reset_x", "password": "y"})
    assert short.status_code == 401


def test_an_invited_client_viewer_sees_only_their_workspace(server: Server) -> None:
    """The owner invites a client: a one-time token to choose a password, then the client
    sees acme only, cannot edit, and gets 404 for every other workspace."""
    owner = server.as_role("owner")
    invited = owner.post(
        "/api/v1/workspaces/acme/members",
        json={"email": "client@acme.test", "role": "viewer"},
    )
    assert invited.status_code == 201, invited.text
    reset = invited.json()["reset_token"]
    server.client().post(RESET, json={"token": reset, "password": "the client's passphrase"})
    client = sign_in(server, "client@acme.test", "the client's passphrase")
    mine = client.get("/api/v1/workspaces").json()["items"]
    assert [(w["slug"], w["role"]) for w in mine] == [("acme", "viewer")]
    assert client.get("/api/v1/workspaces/other/objectives").status_code == 404
    assert client.post("/api/v1/workspaces/acme/decisions", json=DECISION).status_code == 403
