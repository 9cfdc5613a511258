"""`mpm audit list|export`: every change in a workspace — who, what, when, before and after."""

from __future__ import annotations

import csv
import json
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from mpm.auth import local_principal
from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.services import audit

app = typer.Typer(help="The audit log: every change, who made it and when.", no_args_is_help=True)

FIELDS = [
    "id",
    "at",
    "actor",
    "via",
    "action",
    "entity",
    "entity_id",
    "before",
    "after",
    "request_id",
]


def _changes(entry: audit.AuditEntry) -> str:
    after, before = entry.after or {}, entry.before or {}
    if entry.action == "update":
        return ", ".join(f"{k}: {before.get(k)!r} → {v!r}" for k, v in after.items())
    shown = {k: v for k, v in (after or before).items() if k not in ("id", "workspace_id")}
    return ", ".join(f"{k}={v!r}" for k, v in list(shown.items())[:4]) + (
        " ..." if len(shown) > 4 else ""
    )


@app.command("list")
def list_(
    workspace: WorkspaceOption = "default",
    entity: Annotated[str | None, typer.Option(help="Only this table, e.g. objectives.")] = None,
    actor: Annotated[str | None, typer.Option(help="Only this actor (e-mail or cli:NAME).")] = None,
    since: Annotated[str | None, typer.Option(help="Only from this time (ISO).")] = None,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.", min=1)] = 50,
    fmt: FormatOption = Format.table,
) -> None:
    """Changes in the workspace, newest first."""
    try:
        start = datetime.fromisoformat(since) if since else None
    except ValueError as exc:
        raise UserError(f"--since {since!r}: use a date or time like 2026-12-01") from exc
    page = audit.audit_log(
        local_principal(),
        workspace,
        entity=entity,
        actor=actor,
        since=start,
        limit=limit,
        settings=get_settings(),
    )
    if fmt is Format.table:
        rows: list[dict[str, Any]] = [
            {
                "id": e.id,
                "at": e.at.strftime("%Y-%m-%d %H:%M:%S"),
                "who": f"{e.actor} ({e.via})",
                "what": f"{e.action} {e.entity} {e.entity_id or ''}".strip(),
                "changes": _changes(e),
            }
            for e in page.entries
        ]
        emit(
            rows,
            fmt,
            title=f"Audit log of {workspace} ({len(rows)} of {page.total})",
            empty="no changes yet",
        )
        return
    emit([asdict(e) for e in page.entries], fmt)


@app.command("export")
def export(
    file: Annotated[Path, typer.Argument(help="Where to write (.csv or .jsonl); - for stdout.")],
    workspace: WorkspaceOption = "default",
) -> None:
    """The whole audit log of a workspace as CSV or JSON lines, oldest first."""
    page = audit.audit_log(local_principal(), workspace, limit=None, settings=get_settings())
    entries = list(reversed(page.entries))
    as_json = str(file).endswith((".jsonl", ".json"))
    out = sys.stdout if str(file) == "-" else file.open("w", encoding="utf-8", newline="")
    try:
        if as_json:
            for e in entries:
                out.write(json.dumps(asdict(e), default=str) + "\n")
        else:
            writer = csv.DictWriter(out, fieldnames=FIELDS)
            writer.writeheader()
            for e in entries:
                row = asdict(e)
                row["before"], row["after"] = json.dumps(e.before), json.dumps(e.after)
                writer.writerow(row)
    finally:
        if out is not sys.stdout:
            out.close()
    if str(file) != "-":
        typer.echo(f"{len(entries)} audit entries of {workspace} written to {file}", err=True)
