"""`mpm demo` loads every canonical table through the import path, reproducibly."""

from __future__ import annotations

import json
from pathlib import Path

from mpm.config import Settings
from tests.helpers import snapshot


def content(settings: Settings) -> dict[str, list[tuple]]:
    """Table content without load bookkeeping (ids and load times differ between runs)."""
    import duckdb

    path = settings.workspace_dir("default") / "warehouse.duckdb"
    con = duckdb.connect(str(path), read_only=True)
    try:
        out = {}
        for (name,) in con.execute("SHOW TABLES").fetchall():
            if name.startswith("_"):
                continue
            rows = con.execute(f'SELECT * EXCLUDE (_loaded_at, _load_id) FROM "{name}"').fetchall()
            out[name] = sorted(tuple(str(v) for v in r) for r in rows)
        return out
    finally:
        con.close()


def test_demo_fills_every_table_and_is_reproducible(mpm, home: Path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=home)
    args = ("demo", "--seed", "7", "--days", "90", "--end", "2025-06-30", "--format", "json")
    loads = json.loads(mpm(*args, check=True).stdout)
    tables = json.loads(mpm("tables", "--format", "json", check=True).stdout)
    assert all(t["rows"] > 0 for t in tables), [t["table"] for t in tables if not t["rows"]]
    assert {t["table"] for t in tables} == {load["table"] for load in loads}
    truth = json.loads((home / "workspaces" / "default" / "truth.json").read_text())
    assert truth["seed"] == 7 and len(truth["incidents"]) >= 10
    ads = next(t for t in tables if t["table"] == "ad_performance")
    assert ads["max_date"] == "2025-06-30"
    first = content(settings)
    mpm(*args, check=True)  # same seed and end: same data, nothing doubled
    assert content(settings) == first
    assert snapshot(settings)["_load_commits"]


def test_tables_can_read_a_warehouse_through_an_ibis_url(mpm, home: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "ads.csv"
    data.write_text(
        "date,platform,campaign,spend\n2025-09-01,google_ads,A,1.5\n2025-09-03,google_ads,B,2\n"
    )
    mpm("ingest", str(data), "--table", "ad_performance", check=True)
    copy = tmp_path / "elsewhere.duckdb"
    copy.write_bytes((home / "workspaces" / "default" / "warehouse.duckdb").read_bytes())
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MPM_HOME": str(tmp_path / "empty-home"),
        "MPM_WAREHOUSE_URL": f"duckdb://{copy}",
    }
    out = subprocess.run(
        [str(Path(sys.executable).parent / "mpm"), "tables", "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout
    ads = next(t for t in json.loads(out) if t["table"] == "ad_performance")
    assert (ads["rows"], ads["min_date"], ads["max_date"]) == (2, "2025-09-01", "2025-09-03")
