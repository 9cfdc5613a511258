"""A real server on loopback for the API tests: an MPM_HOME with a small demo world in
workspace `acme`, a second client `other`, one user per role in `acme`, their API tokens, and
a revoked and an expired token."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import select

from mpm import auth
from mpm.app import create_app
from mpm.auth import Role
from mpm.config import Settings
from mpm.demo import load_demo, plan_demo
from mpm.store import session_scope
from mpm.store.models import ApiTokenRow, WorkspaceRow
from mpm.warehouse import SharedWarehouses

PASSWORD = "a long enough passphrase"
ROLES = ("viewer", "analyst", "editor", "owner")


@dataclass
class Server:
    url: str
    settings: Settings
    warehouses: SharedWarehouses
    tokens: dict[str, str] = field(default_factory=dict)  # role (or name) -> bearer token
    emails: dict[str, str] = field(default_factory=dict)  # role (or name) -> e-mail

    def client(self, token: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def as_role(self, role: str) -> httpx.Client:
        return self.client(self.tokens[role])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """Run the app on a free loopback port in a thread; yields its base URL."""
    with serve_app(create_app(settings, warm=False)) as url:
        yield url


@contextmanager
def serve_app(app: FastAPI) -> Iterator[str]:
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", server_header=False
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def people(settings: Settings) -> tuple[dict[str, str], dict[str, str]]:
    """One member per role in acme, an owner of `other`, and their tokens; plus a revoked and
    an expired token of acme's owner."""
    tokens, emails = {}, {}
    with session_scope(settings.app_database_url) as s:
        acme = s.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == "acme"))
        other = s.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == "other"))
        assert acme is not None and other is not None
        for name, workspace, role in [
            *((r, acme, Role(r)) for r in ROLES),
            ("stranger", other, Role.OWNER),
        ]:
            email = f"{name}@example.com"
            user = auth.add_user(s, email, password=PASSWORD)
            auth.set_membership(s, user.id, workspace.id, role)
            row = auth.user_row(s, email)
            tokens[name], _ = auth.create_token(s, user=row, workspace=workspace)
            emails[name] = email
        owner = auth.user_row(s, emails["owner"])
        tokens["revoked"], revoked = auth.create_token(s, user=owner, workspace=acme)
        auth.revoke_token(s, revoked.id)
        tokens["expired"], expired = auth.create_token(s, user=owner, workspace=acme)
        row = s.get(ApiTokenRow, expired.id)
        assert row is not None
        row.expires_at = row.created_at - timedelta(days=1)
    return tokens, emails


@pytest.fixture(scope="package")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    home: Path = tmp_path_factory.mktemp("server-home")
    settings = Settings(home=home)
    result = load_demo(settings, workspace="acme", seed=4, days=120)
    plan_demo(settings, workspace="acme", first=result.first, last=result.last)
    other = load_demo(settings, workspace="other", seed=5, days=60)
    plan_demo(settings, workspace="other", first=other.first, last=other.last)
    tokens, emails = people(settings)
    app = create_app(settings, warm=False)
    with serve_app(app) as url:
        yield Server(url, settings, app.state.warehouses, tokens, emails)
