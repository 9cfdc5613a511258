"""The settings pages against the real server: the workspace's settings round-trip through
the form (a bad value is said next to its field); members are invited (a new person's
password link shown once), change role and leave, and the last owner stays; an API token's
secret is shown once and works until revoked; non-owners read the settings, the channel
rules and the KPI catalog with no control to change anything, and a forged post is refused."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from mpm import auth
from mpm.auth import LIMITER
from mpm.services import workspaces
from tests.app.conftest import Server
from tests.app.test_pages import browser, form_token, sign_in
from tests.app.test_pages_data import form_csrf, own_workspace


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


@pytest.fixture(scope="module")
def owner(server: Server) -> httpx.Client:
    """The owner, signed in through the form, with a workspace of their own to change."""
    return own_workspace(server, "pages-settings")


def csrf_of(client: httpx.Client, path: str, action: str | None = None) -> str:
    """The CSRF token of the form on page `path` that posts to `action` (default: `path`)."""
    return form_csrf(client.get(path).text, action or path)


def current(server: Server, slug: str = "pages-settings") -> workspaces.WorkspaceSettings:
    return workspaces.get_workspace(auth.local_principal(), slug, settings=server.settings)


def member_emails(server: Server, slug: str = "pages-settings") -> dict[str, str]:
    found = workspaces.list_members(auth.local_principal(), slug, settings=server.settings)
    return {u.email: next(m.role for m in u.memberships if m.workspace == slug) for u in found}


def selected(html: str, name: str) -> str:
    block = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    found = re.search(r'<option value="([^"]*)" selected>', block)
    assert found, f"nothing selected in {name}"
    return found.group(1)


SETTINGS = {
    "name": "Pages Settings GmbH",
    "base_currency": "EUR",
    "timezone": "Europe/Berlin",
    "fiscal_year_start_month": "4",
    "week_start": "sunday",
    "locale": "de_DE",
}


def test_the_settings_round_trip_through_the_form(server: Server, owner: httpx.Client) -> None:
    url = "/w/pages-settings/settings"
    page = owner.get(url)
    assert page.status_code == 200 and f'action="{url}"' in page.text
    done = owner.post(url, data={"csrf_token": form_csrf(page.text, url), **SETTINGS})
    assert done.status_code == 303 and done.headers["location"] == f"{url}?saved=1"
    shown = owner.get(done.headers["location"])
    assert "The settings are saved." in shown.text
    assert 'value="Pages Settings GmbH"' in shown.text and 'value="de_DE"' in shown.text
    for name in ("base_currency", "timezone", "fiscal_year_start_month", "week_start"):
        assert selected(shown.text, name) == SETTINGS[name]
    ws = current(server)
    assert (ws.name, ws.base_currency, ws.timezone) == (
        "Pages Settings GmbH",
        "EUR",
        "Europe/Berlin",
    )
    assert (ws.fiscal_year_start_month, ws.week_start, ws.locale) == (4, "sunday", "de_DE")


def test_a_bad_setting_is_said_next_to_its_field_and_nothing_changes(
    server: Server, owner: httpx.Client
) -> None:
    url = "/w/pages-settings/settings"
    before = current(server)
    wrong = owner.post(
        url,
        data={
            "csrf_token": csrf_of(owner, url),
            **SETTINGS,
            "name": "Renamed",
            "timezone": "Mars/Olympus",
        },
    )
    assert wrong.status_code == 422
    text = wrong.text.replace("&#39;", "'")
    assert "id=\"timezone-error\">Unknown time zone 'Mars/Olympus'" in text
    assert 'value="Renamed"' in text  # what was typed is kept
    assert current(server) == before
    empty = owner.post(url, data={"csrf_token": csrf_of(owner, url), **SETTINGS, "locale": ""})
    assert empty.status_code == 422 and 'id="locale-error">Fill this in.' in empty.text


def test_members_are_invited_change_role_and_leave(server: Server, owner: httpx.Client) -> None:
    url = "/w/pages-settings/settings/members"
    invited = owner.post(
        url,
        data={
            "csrf_token": csrf_of(owner, url),
            "email": "invited-page@example.com",
            "name": "Invited Person",
            "role": "analyst",
        },
    )
    assert invited.status_code == 200
    assert invited.headers["cache-control"] == "no-store"
    link = re.search(r'value="(http://[^"]+/reset-password\?token=[^"]+)"', invited.text)
    assert link and "It is shown only now" in invited.text
    assert member_emails(server)["invited-page@example.com"] == "analyst"
    assert "reset-password?token=" not in owner.get(url).text  # once only
    reset = browser(server).get(link.group(1).replace("&amp;", "&"))
    assert reset.status_code == 200 and "token" in reset.text

    # someone with an account gets the role at once, and no link
    known = owner.post(
        url, data={"csrf_token": csrf_of(owner, url), "email": server.emails["viewer"]}
    )
    assert known.status_code == 303
    shown = owner.get(known.headers["location"])
    assert f"{server.emails['viewer']} is a member now." in shown.text
    assert member_emails(server)[server.emails["viewer"]] == "viewer"

    users = workspaces.list_members(
        auth.local_principal(), "pages-settings", settings=server.settings
    )
    user_id = next(u.id for u in users if u.email == "invited-page@example.com")
    changed = owner.post(
        f"{url}/{user_id}/role",
        data={"csrf_token": csrf_of(owner, url, f"{url}/{user_id}/role"), "role": "editor"},
    )
    assert changed.status_code == 303
    assert (
        "The role of invited-page@example.com is changed."
        in owner.get(changed.headers["location"]).text
    )
    assert member_emails(server)["invited-page@example.com"] == "editor"

    removed = owner.post(
        f"{url}/{user_id}/remove",
        data={"csrf_token": csrf_of(owner, url, f"{url}/{user_id}/remove")},
    )
    assert removed.status_code == 303
    assert (
        "invited-page@example.com is no longer a member"
        in owner.get(removed.headers["location"]).text
    )
    assert "invited-page@example.com" not in member_emails(server)

    bad = owner.post(url, data={"csrf_token": csrf_of(owner, url), "email": "not an address"})
    assert bad.status_code == 422 and 'id="email-error"' in bad.text


def test_the_last_owner_stays_and_is_told_why(server: Server, owner: httpx.Client) -> None:
    url = "/w/pages-settings/settings/members"
    users = workspaces.list_members(
        auth.local_principal(), "pages-settings", settings=server.settings
    )
    me = next(u.id for u in users if u.email == server.emails["owner"])
    response = owner.post(
        f"{url}/{me}/remove", data={"csrf_token": csrf_of(owner, url, f"{url}/{me}/remove")}
    )
    assert response.status_code == 409
    row = response.text.split(f'id="member-{me}"', 1)[1].split("</tr>", 1)[0]
    assert "A workspace keeps at least one owner" in row
    demoted = owner.post(
        f"{url}/{me}/role",
        data={"csrf_token": csrf_of(owner, url, f"{url}/{me}/role"), "role": "viewer"},
    )
    assert demoted.status_code == 409
    assert member_emails(server)[server.emails["owner"]] == "owner"


def test_a_token_secret_is_shown_once_and_works_until_revoked(
    server: Server, owner: httpx.Client
) -> None:
    url = "/w/pages-settings/settings/tokens"
    created = owner.post(
        url,
        data={
            "csrf_token": csrf_of(owner, url),
            "email": server.emails["owner"],
            "role": "viewer",
            "expires_days": "30",
            "name": "page token",
        },
    )
    assert created.status_code == 200
    assert created.headers["cache-control"] == "no-store"
    secret = re.search(r'id="token-secret" class="secret-value" value="([^"]+)"', created.text)
    assert secret and "It is shown only now" in created.text
    token = secret.group(1)
    api = server.client(token)
    me = api.get("/api/v1/me").json()
    assert me["workspaces"] == [{"workspace": "pages-settings", "role": "viewer"}]

    listing = owner.get(url)
    assert token not in listing.text and "page token" in listing.text
    token_id = int(re.findall(r'id="token-(\d+)"', listing.text)[0])
    revoked = owner.post(
        f"{url}/{token_id}/revoke",
        data={"csrf_token": csrf_of(owner, url, f"{url}/{token_id}/revoke")},
    )
    assert revoked.status_code == 303
    assert "Token “page token” is revoked" in owner.get(revoked.headers["location"]).text
    assert api.get("/api/v1/me").status_code == 401

    too_much = owner.post(
        url,
        data={
            "csrf_token": csrf_of(owner, url),
            "email": server.emails["viewer"],
            "role": "owner",
            "expires_days": "30",
        },
    )
    assert too_much.status_code == 422
    assert 'id="role-error">' in too_much.text and "a token cannot be owner" in too_much.text


def test_non_owners_read_the_settings_with_no_controls(server: Server) -> None:
    client = sign_in(server, "editor")
    page = client.get("/w/acme/settings")
    assert page.status_code == 200
    assert "Base currency" in page.text and "USD" in page.text
    assert 'method="post"' not in page.text.replace('method="post" action="/logout"', "")
    assert "settings/members" not in page.text and "settings/tokens" not in page.text
    assert client.get("/w/acme/settings/members").status_code == 403
    assert client.get("/w/acme/settings/tokens").status_code == 403
    rules = client.get("/w/acme/settings/channels")
    assert rules.status_code == 200 and "Paid Search" in rules.text
    assert "always (every row left)" in rules.text
    catalog = client.get("/w/acme/settings/metrics")
    assert catalog.status_code == 200
    assert 'id="kpi-ctr"' in catalog.text and "clicks / impressions" in catalog.text
    for html in (rules.text, catalog.text):
        assert 'method="post"' not in html.replace('method="post" action="/logout"', "")


def test_a_forged_post_of_a_non_owner_is_refused(server: Server) -> None:
    client = sign_in(server, "viewer")
    csrf = form_token(client.get("/w/acme/settings").text, "csrf_token")  # the viewer's own
    before = current(server, "acme")
    for path, body in (
        ("/w/acme/settings", SETTINGS),
        ("/w/acme/settings/members", {"email": "forged@example.com", "role": "owner"}),
        ("/w/acme/settings/tokens", {"email": server.emails["viewer"]}),
    ):
        response = client.post(path, data={"csrf_token": csrf, **body})
        assert response.status_code == 403, path
    assert current(server, "acme") == before
    assert "forged@example.com" not in member_emails(server, "acme")


def test_the_workspaces_own_channel_rules_come_first(server: Server) -> None:
    client = sign_in(server, "viewer")
    rules = server.settings.workspace_dir("acme") / "channels.yml"
    rules.parent.mkdir(parents=True, exist_ok=True)
    try:
        rules.write_text(
            "rules:\n  - channel: Podcasts\n    when: {source: '^podcast$'}\n", encoding="utf-8"
        )
        page = client.get("/w/acme/settings/channels")
        first = page.text.split("<tbody>", 1)[1].split("</tr>", 1)[0]
        assert "Podcasts" in first and "workspace" in first and "^podcast$" in first
        assert "The first rule comes from this workspace" in page.text
        rules.write_text("rules: [unclosed", encoding="utf-8")
        broken = client.get("/w/acme/settings/channels")
        assert broken.status_code == 200 and "not valid YAML" in broken.text
        assert "Paid Search" in broken.text  # the defaults still show
    finally:
        rules.unlink(missing_ok=True)
