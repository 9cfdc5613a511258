"""`mpm workspace add|list|show|set|delete`: workspaces and their settings."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from mpm.auth import local_principal
from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.services import privacy, workspaces
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
    locale: Annotated[
        str | None, typer.Option(help="How numbers and dates are written, e.g. de_DE.")
    ] = None,
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
            locale=locale,
        )
        emit_one(asdict(updated), fmt)


@app.command("add")
def add(
    slug: Annotated[str, typer.Argument(help="Lower-case letters, digits, '-' and '_'.")],
    name: Annotated[str | None, typer.Option(help="Display name, e.g. the client's.")] = None,
    base_currency: Annotated[str, typer.Option(help="ISO 4217 code.")] = "USD",
    fmt: FormatOption = Format.table,
) -> None:
    """A new workspace, one per client or company (its data never mixes with another's)."""
    created = workspaces.create_workspace(
        local_principal(), slug, name=name, base_currency=base_currency, settings=get_settings()
    )
    emit_one(asdict(created.workspace), fmt)


@app.command("delete")
def delete(
    slug: Annotated[str, typer.Argument(help="The workspace to delete.")],
    yes: Annotated[
        bool, typer.Option("--yes", help="Confirm: delete the workspace and all its data.")
    ] = False,
) -> None:
    """Delete a workspace with all its data: objectives, plans, members, tokens, the
    warehouse, KPI definitions. There is no undo (keep a `mpm backup` first)."""
    if not yes:
        raise UserError(f"this deletes workspace {slug!r} and all its data: add --yes to confirm")
    workspaces.delete_workspace(local_principal(), slug, confirm=slug, settings=get_settings())
    typer.echo(f"workspace {slug} deleted")


@app.command("export")
def export(
    slug: Annotated[str, typer.Argument(help="The workspace to export.")],
    file: Annotated[Path, typer.Argument(help="The zip to write.")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace FILE if it exists.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Everything the workspace holds in one zip: its app-state rows (JSON per table, no
    password or token hashes), each table's current rows (Parquet), KPI and rule files, and
    a manifest with counts and checksums."""
    report = privacy.export_workspace(
        local_principal(), slug, file, overwrite=overwrite, settings=get_settings()
    )
    if fmt is not Format.table:
        emit_one(asdict(report), fmt)
        return
    rows = sum(report.warehouse.values())
    typer.echo(
        f"workspace {slug} exported to {report.file} ({report.bytes:,} bytes): "
        f"{rows:,} warehouse rows, {sum(report.app_state.values()):,} app-state rows, "
        f"{len(report.files)} configuration files"
    )
