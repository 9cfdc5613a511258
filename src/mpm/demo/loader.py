"""Load the demo world through the same import path as a user's files."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow.parquet as pq

from mpm.config import Settings
from mpm.demo.world import generate_world, write_truth
from mpm.ingest import IngestOptions, clear_source, ingest_file, workspace_paths
from mpm.model.tables import TABLES
from mpm.store import ensure_workspace, session_scope, update_workspace
from mpm.warehouse import open_warehouse

SOURCE = "demo"
FIRST = ("fx_rates",)  # loaded before the tables whose money they convert


@dataclass(frozen=True)
class DemoTableLoad:
    table: str
    rows: int
    load_id: int


@dataclass(frozen=True)
class DemoResult:
    loads: tuple[DemoTableLoad, ...]
    truth_path: Path
    first: date  # the first and last day of the data
    last: date


def load_demo(
    settings: Settings,
    *,
    workspace: str = "default",
    seed: int = 42,
    days: int = 730,
    end: date | None = None,
    on_table: Callable[[str], None] | None = None,
) -> DemoResult:
    """Generate the world, replace earlier demo rows, import every table, write truth.json."""
    world = generate_world(seed=seed, days=days, end=end)
    with session_scope(settings.app_database_url) as session:
        ensure_workspace(session, workspace, base_currency=world.base_currency)
        update_workspace(session, workspace, base_currency=world.base_currency)
    warehouse_file = workspace_paths(settings, workspace)[0]
    with open_warehouse(warehouse_file) as warehouse:
        clear_source(warehouse.con, SOURCE)
    order = [*FIRST, *(t for t in TABLES if t not in FIRST)]
    loads = []
    with tempfile.TemporaryDirectory(prefix="mpm-demo-") as folder:
        for name in order:
            data = world.tables.get(name)
            if data is None or data.num_rows == 0:
                continue
            if on_table is not None:
                on_table(name)
            path = Path(folder) / f"{name}.parquet"
            pq.write_table(data, path)
            report = ingest_file(
                path,
                workspace=workspace,
                options=IngestOptions(table=name, source_name=SOURCE),
                settings=settings,
            )
            loads.append(DemoTableLoad(name, report.rows, report.load_id))
    truth_path = warehouse_file.parent / "truth.json"
    write_truth(world, truth_path)
    window = world.truth
    first, last = date.fromisoformat(str(window["start"])), date.fromisoformat(str(window["end"]))
    return DemoResult(tuple(loads), truth_path, first, last)
