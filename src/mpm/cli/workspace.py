"""`mpm workspace list|show|set`: workspaces and their settings."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.store import ensure_workspace, list_workspaces, session_scope, update_workspace

app = typer.Typer(help="Workspaces and their settings (currency, time zone, fiscal year).")


@app.command("list")
def list_(fmt: FormatOption = Format.table) -> None:
    """All workspaces of this installation."""
    with session_scope(get_settings().app_database_url) as session:
        rows = [asdict(w) for w in list_workspaces(session)]
    emit(rows, fmt, title="Workspaces", empty="no workspaces yet (one is created on first use)")


@app.command()
def show(workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table) -> None:
    """Settings of one workspace."""
    with session_scope(get_settings().app_database_url) as session:
        emit_one(asdict(ensure_workspace(session, workspace)), fmt)


@app.command("set")
def set_(
    workspace: WorkspaceOption = "default",
    base_currency: Annotated[str | None, typer.Option(help="ISO 4217 code, e.g. EUR.")] = None,
    timezone: Annotated[str | None, typer.Option(help="IANA name, e.g. Europe/Berlin.")] = None,
    fiscal_year_start: Annotated[int | None, typer.Option(help="Month 1-12.")] = None,
    week_start: Annotated[str | None, typer.Option(help="monday ... sunday.")] = None,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    fmt: FormatOption = Format.table,
) -> None:
    """Change settings of a workspace (created on first use)."""
    with session_scope(get_settings().app_database_url) as session:
        ensure_workspace(session, workspace)
        updated = update_workspace(
            session,
            workspace,
            base_currency=base_currency,
            timezone=timezone,
            fiscal_year_start_month=fiscal_year_start,
            week_start=week_start,
            name=name,
        )
        emit_one(asdict(updated), fmt)
