"""`mpm backup FILE` and `mpm restore FILE`: the whole installation (MPM_HOME) in one zip."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from mpm.cli.common import FormatOption
from mpm.cli.output import Format, emit_one
from mpm.config import get_settings
from mpm.services.backup import backup_home, restore_home

BACKUP_EXAMPLES = """\
Examples:

  mpm backup /backups/mpm-$(date +%F).zip     # also while `mpm serve` runs
  mpm backup latest.zip --overwrite
"""

RESTORE_EXAMPLES = """\
Examples:

  MPM_HOME=/srv/mpm-new mpm restore /backups/mpm-2026-03-01.zip   # into an empty MPM_HOME
  mpm restore /backups/mpm-2026-03-01.zip --yes   # replace this MPM_HOME (stop the server)
"""


def _size(n: int) -> str:
    return f"{n / 1024**2:,.1f} MB" if n >= 1024**2 else f"{n / 1024:,.1f} kB"


def backup(
    file: Annotated[Path, typer.Argument(help="The zip to write (best outside MPM_HOME).")],
    overwrite: Annotated[
        bool, typer.Option("--overwrite", help="Replace FILE if it exists.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Back up MPM_HOME (app state, every workspace's warehouse, KPI and rule files, the
    personal-data key) into FILE, consistently even while the server runs. PostgreSQL app
    state is not included: use pg_dump for it."""
    report = backup_home(get_settings(), file, overwrite=overwrite)
    if fmt is not Format.table:
        emit_one(asdict(report), fmt)
        return
    console = Console(highlight=False, soft_wrap=True)
    console.print(
        f"[green]Backed up[/green] {report.home} to {report.file} ({_size(report.bytes)}): "
        f"{len(report.workspaces)} workspace(s), {report.files} files; "
        f"app state {report.app_state}"
    )
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
    typer.echo("the backup holds personal data and the personal-data key: keep it safe", err=True)


def restore(
    file: Annotated[Path, typer.Argument(help="A zip written by `mpm backup`.")],
    yes: Annotated[
        bool,
        typer.Option("--yes", help="Confirm: replace everything in a non-empty MPM_HOME."),
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Restore a backup into MPM_HOME: it must be empty, or confirmed with --yes (stop the
    server first). The archive is checked completely before anything is replaced."""
    report = restore_home(get_settings(), file, replace=yes)
    if fmt is not Format.table:
        emit_one(asdict(report), fmt)
        return
    console = Console(highlight=False, soft_wrap=True)
    console.print(
        f"[green]Restored[/green] {report.archive} (taken {report.created_at} by mpm "
        f"{report.mpm_version}) into {report.home}: {len(report.workspaces)} workspace(s), "
        f"{report.files} files{'; its earlier contents are gone' if report.replaced else ''}"
    )
    for note in report.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
