"""What is in a warehouse: rows, date range and last load of every canonical table (via Ibis)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from mpm.model.tables import TABLES


@dataclass(frozen=True)
class TableStats:
    table: str
    rows: int
    min_date: date | None
    max_date: date | None
    last_loaded_at: datetime | None
    last_load_id: int | None


def table_stats(backend: Any) -> list[TableStats]:
    """Rows, date range and last load of every canonical table, on any Ibis backend.

    A table the backend lacks is reported empty.
    """
    present = set(backend.list_tables())
    out = []
    for spec in TABLES.values():
        if spec.name not in present:
            out.append(TableStats(spec.name, 0, None, None, None, None))
            continue
        t = backend.table(spec.name)
        day = t[spec.date_column].cast("date")
        summary = (
            t.aggregate(
                rows=t.count(),
                min_date=day.min(),
                max_date=day.max(),
                last_loaded_at=t._loaded_at.max(),
                last_load_id=t._load_id.argmax(t._loaded_at),
            )
            .to_pyarrow()
            .to_pylist()[0]
        )
        out.append(TableStats(spec.name, **{**summary, "rows": int(summary["rows"])}))
    return out
