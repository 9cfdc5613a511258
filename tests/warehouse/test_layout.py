"""The warehouse layout: canonical views over stored rows, and the upgrade of the first layout."""

from __future__ import annotations

from pathlib import Path

import duckdb

from mpm.model.tables import get_table
from mpm.warehouse import Warehouse, quote


def _first_layout(path: Path) -> None:
    """A warehouse as the first version wrote it: a plain table and a history table."""
    table = get_table("costs")
    cols = ", ".join(f"{quote(n)} {t}" for n, t in table.stored_columns)
    con = duckdb.connect(str(path))
    con.execute(f"CREATE TABLE costs ({cols})")
    con.execute(f"CREATE TABLE _replaced_costs ({cols}, _replaced_by BIGINT)")
    names = [n for n, _ in table.stored_columns]
    current = {"date": "2025-01-02", "amount": 20, "_load_id": 2, "_source": "s"}
    old = {"date": "2025-01-02", "amount": 10, "_load_id": 1, "_source": "s"}
    for target, row, extra in (("costs", current, ""), ("_replaced_costs", old, ", 2")):
        values = ", ".join(f"'{row[n]}'" if n in row else "NULL" for n in names)
        con.execute(f"INSERT INTO {target} VALUES ({values}{extra})")
    con.close()


def test_a_first_layout_warehouse_is_upgraded_with_its_history(tmp_path: Path) -> None:
    path = tmp_path / "warehouse.duckdb"
    _first_layout(path)
    warehouse = Warehouse(path)
    con = warehouse.con
    assert con.execute("SELECT amount, _load_id FROM costs").fetchall() == [(20, 2)]
    stored = con.execute(
        "SELECT amount, _load_id, _replaced_by FROM _rows_costs ORDER BY _load_id"
    ).fetchall()
    assert stored == [(10, 1, 2), (20, 2, None)]
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "_replaced_costs" not in tables
    warehouse.close()
    Warehouse(path).close()  # opening again changes nothing


def test_canonical_names_show_current_rows_without_bookkeeping(tmp_path: Path) -> None:
    warehouse = Warehouse(tmp_path / "warehouse.duckdb")
    columns = [r[0] for r in warehouse.con.execute("DESCRIBE ad_performance").fetchall()]
    warehouse.close()
    assert columns == [n for n, _ in get_table("ad_performance").stored_columns]
