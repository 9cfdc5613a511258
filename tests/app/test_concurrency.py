"""The server and the command line on one workspace at once: the server keeps a warehouse
open only while it uses it, a command waits for its turn, and when the server never pauses the
command says so in one line (naming the server's process), without a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from mpm import auth
from mpm.auth import Role
from mpm.config import Settings
from mpm.store import ensure_workspace, session_scope
from mpm.store.models import WorkspaceRow
from tests.app.conftest import PASSWORD, free_port

pytestmark = pytest.mark.slow


def test_a_command_takes_its_turn_while_the_server_runs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    settings = Settings(home=home)
    data = Path(__file__).parents[1] / "data" / "exports" / "google_ads_campaign_report_by_day.csv"
    with session_scope(settings.app_database_url) as s:
        ws = ensure_workspace(s, "default")
        user = auth.add_user(s, "owner@example.com", password=PASSWORD)
        auth.set_membership(s, user.id, ws.id, Role.OWNER)
        row = s.get(WorkspaceRow, ws.id)
        assert row is not None
        token, _ = auth.create_token(s, user=auth.user_row(s, user.email), workspace=row)
    env = {**os.environ, "MPM_HOME": str(home)}
    exe = str(Path(sys.executable).parent / "mpm")
    port = free_port()
    server = subprocess.Popen(
        [exe, "serve", "--port", str(port), "--quiet"], env=env, stderr=subprocess.PIPE, text=True
    )
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"Bearer {token}"}
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{base}/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        with data.open("rb") as f:
            uploaded = httpx.post(
                f"{base}/api/v1/workspaces/default/imports",
                files={"file": (data.name, f, "text/csv")},
                headers=headers,
            )
        assert uploaded.status_code == 201, uploaded.text
        # the server has the warehouse open; the command waits until it lets go, then runs
        started = time.monotonic()
        tables = subprocess.run(
            [exe, "tables", "-f", "json"], env=env, capture_output=True, text=True
        )
        assert tables.returncode == 0, tables.stderr
        assert '"ad_performance"' in tables.stdout and time.monotonic() - started < 15
        # a server that never pauses: the command gives up with one clear line
        stop = threading.Event()

        def busy() -> None:  # questions never asked before: no cached answer, a query each
            with httpx.Client(base_url=base, headers=headers) as client:
                day = date(2020, 1, 1)
                while not stop.is_set():
                    day += timedelta(days=1)
                    since = {"kpi": "spend", "from": day.isoformat()}
                    client.get("/api/v1/workspaces/default/kpis", params=since)

        worker = threading.Thread(target=busy)
        worker.start()
        try:
            time.sleep(0.5)
            refused = subprocess.run([exe, "tables"], env=env, capture_output=True, text=True)
        finally:
            stop.set()
            worker.join()
        assert refused.returncode == 1
        assert f"in use by process {server.pid}" in refused.stderr
        assert "through the server's API" in refused.stderr and "Traceback" not in refused.stderr
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert server.returncode in (0, -15)  # stopped cleanly on SIGTERM
