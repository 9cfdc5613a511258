"""The data-protection routes of the real server: forgetting a person and exporting a
workspace (owners only), and uploads with `hash_pii`."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator

import httpx
import pytest

from mpm.auth import Role
from mpm.config import Settings
from mpm.ingest import pii
from tests.helpers import TEST_DATA
from tests.services.conftest import live_query, member_token, serve


@pytest.fixture
def api(demo_settings: Settings) -> Iterator[dict[str, httpx.Client]]:
    tokens = {
        role: member_token(demo_settings, f"{role.value}@agency.example", role)
        for role in (Role.ANALYST, Role.OWNER)
    }
    with serve(demo_settings) as url:
        clients = {
            role.value: httpx.Client(
                base_url=f"{url}/api/v1/workspaces/default",
                headers={"Authorization": f"Bearer {token}"},
                timeout=60,
            )
            for role, token in tokens.items()
        }
        yield clients
        for client in clients.values():
            client.close()


def test_owners_forget_a_person_through_the_api(
    api: dict[str, httpx.Client], demo_settings: Settings
) -> None:
    customer = str(live_query(demo_settings, "SELECT customer_id FROM orders LIMIT 1")[0][0])
    denied = api["analyst"].post("/privacy/forget", json={"customer_id": customer})
    assert denied.status_code == 403
    dry = api["owner"].post("/privacy/forget", json={"customer_id": customer, "dry_run": True})
    assert dry.status_code == 200 and not dry.json()["deleted"] and dry.json()["total"] > 0
    done = api["owner"].post("/privacy/forget", json={"customer_id": customer})
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["deleted"] and body["total"] == dry.json()["total"]
    assert {i["table"] for i in body["items"]} >= {"customers", "orders", "leads"}
    assert next(i for i in body["items"] if i["table"] == "orders")["rows"] > 0
    again = api["owner"].post("/privacy/forget", json={"customer_id": customer})
    assert again.json()["total"] == 0
    bad = api["owner"].post("/privacy/forget", json={})
    assert bad.status_code == 400
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert "customer id or an e-mail address" in bad.json()["detail"]


def test_owners_download_the_workspace_export(api: dict[str, httpx.Client]) -> None:
    assert api["analyst"].get("/export").status_code == 403
    r = api["owner"].get("/export")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert "mpm-default-export.zip" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        users = json.loads(archive.read("app_state/users.json"))
    assert manifest["workspace"]["slug"] == "default" and manifest["warehouse"]["orders"] > 0
    assert {u["email"] for u in users} == {"analyst@agency.example", "owner@agency.example"}
    assert all("password_hash" not in u for u in users)


def test_uploads_can_hash_personal_data(
    api: dict[str, httpx.Client], demo_settings: Settings
) -> None:
    path = TEST_DATA / "exports" / "hubspot_contacts_internal_values.csv"
    r = api["analyst"].post(
        "/imports",
        files={"file": (path.name, path.read_bytes(), "text/csv")},
        data={"hash_pii": "true", "keep_extra": "true"},
    )
    assert r.status_code == 201, r.text
    key = pii.existing_key(demo_settings.home_path)
    assert key is not None
    hashed = pii.digest(key, "eva.marsh@example.com")
    rows = live_query(
        demo_settings,
        f"SELECT attributes['First Name'] FROM leads WHERE email = '{hashed}'",
    )
    assert rows == [(pii.digest(key, "eva"),)]
