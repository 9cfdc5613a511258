"""A kill -9 during a large load leaves the previous state intact (DuckDB's transaction)."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from mpm.config import Settings
from mpm.ingest import IngestOptions, ingest_file, list_loads
from tests.helpers import snapshot

ROWS = 1_500_000


def big_csv(path: Path, rows: int, *, spend: str) -> Path:
    con = duckdb.connect()
    con.execute(
        f"COPY (SELECT DATE '2024-01-01' + (i % 500)::INTEGER AS date, 'google_ads' AS platform, "
        f"'acme' AS account, 'campaign ' || (i // 500) AS campaign, 'g' AS ad_group, "
        f"'USD' AS currency, {spend} AS spend, 100 AS impressions, 7 AS clicks "
        f"FROM range({rows}) t(i)) TO '{path}' (HEADER)"
    )
    con.close()
    return path


def pending_load(db: Path) -> bool:
    try:
        con = sqlite3.connect(db, timeout=0.1)
        try:
            return bool(con.execute("SELECT 1 FROM loads WHERE status = 'pending'").fetchone())
        finally:
            con.close()
    except sqlite3.Error:
        return False


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["reading", "writing"])
def test_kill_9_during_a_large_load_leaves_the_previous_state(
    moment: str, settings: Settings, home: Path, tmp_path: Path
) -> None:
    options = IngestOptions(table="ad_performance", source_name="big")
    ingest_file(
        big_csv(tmp_path / "first.csv", 20_000, spend="1.25"), options=options, settings=settings
    )
    before = snapshot(settings)
    second = big_csv(tmp_path / "second.csv", ROWS, spend="2.50")
    env = {**os.environ, "MPM_HOME": str(home)}
    exe = Path(sys.executable).parent / "mpm"
    proc = subprocess.Popen(
        [str(exe), "ingest", str(second), "--table", "ad_performance", "--source-name", "big"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    if moment == "reading":
        time.sleep(1.5)
    else:
        while not pending_load(home / "mpm.db") and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(0.05)
    finished_before_kill = proc.poll() is not None
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    after = snapshot(settings)
    if finished_before_kill:
        pytest.skip("the load finished before it could be killed on this machine")
    rows_after = len(after["ad_performance"])
    if rows_after == len(before["ad_performance"]):
        assert after == before
    else:  # killed after COMMIT: the whole new file is there, nothing half-written
        assert rows_after == ROWS + 0 or rows_after == ROWS
    statuses = [info.status for info in list_loads(settings=settings)]
    assert statuses[-1] == "committed"  # the first load
    if rows_after == len(before["ad_performance"]) and len(statuses) == 2:
        assert statuses[0] == "failed"  # the killed load is reconciled with the warehouse
    # and the warehouse still accepts a load afterwards
    report = ingest_file(
        big_csv(tmp_path / "third.csv", 1_000, spend="3"), options=options, settings=settings
    )
    assert report.rows == 1_000
