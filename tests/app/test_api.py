"""The REST API as a client uses it, against the real server: KPIs equal the KPI layer,
imports by upload (a broken file refused by row and column with nothing loaded, a good one
loaded once however often it is sent), objectives with their status, plans, pagination,
problem details, security headers, the OpenAPI document and docs for signed-in users only."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from mpm.config import Settings
from mpm.metrics import query
from tests.app.conftest import Server, serve
from tests.helpers import TEST_DATA

GOOGLE_ADS = TEST_DATA / "exports" / "google_ads_campaign_report_by_day.csv"


def test_health_and_security_headers(server: Server) -> None:
    response = server.client().get("/healthz")
    assert response.status_code == 200 and response.json()["status"] == "ok"
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["x-request-id"]
    assert "server" not in response.headers


def test_errors_are_problem_details(server: Server) -> None:
    client = server.as_role("viewer")
    missing = client.get("/api/v1/nowhere")
    assert missing.status_code == 404
    assert missing.headers["content-type"] == "application/problem+json"
    assert set(missing.json()) >= {"type", "title", "status", "detail", "instance"}
    invalid = client.get("/api/v1/workspaces/acme/kpis", params={"kpi": "spend", "grain": "hour"})
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "query.grain"
    unknown = client.get("/api/v1/workspaces/acme/kpis", params={"kpi": "spnd"})
    assert unknown.status_code == 400 and "did you mean spend" in unknown.json()["detail"]


def test_openapi_and_docs_need_a_signed_in_user_and_load_nothing_from_elsewhere(
    server: Server,
) -> None:
    anonymous = server.client()
    assert anonymous.get("/api/openapi.json").status_code == 401
    assert anonymous.get("/api/docs").status_code == 401
    viewer = server.as_role("viewer")
    document = viewer.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/workspaces/{workspace}/kpis" in document["paths"]
    page = viewer.get("/api/docs").text
    assert "http" not in page.replace("</html>", "")  # every asset is served by mpm itself
    assert anonymous.get("/static/swagger/swagger-ui-bundle.js").status_code == 200
    assert anonymous.get("/static/api-docs.js").status_code == 200


def test_kpis_through_the_api_equal_the_kpi_layer(server: Server) -> None:
    params = {"kpi": "spend,clicks,ctr,roas", "by": "channel", "grain": "month"}
    body = server.as_role("viewer").get("/api/v1/workspaces/acme/kpis", params=params).json()
    with server.warehouses.using():  # the server holds the file: read it through its pool
        frame = query(
            ["spend", "clicks", "ctr", "roas"],
            by="channel",
            grain="month",
            workspace="acme",
            settings=server.settings,
        )
    assert body["total"] == len(frame)
    expected = {(str(r.period)[:10], r.channel): r for r in frame.itertuples()}
    for row in body["items"]:
        want = expected[(row["period"], row["channel"])]
        assert row["spend"] == pytest.approx(float(want.spend))
        if row["ctr"] is not None:
            assert row["ctr"] == pytest.approx(float(want.ctr)) and row["ctr"] < 1  # a fraction
    sql = server.as_role("viewer").get("/api/v1/workspaces/acme/kpis/sql", params=params).json()
    assert "SELECT" in sql["sql"].upper()


def test_pagination(server: Server) -> None:
    client = server.as_role("viewer")
    first = client.get("/api/v1/workspaces/acme/metrics", params={"limit": 10}).json()
    second = client.get(
        "/api/v1/workspaces/acme/metrics", params={"limit": 10, "offset": 10}
    ).json()
    assert first["total"] == second["total"] > 20
    assert len(first["items"]) == len(second["items"]) == 10
    assert {m["name"] for m in first["items"]}.isdisjoint({m["name"] for m in second["items"]})
    assert client.get("/api/v1/workspaces/acme/metrics", params={"limit": 0}).status_code == 422


def test_a_broken_upload_is_refused_by_row_and_column_and_loads_nothing(server: Server) -> None:
    analyst = server.as_role("analyst")
    before = analyst.get("/api/v1/workspaces/acme/loads", params={"limit": 1000}).json()["total"]
    text = GOOGLE_ADS.read_text(encoding="utf-8")
    broken = text.replace(",91.50,", ",ninety,").replace(
        "2025-09-02,Enabled,PMax", "2025-02-30,Enabled,PMax"
    )
    response = analyst.post(
        "/api/v1/workspaces/acme/imports", files={"file": ("broken.csv", broken, "text/csv")}
    )
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["file"] == "broken.csv" and problem["problems"]
    assert problem["total"] == 2
    cells = {(p["row"], p["column"]) for p in problem["problems"]}
    assert (4, "Cost") in cells and (9, "Day") in cells  # spreadsheet rows, header counted
    after = analyst.get("/api/v1/workspaces/acme/loads", params={"limit": 1000}).json()["total"]
    assert after == before


def test_a_good_upload_loads_once_however_often_it_is_sent(server: Server) -> None:
    analyst = server.as_role("analyst")

    def spend() -> float:
        rows = analyst.get("/api/v1/workspaces/acme/kpis", params={"kpi": "spend"}).json()
        return float(rows["items"][0]["spend"])

    start = spend()
    reports = []
    for _ in range(2):
        with GOOGLE_ADS.open("rb") as f:
            response = analyst.post(
                "/api/v1/workspaces/acme/imports", files={"file": (GOOGLE_ADS.name, f, "text/csv")}
            )
        assert response.status_code == 201, response.text
        reports.append(response.json())
    assert reports[0]["inserted"] > 0 and reports[1]["inserted"] == 0
    assert reports[1]["replaced"] == reports[0]["inserted"]  # the same rows, replaced in place
    loaded = spend()
    assert loaded > start
    viewer = server.as_role("viewer")
    assert (
        viewer.post(f"/api/v1/workspaces/acme/loads/{reports[1]['load_id']}/revert").status_code
        == 403
    )
    reverted = analyst.post(f"/api/v1/workspaces/acme/loads/{reports[1]['load_id']}/revert")
    assert reverted.status_code == 200 and spend() == pytest.approx(loaded)  # the first load stays
    analyst.post(f"/api/v1/workspaces/acme/loads/{reports[0]['load_id']}/revert")
    assert spend() == pytest.approx(start)


def test_an_upload_beyond_the_size_limit_is_refused(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path, max_upload_bytes=10_000)
    with serve(settings) as url, httpx.Client(base_url=url) as client:
        response = client.post(
            "/api/v1/workspaces/acme/imports", files={"file": ("big.csv", b"x" * 20_000)}
        )
    assert response.status_code == 413 and "10,000 bytes" in response.json()["detail"]
    assert response.headers["content-type"] == "application/problem+json"


def test_objectives_plans_and_reviews_through_the_api(server: Server) -> None:
    editor = server.as_role("editor")
    created = editor.post(
        "/api/v1/workspaces/acme/objectives",
        json={
            "name": "Q1 2027 leads (API)",
            "kpi": "leads",
            "target": 500,
            "start": "2027-01-01",
            "end": "2027-03-31",
            "goal": "lead_generation",
            "owner": "b2b@example.com",
        },
    )
    assert created.status_code == 201, created.text
    oid = created.json()["id"]
    status = editor.get(f"/api/v1/workspaces/acme/objectives/{oid}/status").json()
    assert status["actual"] is None and 0 <= status["probability"] <= 1
    assert status["status"] in {"on_track", "at_risk", "off_track"}
    every = editor.get("/api/v1/workspaces/acme/objectives/status", params={"limit": 100}).json()
    assert oid in [
        o["id"] for o in editor.get("/api/v1/workspaces/acme/objectives").json()["items"]
    ]
    assert "Q1 2027 leads (API)" in [p["name"] for p in every["items"]]
    again = editor.get("/api/v1/workspaces/acme/objectives/status", params={"limit": 100}).json()
    assert again == every  # cached: the same answer until data or objectives change
    refused = editor.patch(f"/api/v1/workspaces/acme/objectives/{oid}", json={"target": 600})
    assert refused.status_code == 422  # a change needs its reason
    changed = editor.patch(
        f"/api/v1/workspaces/acme/objectives/{oid}", json={"target": 600, "reason": "new plan"}
    ).json()
    assert changed["target"] == 600 and changed["decision"]["why"] == "new plan"
    assert changed["decision"]["who"] == server.emails["editor"]
    lines = editor.get("/api/v1/workspaces/acme/budgets/status").json()["items"]
    assert lines and {"line", "actual", "flag"} <= set(lines[0])
    calendar = editor.get("/api/v1/workspaces/acme/calendar").json()
    assert calendar["entries"]
    annual = editor.get("/api/v1/workspaces/acme/reviews/annual", params={"year": 2026}).json()
    assert annual["channels"] and json.dumps(annual)
