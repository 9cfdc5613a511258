"""What is in a warehouse: rows, date range and last load of every canonical table (via Ibis)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from mpm.model.tables import TABLES
from mpm.warehouse.connection import Warehouse


@dataclass(frozen=True)
class TableStats:
    table: str
    rows: int
    min_date: date | None
    max_date: date | None
    last_loaded_at: datetime | None
    last_load_id: int | None


def table_stats(warehouse: Warehouse) -> list[TableStats]:
    import ibis

    backend = warehouse.ibis()
    out = []
    for spec in TABLES.values():
        t = backend.table(spec.name)
        day = t[spec.date_column].cast("date")
        latest = t.order_by(ibis.desc("_loaded_at"), ibis.desc("_load_id")).limit(1)
        summary = (
            t.aggregate(
                rows=t.count(),
                min_date=day.min(),
                max_date=day.max(),
                last_loaded_at=t._loaded_at.max(),
            )
            .to_pyarrow()
            .to_pylist()[0]
        )
        last = latest.select("_load_id").to_pyarrow().to_pylist()
        out.append(
            TableStats(
                table=spec.name,
                rows=int(summary["rows"]),
                min_date=summary["min_date"],
                max_date=summary["max_date"],
                last_loaded_at=summary["last_loaded_at"],
                last_load_id=last[0]["_load_id"] if last else None,
            )
        )
    return out
