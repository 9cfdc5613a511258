"""`mpm tables`: what is in the warehouse of a workspace."""

from __future__ import annotations

from dataclasses import asdict

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit
from mpm.config import get_settings
from mpm.ingest import open_workspace_warehouse
from mpm.warehouse import connect_query_only, table_stats


def tables(workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table) -> None:
    """Every canonical table with rows, date range and last load."""
    settings = get_settings()
    if settings.warehouse_url:
        stats = table_stats(connect_query_only(settings.warehouse_url))
    else:
        warehouse = open_workspace_warehouse(settings, workspace)
        try:
            stats = table_stats(warehouse.ibis())
        finally:
            warehouse.close()
    if fmt is Format.table:  # for people: short headings that fit a terminal
        records = [
            {
                "table": s.table,
                "rows": s.rows,
                "from": s.min_date,
                "to": s.max_date,
                "last load": s.last_load_id,
                "loaded at": s.last_loaded_at.strftime("%Y-%m-%d %H:%M")
                if s.last_loaded_at
                else None,
            }
            for s in stats
        ]
    else:
        records = [asdict(s) for s in stats]
    emit(records, fmt, title=f"Tables in workspace {workspace}")
