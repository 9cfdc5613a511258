"""The SQL every built-in KPI compiles to stays stable (a snapshot; refresh deliberately with
MPM_UPDATE_SNAPSHOTS=1 after checking the difference)."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import ibis

from mpm.metrics import QuerySpec, compile_query, load_catalog
from mpm.metrics.compiler import Context
from mpm.metrics.periods import Grain
from mpm.warehouse.schema import all_ddl

SNAPSHOT = Path(__file__).parent / "snapshots" / "built_in_kpis.sql"


def compiled() -> str:
    con = duckdb.connect()
    for statement in all_ddl():
        con.execute(statement)
    backend = ibis.duckdb.from_connection(con)
    catalog = load_catalog()
    parts = []
    for name in catalog.kpis:
        spec = QuerySpec(kpis=(name,), grain=Grain.MONTH)
        sql = ibis.to_sql(compile_query(backend, catalog, spec, Context()), dialect="duckdb")
        parts.append(f"-- {name}\n{sql};\n")
    return "\n".join(parts)


def test_built_in_kpis_compile_to_the_reviewed_sql() -> None:
    sql = compiled()
    if os.environ.get("MPM_UPDATE_SNAPSHOTS") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(sql, encoding="utf-8")
    assert sql == SNAPSHOT.read_text(encoding="utf-8"), (
        "the compiled SQL changed; review it, then run with MPM_UPDATE_SNAPSHOTS=1"
    )
