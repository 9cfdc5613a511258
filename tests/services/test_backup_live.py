"""Backup while the server is writing, then restore: the real server (Uvicorn, in a thread)
takes decisions and uploads through its API without pause while a backup is taken. The
restored installation must be one the server passed through: its decisions a prefix of
those written, every committed load with its rows. A backup taken once the writes stop
restores to data identical to the live installation."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import httpx
from sqlalchemy import select

from mpm.auth import Role
from mpm.config import Settings
from mpm.services.backup import backup_home, restore_home
from mpm.store import session_scope
from mpm.store.models import DecisionRow, LoadRow
from tests.services.conftest import installation, member_token, serve, warehouse_rows


class Writer(threading.Thread):
    """Writes through the API until stopped: a decision each turn, an upload of new orders
    every second turn; remembers what the server confirmed, in order."""

    def __init__(self, url: str, token: str) -> None:
        super().__init__(daemon=True)
        self.url, self.token = url, token
        self.decisions: list[str] = []  # subjects, in the order written
        self.loads: list[int] = []
        self.failures: list[str] = []
        self.stop = threading.Event()

    def run(self) -> None:
        headers = {"Authorization": f"Bearer {self.token}"}
        with httpx.Client(base_url=self.url, headers=headers, timeout=60) as client:
            turn = 0
            while not self.stop.is_set():
                turn += 1
                subject = f"writer-{turn:04d}"
                r = client.post(
                    "/api/v1/workspaces/default/decisions",
                    json={"subject_kind": "other", "subject": subject, "what": "w", "why": "y"},
                )
                if r.status_code != 201:
                    self.failures.append(f"decision {turn}: {r.status_code} {r.text}")
                    return
                self.decisions.append(subject)
                if turn % 2:
                    continue
                csv = "order_id,customer_id,ordered_at,revenue\n" + "".join(
                    f"W{turn}-{i},C{i},2026-11-{1 + i % 28:02d} 10:00,{i}.50\n" for i in range(20)
                )
                r = client.post(
                    "/api/v1/workspaces/default/imports",
                    files={"file": (f"orders-{turn}.csv", csv.encode(), "text/csv")},
                    data={"table": "orders"},
                )
                if r.status_code != 201:
                    self.failures.append(f"upload {turn}: {r.status_code} {r.text}")
                    return
                self.loads.append(int(r.json()["load_id"]))

    def wait_for(self, decisions: int, loads: int, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while len(self.decisions) < decisions or len(self.loads) < loads:
            assert not self.failures, self.failures
            assert time.monotonic() < deadline, "the writer is too slow"
            time.sleep(0.01)


def check_consistent(settings: Settings, writer: Writer) -> int:
    """The restored installation is one the server passed through; its decision count."""
    with session_scope(settings.app_database_url) as s:
        subjects = list(
            s.scalars(
                select(DecisionRow.subject)
                .where(DecisionRow.subject.like("writer-%"))
                .order_by(DecisionRow.id)
            )
        )
        loads = {r.id: r for r in s.scalars(select(LoadRow))}
    assert subjects == writer.decisions[: len(subjects)]  # a prefix of what was written
    rows = warehouse_rows(settings.workspace_dir("default") / "warehouse.duckdb")
    commits = {int(r[0]) for r in rows["_load_commits"]}
    per_load: dict[int, int] = {}
    for row in rows["_rows_orders"]:
        load_id = int(row[-2])  # _load_id, then _replaced_by
        per_load[load_id] = per_load.get(load_id, 0) + 1
    committed = {i for i, r in loads.items() if r.status == "committed"}
    assert committed == commits  # the app state and the warehouse agree on every load
    for load_id in sorted(committed & set(writer.loads)):
        load = loads[load_id]
        assert per_load.get(load_id, 0) == load.rows_inserted + load.rows_replaced == 20
    restored_uploads = sorted(committed & set(writer.loads))
    assert restored_uploads == writer.loads[: len(restored_uploads)]
    return len(subjects)


def test_backup_while_the_server_writes_then_restore(
    demo_settings: Settings, tmp_path: Path
) -> None:
    token = member_token(demo_settings, "writer@agency.example", Role.OWNER)
    with serve(demo_settings) as url:
        writer = Writer(url, token)
        writer.start()
        try:
            writer.wait_for(decisions=6, loads=3)
            for n in range(2):
                backup_home(demo_settings, tmp_path / f"during-{n}.zip")
                writer.wait_for(len(writer.decisions) + 6, len(writer.loads) + 3)
        finally:
            writer.stop.set()
            writer.join(timeout=60)
        assert not writer.failures, writer.failures
        backup_home(demo_settings, tmp_path / "after.zip")  # the server runs, nothing writes
        live = installation(demo_settings)

    kept = []
    for n in range(2):
        during = Settings(home=tmp_path / f"during-{n}")
        restore_home(during, tmp_path / f"during-{n}.zip")
        kept.append(check_consistent(during, writer))
    assert 6 <= kept[0] < kept[1] < len(writer.decisions)  # taken mid-way, one after the other

    after = Settings(home=tmp_path / "after")
    restore_home(after, tmp_path / "after.zip")
    assert check_consistent(after, writer) == len(writer.decisions)
    assert installation(after) == live
