"""schemathesis against the server's own OpenAPI document: generated requests to every
operation, as the owner of a workspace of their own, never get a 5xx. Responses are problem
details for every error."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from mpm import auth
from mpm.auth import Role
from mpm.demo import load_demo
from mpm.store import session_scope
from mpm.store.models import WorkspaceRow
from tests.app.conftest import PASSWORD, Server

FUZZ = "fuzz"
EXAMPLES = 15  # per operation; derandomized, so each run sends the same requests
SKIPPED = {  # operations that would end the run itself: revoking its token, deleting its workspace
    ("DELETE", "/api/v1/workspaces/{workspace}/tokens/{token_id}"),
    ("POST", "/api/v1/workspaces/{workspace}/delete"),
    ("POST", "/api/v1/auth/password"),
}


@pytest.fixture(scope="module")
def fuzz_token(server: Server) -> str:
    load_demo(server.settings, workspace=FUZZ, seed=9, days=60)
    with session_scope(server.settings.app_database_url) as s:
        user = auth.add_user(s, "fuzzer@example.com", password=PASSWORD)
        ws = s.query(WorkspaceRow).filter_by(slug=FUZZ).one()
        auth.set_membership(s, user.id, ws.id, Role.OWNER)
        token, _ = auth.create_token(s, user=auth.user_row(s, user.email), workspace=ws)
    return token


def operations(server: Server, token: str) -> list[Any]:
    raw = server.client(token).get("/api/openapi.json").json()
    found = [r.ok() for r in schemathesis.openapi.from_dict(raw).get_all_operations()]
    return [op for op in found if (op.method.upper(), op.path) not in SKIPPED]


def test_generated_requests_never_get_a_server_error(server: Server, fuzz_token: str) -> None:
    failures: list[str] = []
    headers = {"Authorization": f"Bearer {fuzz_token}"}
    checked = 0
    for operation in operations(server, fuzz_token):

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            if "workspace" in (case.path_parameters or {}):
                case.path_parameters["workspace"] = FUZZ  # deep into one workspace
            response = case.call(base_url=server.url, headers=headers)
            if response.status_code >= 500:
                failures.append(f"{case.method} {case.formatted_path}: {response.text[:300]}")
            elif response.status_code >= 400:
                kind = response.headers.get("content-type") or [""]
                kind = kind[0] if isinstance(kind, list) else kind
                if kind != "application/problem+json":
                    failures.append(f"{case.method} {case.formatted_path}: {kind} error")

        run()
        checked += 1
    assert checked >= 40
    assert not failures, "\n".join(failures[:20])
