"""Every write through the API leaves audit entries naming who did it, through which request,
with the values before and after; owners read and export them. The list of writes below must
cover every write route of the app, so a new one cannot go unaudited."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import httpx
from sqlalchemy import func, select

from mpm import auth, explore, plans
from mpm.store import session_scope
from mpm.store.models import AuditRow
from tests.app.conftest import PASSWORD, Server
from tests.app.test_authorization import ROUTES
from tests.app.test_pages import form_token
from tests.helpers import TEST_DATA

GOOGLE_ADS = TEST_DATA / "exports" / "google_ads_campaign_report_by_day.csv"


def entries_since(server: Server, first_id: int) -> list[AuditRow]:
    with session_scope(server.settings.app_database_url) as s:
        return list(s.scalars(select(AuditRow).where(AuditRow.id > first_id)))


def last_id(server: Server) -> int:
    with session_scope(server.settings.app_database_url) as s:
        return int(s.scalar(select(func.max(AuditRow.id))) or 0)


def explore_pages(server: Server, write: Any) -> None:
    """The explore page's forms: saving and deleting a view, adding and deleting a note."""
    page, query = "/w/{workspace}/explore", "kpi=revenue&grain=month"
    write("POST", f"{page}/views", path="/w/acme/explore/views", data={"name": "P", "query": query})
    view = next(v for v in explore.list_views(workspace="acme", settings=server.settings))
    write(
        "POST",
        f"{page}/views/{{view_id}}/delete",
        path=f"/w/acme/explore/views/{view.id}/delete",
        data={"query": query},
    )
    form = {"day": "2026-05-02", "text": "Page note", "query": query}
    write("POST", f"{page}/annotations", path="/w/acme/explore/annotations", data=form)
    note = explore.list_annotations(workspace="acme", settings=server.settings)[-1]
    write(
        "POST",
        f"{page}/annotations/{{annotation_id}}/delete",
        path=f"/w/acme/explore/annotations/{note.id}/delete",
        data={"query": query},
    )


def planning_pages(server: Server, write: Any) -> None:
    """The forms of the objectives and the plans & budgets pages."""
    o = "/w/{workspace}/objectives"
    form = {
        "name": "Page objective",
        "kpi": "revenue",
        "target": "1000",
        "start": "2027-07-01",
        "end": "2027-09-30",
        "owner": "o@example.com",
        "keep_weaknesses": "1",
    }
    created = write("POST", f"{o}/new", path="/w/acme/objectives/new", data=form)
    oid = created.headers["location"].split("/")[-1].split("?")[0]
    write(
        "POST",
        f"{o}/{{objective_id}}/reviews",
        path=f"/w/acme/objectives/{oid}/reviews",
        data={"note": "page review"},
    )
    write(
        "POST",
        f"{o}/{{objective_id}}/edit",
        path=f"/w/acme/objectives/{oid}/edit",
        data={"target": "1100", "reason": "page change"},
    )
    p = "/w/{workspace}/plans"
    line = {"line_period": "2027-Q3", "channel": "Email", "planned": "300"}
    write("POST", f"{p}/lines", path="/w/acme/plans/lines", data=line)
    write("POST", f"{p}/lines", path="/w/acme/plans/lines", data=line | {"channel": "Referral"})
    refs = {b.ref: b.id for b in plans.list_budgets(workspace="acme", settings=server.settings)}
    move = {
        "from_line": str(refs["2027-Q3:Email"]),
        "to_line": str(refs["2027-Q3:Referral"]),
        "amount": "10",
        "reason": "page move",
    }
    write("POST", f"{p}/reallocate", path="/w/acme/plans/reallocate", data=move)


def campaign_pages(server: Server, write: Any) -> None:
    """The forms of the campaigns & activities page and of one campaign's page."""
    c = "/w/{workspace}/campaigns"
    form = {
        "name": "Audited page campaign",
        "channel": "Email",
        "start": "2027-03-01",
        "end": "2027-03-31",
        "budget": "500",
        "owner": "o@example.com",
    }
    created = write("POST", c, path="/w/acme/campaigns", data=form)
    cid = created.headers["location"].split("/")[-1].split("?")[0]
    write(
        "POST",
        f"{c}/{{campaign_id}}/status",
        path=f"/w/acme/campaigns/{cid}/status",
        data={"status": "live"},
    )
    write(
        "POST",
        f"{c}/{{campaign_id}}/edit",
        path=f"/w/acme/campaigns/{cid}/edit",
        data={"budget": "600", "reason": "page budget change"},
    )
    activity = {"title": "Audited page activity", "due": "2027-03-05", "campaign": form["name"]}
    write("POST", "/w/{workspace}/activities", path="/w/acme/activities", data=activity)
    found = plans.list_activities(campaign=form["name"], workspace="acme", settings=server.settings)
    write(
        "POST",
        "/w/{workspace}/activities/{activity_id}/status",
        path=f"/w/acme/activities/{found[0].id}/status",
        data={"status": "doing"},
    )


def test_every_write_route_is_audited_with_who_and_the_request(server: Server) -> None:
    owner = server.as_role("owner")
    done: set[tuple[str, str]] = set()

    def write(method: str, route: str, **kwargs: Any) -> httpx.Response:
        path = kwargs.pop("path", route)
        client = kwargs.pop("client", owner)
        actor = kwargs.pop("actor", server.emails["owner"])
        via = kwargs.pop("via", "api")
        before = last_id(server)
        response = client.request(method, path, **kwargs)
        assert response.status_code < 300 or response.status_code == 303, (route, response.text)
        new = entries_since(server, before)
        assert new, f"{method} {route} wrote no audit entry"
        assert {e.actor for e in new} == {actor}, (route, {e.actor for e in new})
        assert {e.request_id for e in new} == {response.headers["x-request-id"]}
        assert all(e.via == via for e in new), (route, {e.via for e in new})
        for entry in new:
            for values in (entry.before or {}, entry.after or {}):
                assert "$argon2" not in json.dumps(values)  # no secret ever in the log
        done.add((method, route))
        return response

    w = "/api/v1/workspaces/{workspace}"
    a = "/api/v1/workspaces/acme"
    # signing in, a workspace of one's own, password change (sessions of the user's own)
    session = server.client()
    signed = write(
        "POST",
        "/api/v1/auth/login",
        client=session,
        json={"email": server.emails["owner"], "password": PASSWORD},
    )
    session.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
    write("POST", "/api/v1/workspaces", client=session, json={"slug": "audited", "name": "Audited"})
    write(
        "PATCH",
        f"{w}",
        path="/api/v1/workspaces/audited",
        client=session,
        json={"timezone": "Europe/Berlin"},
    )
    # members and tokens
    member = write(
        "POST",
        f"{w}/members",
        path=f"{a}/members",
        json={"email": "audit-m@example.com", "role": "viewer"},
    ).json()
    uid = member["user"]["id"]
    write("PATCH", f"{w}/members/{{user_id}}", path=f"{a}/members/{uid}", json={"role": "analyst"})
    token = write(
        "POST", f"{w}/tokens", path=f"{a}/tokens", json={"email": "audit-m@example.com"}
    ).json()
    write("DELETE", f"{w}/tokens/{{token_id}}", path=f"{a}/tokens/{token['id']}")
    write(
        "POST",
        "/api/v1/auth/password-reset",
        client=server.client(),
        actor="password reset",
        json={"token": member["reset_token"], "password": "the member's passphrase"},
    )
    write("DELETE", f"{w}/members/{{user_id}}", path=f"{a}/members/{uid}")
    # data
    with GOOGLE_ADS.open("rb") as f:
        load = write(
            "POST",
            f"{w}/imports",
            path=f"{a}/imports",
            files={"file": (GOOGLE_ADS.name, f, "text/csv")},
        ).json()
    write("POST", f"{w}/loads/{{load_id}}/revert", path=f"{a}/loads/{load['load_id']}/revert")
    # objectives, reviews, decisions
    objective = write(
        "POST",
        f"{w}/objectives",
        path=f"{a}/objectives",
        json={
            "name": "Audit revenue",
            "kpi": "revenue",
            "target": 1000,
            "start": "2027-01-01",
            "end": "2027-03-31",
        },
    ).json()
    oid = objective["id"]
    write(
        "PATCH",
        f"{w}/objectives/{{objective_id}}",
        path=f"{a}/objectives/{oid}",
        json={"target": 1200, "reason": "audit"},
    )
    write(
        "POST",
        f"{w}/objectives/{{objective_id}}/reviews",
        path=f"{a}/objectives/{oid}/reviews",
        json={"note": "fine"},
    )
    write(
        "POST",
        f"{w}/decisions",
        path=f"{a}/decisions",
        json={"subject_kind": "other", "subject": "audit", "what": "w", "why": "y"},
    )
    # budgets and campaigns
    write(
        "PUT",
        f"{w}/budgets",
        path=f"{a}/budgets",
        json={"period": "2027-Q2", "channel": "Email", "planned": 500},
    )
    write(
        "PUT",
        f"{w}/budgets",
        path=f"{a}/budgets",
        json={"period": "2027-Q2", "channel": "Referral", "planned": 100},
    )
    write(
        "POST",
        f"{w}/reallocations",
        path=f"{a}/reallocations",
        json={
            "from_line": "2027-Q2:Email",
            "to_line": "2027-Q2:Referral",
            "amount": 50,
            "reason": "audit",
        },
    )
    campaign = write(
        "POST",
        f"{w}/campaigns",
        path=f"{a}/campaigns",
        json={
            "name": "Audit campaign",
            "channel": "Email",
            "start": "2027-04-01",
            "end": "2027-04-30",
            "budget": 100,
        },
    ).json()
    write(
        "PATCH",
        f"{w}/campaigns/{{campaign_id}}",
        path=f"{a}/campaigns/{campaign['id']}",
        json={"owner": "x@example.com"},
    )
    activity = write(
        "POST",
        f"{w}/activities",
        path=f"{a}/activities",
        json={"title": "Audit task", "due": "2027-03-01", "campaign": "Audit campaign"},
    ).json()
    write(
        "PATCH",
        f"{w}/activities/{{activity_id}}",
        path=f"{a}/activities/{activity['id']}",
        json={"due": "2027-03-02"},
    )
    write(
        "POST", f"{w}/activities/{{activity_id}}/done", path=f"{a}/activities/{activity['id']}/done"
    )
    write("POST", f"{w}/privacy/forget", path=f"{a}/privacy/forget", json={"customer_id": "C-none"})
    # the owner's own password, signing out, deleting a workspace
    write(
        "POST",
        "/api/v1/auth/password",
        client=session,
        json={"current_password": PASSWORD, "new_password": PASSWORD + " (new)"},
    )
    session = server.client()
    signed = write(
        "POST",
        "/api/v1/auth/login",
        client=session,
        json={"email": server.emails["owner"], "password": PASSWORD + " (new)"},
    )
    session.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
    write(
        "POST",
        f"{w}/delete",
        path="/api/v1/workspaces/audited/delete",
        client=session,
        json={"confirm": "audited"},
    )
    write("POST", "/api/v1/auth/logout", client=session, actor="signed-out session")

    # saved views and annotations
    view = write(
        "POST",
        f"{w}/views",
        path=f"{a}/views",
        json={"name": "Audit view", "query": {"kpi": "spend", "by": "channel"}},
    ).json()
    write("DELETE", f"{w}/views/{{view_id}}", path=f"{a}/views/{view['id']}")
    note = write(
        "POST",
        f"{w}/annotations",
        path=f"{a}/annotations",
        json={"day": "2026-05-01", "text": "Audit note"},
    ).json()
    write(
        "DELETE",
        f"{w}/annotations/{{annotation_id}}",
        path=f"{a}/annotations/{note['id']}",
    )
    explore_pages(server, write)
    planning_pages(server, write)
    campaign_pages(server, write)
    # the same through the pages' forms
    page = server.client()
    login_token = form_token(page.get("/login").text, "login_token")
    form = {"email": server.emails["owner"], "password": PASSWORD + " (new)"}
    write("POST", "/login", client=page, via="web", data=form | {"login_token": login_token})
    csrf = form_token(page.get("/account/password").text, "csrf_token")
    write(
        "POST",
        "/account/password",
        client=page,
        via="web",
        data={
            "csrf_token": csrf,
            "current_password": PASSWORD + " (new)",
            "new_password": PASSWORD,
            "confirm_password": PASSWORD,
        },
    )
    with session_scope(server.settings.app_database_url) as s:
        auth.add_user(s, "audit-reset@example.com")
        secret = auth.reset_token(s, "audit-reset@example.com")
    write(
        "POST",
        "/reset-password",
        client=server.client(),
        via="web",
        actor="password reset",
        data={"token": secret, "password": PASSWORD, "confirm_password": PASSWORD},
    )
    page = server.client()
    login_token = form_token(page.get("/login").text, "login_token")
    form = {"email": server.emails["owner"], "password": PASSWORD}
    write("POST", "/login", client=page, via="web", data=form | {"login_token": login_token})
    csrf = form_token(page.get("/account/password").text, "csrf_token")
    write(
        "POST",
        "/logout",
        client=page,
        via="web",
        data={"csrf_token": csrf},
    )

    # the data and settings pages' forms (a workspace of the owner's for its settings)
    page = server.client()
    login_token = form_token(page.get("/login").text, "login_token")
    owner_form = {"email": server.emails["owner"], "password": PASSWORD}
    page.post("/login", data=owner_form | {"login_token": login_token})
    csrf = form_token(page.get("/w/acme/data").text, "csrf_token")
    made = page.post(
        "/api/v1/workspaces", json={"slug": "audited-pages"}, headers={"X-CSRF-Token": csrf}
    )
    assert made.status_code == 201, made.text
    fields = {"name": "Audited pages", "base_currency": "EUR", "timezone": "UTC"}
    fields |= {"fiscal_year_start_month": "1", "week_start": "monday", "locale": "en_US"}
    web: dict[str, Any] = {"client": page, "via": "web"}
    write(
        "POST",
        "/w/{workspace}/settings",
        path="/w/audited-pages/settings",
        **web,
        data={"csrf_token": csrf, **fields},
    )
    pages = "/w/{workspace}/settings"
    write(
        "POST",
        f"{pages}/members",
        path="/w/acme/settings/members",
        **web,
        data={"csrf_token": csrf, "email": "audit-web@example.com", "role": "viewer"},
    )
    with session_scope(server.settings.app_database_url) as session:
        uid = auth.user_row(session, "audit-web@example.com").id
    write(
        "POST",
        f"{pages}/members/{{user_id}}/role",
        path=f"/w/acme/settings/members/{uid}/role",
        **web,
        data={"csrf_token": csrf, "role": "analyst"},
    )
    write(
        "POST",
        f"{pages}/tokens",
        path="/w/acme/settings/tokens",
        **web,
        data={"csrf_token": csrf, "email": "audit-web@example.com", "name": "audit web"},
    )
    with session_scope(server.settings.app_database_url) as session:
        tid = max(t.id for t in auth.list_tokens(session) if t.name == "audit web")
    write(
        "POST",
        f"{pages}/tokens/{{token_id}}/revoke",
        path=f"/w/acme/settings/tokens/{tid}/revoke",
        **web,
        data={"csrf_token": csrf},
    )
    write(
        "POST",
        f"{pages}/members/{{user_id}}/remove",
        path=f"/w/acme/settings/members/{uid}/remove",
        **web,
        data={"csrf_token": csrf},
    )
    with GOOGLE_ADS.open("rb") as f:
        loaded = write(
            "POST",
            "/w/{workspace}/data/imports",
            path="/w/acme/data/imports",
            **web,
            data={"csrf_token": csrf},
            files={"file": (GOOGLE_ADS.name, f, "text/csv")},
        )
    load_id = loaded.headers["location"].split("loaded=")[1].split("&")[0]
    write(
        "POST",
        "/w/{workspace}/data/loads/{load_id}/revert",
        path=f"/w/acme/data/loads/{load_id}/revert",
        **web,
        data={"csrf_token": csrf},
    )
    deleted = page.post(
        "/api/v1/workspaces/audited-pages/delete",
        json={"confirm": "audited-pages"},
        headers={"X-CSRF-Token": csrf},
    )
    assert deleted.status_code == 204, deleted.text

    writes = {(m, p) for m, p, _ in ROUTES if m in ("POST", "PUT", "PATCH", "DELETE")}
    assert writes - done == set(), "write routes the audit test does not cover"


def test_owners_read_and_export_the_audit_log(server: Server) -> None:
    owner = server.as_role("owner")
    page = owner.get("/api/v1/workspaces/acme/audit", params={"limit": 5}).json()
    assert page["total"] > 5 and len(page["items"]) == 5
    ids = [e["id"] for e in page["items"]]
    assert ids == sorted(ids, reverse=True)  # newest first
    decisions = owner.get("/api/v1/workspaces/acme/audit", params={"entity": "decisions"}).json()
    assert {e["entity"] for e in decisions["items"]} == {"decisions"}
    exported = owner.get("/api/v1/workspaces/acme/audit/export", params={"format": "csv"})
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert len(rows) == page["total"] and exported.headers["content-disposition"].startswith(
        "attachment"
    )
    lines = owner.get(
        "/api/v1/workspaces/acme/audit/export", params={"format": "jsonl"}
    ).text.splitlines()
    assert len(lines) == page["total"] and json.loads(lines[0])["id"] == ids[0]
    assert server.as_role("editor").get("/api/v1/workspaces/acme/audit").status_code == 403
