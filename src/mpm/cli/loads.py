"""`mpm loads [list | revert ID]`: the load history of a workspace, and undoing a load."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.ingest import list_loads, revert_load

app = typer.Typer(help="Load history: list loads, revert one.", no_args_is_help=False)


@app.callback(invoke_without_command=True)
def main(
    ctx: typer.Context, workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table
) -> None:
    """List loads (newest first) when no subcommand is given."""
    if ctx.invoked_subcommand is None:
        list_(workspace=workspace, fmt=fmt)


@app.command("list")
def list_(workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table) -> None:
    """Every load: id, table, source, file, status, rows, dates, duration."""
    infos = list_loads(workspace=workspace)
    if fmt is Format.table:
        emit(
            [
                {
                    "id": i.load_id,
                    "table": i.table,
                    "file": i.file,
                    "status": i.status,
                    "rows new / replaced / removed": (
                        f"{i.rows_inserted:,} / {i.rows_replaced:,} / {i.rows_deleted:,}"
                    ),
                    "dates": f"{i.min_date} → {i.max_date}" if i.min_date else None,
                    "started": i.started_at.strftime("%Y-%m-%d %H:%M"),
                }
                for i in infos
            ],
            fmt,
            title=f"Loads in workspace {workspace}",
            empty="no loads yet: import a file with `mpm ingest FILE` or run `mpm demo`",
        )
        return
    records = [
        {
            "load_id": info.load_id,
            "table": info.table,
            "source": info.source,
            "file": info.file,
            "status": info.status,
            "rows_inserted": info.rows_inserted,
            "rows_replaced": info.rows_replaced,
            "rows_deleted": info.rows_deleted,
            "min_date": info.min_date,
            "max_date": info.max_date,
            "started_at": info.started_at,
            "seconds": info.seconds,
            "file_hash": info.file_hash,
            "warnings": list(info.warnings),
        }
        for info in infos
    ]
    emit(records, fmt)


@app.command()
def revert(
    load_id: Annotated[int, typer.Argument(help="Id from `mpm loads`.")],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Undo a load: its rows are removed and the rows it replaced come back."""
    counts = revert_load(load_id, workspace=workspace)
    record = {"load_id": load_id, "rows_removed": counts.deleted, "rows_restored": counts.inserted}
    if fmt is Format.table:
        Console().print(
            f"Reverted load {load_id}: {counts.deleted:,} rows removed, "
            f"{counts.inserted:,} rows restored"
        )
    else:
        emit_one(record, fmt)
