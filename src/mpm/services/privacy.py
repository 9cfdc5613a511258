"""Data protection in a workspace: forgetting a person everywhere in its warehouse, and
exporting everything the workspace holds. Both are its owners' (ADMIN) to do.

A person is found by their customer id or e-mail address, plain or hashed (`mpm ingest
--hash-pii`), and followed through `customers` and `leads` to every id and address they have
there; then every row holding one of those, in `customers`, `orders`, `leads`, `touchpoints`,
`conversions` and `experiment_exposures`, goes, with the replaced versions kept for reverts,
in one DuckDB transaction (see docs/data-protection.md).
"""

from __future__ import annotations

import contextlib
import json
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm import __version__
from mpm.auth import Permission
from mpm.errors import UserError
from mpm.ingest import pii, workspace_paths
from mpm.ingest.sql import literal
from mpm.model.tables import TABLES
from mpm.services.access import Context, requires
from mpm.services.archive import check_destination, sha256_of, write_archive
from mpm.store import current_actor, session_scope
from mpm.store.audit import SECRET_COLUMNS
from mpm.store.models import AuditRow, Base, MembershipRow
from mpm.warehouse import Warehouse, open_warehouse, quote, rows_table, transaction

ADMIN = Permission.ADMIN

# the columns of each table that name a person: ids and e-mail addresses, compared as `_key`
PERSON_COLUMNS: dict[str, tuple[str, ...]] = {
    "customers": ("customer_id", "email"),
    "orders": ("customer_id",),
    "leads": ("customer_id", "email"),
    "touchpoints": ("user_id",),
    "conversions": ("user_id",),
    "experiment_exposures": ("unit_id",),
}
LINKS = ("customers", "leads")  # where a customer id and an e-mail address meet
MAX_HOPS = 10


def _key_sql(column: str) -> str:
    """SQL: how an identifier is compared, an e-mail address trimmed and in lower case."""
    c = quote(column)
    return (
        f"CASE WHEN contains({c}, '@') THEN lower(trim({c}, {literal(pii.WHITESPACE)})) "
        f"ELSE {c} END"
    )


def _key(value: str) -> str:
    """`_key_sql` in Python."""
    return pii.normalise(pii.PiiKind.EMAIL, value) if "@" in value else value


@dataclass(frozen=True)
class TableForgotten:
    table: str
    rows: int  # current rows deleted
    history: int  # replaced versions deleted (kept for reverts until now)


@dataclass(frozen=True)
class ForgetReport:
    workspace: str
    identifiers: int  # ids and e-mail addresses of the person found
    tables: tuple[TableForgotten, ...]
    deleted: bool  # False for a dry run

    @property
    def total(self) -> int:
        return sum(t.rows + t.history for t in self.tables)


def _identifiers(con: duckdb.DuckDBPyConnection, start: set[str], key: bytes | None) -> list[str]:
    """Every id and e-mail address linked to `start` through `customers` and `leads` (a
    customer's addresses, the customers and leads with those addresses, ...), compared as
    `_key` and with the hash of each plain address when the installation has a key."""
    found = set(start)
    for _ in range(MAX_HOPS):
        if key is not None:
            found |= {pii.digest(key, v) for v in found if "@" in v}
        wanted = sorted(found)
        linked: set[str] = set()
        for name in LINKS:
            rows = quote(rows_table(name))
            match = " OR ".join(f"list_contains($1, {_key_sql(c)})" for c in PERSON_COLUMNS[name])
            for customer, email in con.execute(
                f"SELECT DISTINCT {_key_sql('customer_id')}, {_key_sql('email')} FROM {rows} "
                f"WHERE {match}",
                [wanted],
            ).fetchall():
                linked |= {v for v in (customer, email) if v}
        if linked <= found:
            break
        found |= linked
    return sorted(v for v in found if v)


def _forget(
    con: duckdb.DuckDBPyConnection, identifiers: list[str], *, delete: bool
) -> list[TableForgotten]:
    out = []
    for name, columns in PERSON_COLUMNS.items():
        rows = quote(rows_table(name))
        match = " OR ".join(f"list_contains($1, {_key_sql(c)})" for c in columns)
        current, history = con.execute(
            f"SELECT count(*) FILTER (WHERE _replaced_by IS NULL), "
            f"count(*) FILTER (WHERE _replaced_by IS NOT NULL) FROM {rows} WHERE {match}",
            [identifiers],
        ).fetchone() or (0, 0)
        if delete and current + history:
            con.execute(f"DELETE FROM {rows} WHERE {match}", [identifiers])
        out.append(TableForgotten(name, int(current), int(history)))
    return out


def _start(customer_id: str | None, email: str | None) -> tuple[set[str], str]:
    given = [v for v in (customer_id, email) if v is not None]
    if len(given) != 1:
        raise UserError("name the person to forget with a customer id or an e-mail address")
    value = given[0].strip(pii.WHITESPACE)
    if customer_id is not None:
        if not value:
            raise UserError("the customer id to forget is empty")
        return {_key(value)}, "customer_id"
    if "@" not in value:
        raise UserError(f"{value!r} is not an e-mail address")
    return {_key(value)}, "email"


@requires(ADMIN)
def forget_customer(
    ctx: Context,
    *,
    customer_id: str | None = None,
    email: str | None = None,
    dry_run: bool = False,
) -> ForgetReport:
    """Delete one person from every warehouse table of the workspace, replaced versions
    included (so no `loads revert` brings them back), in one transaction; counts per table.
    Forgetting again finds nothing and deletes nothing. `dry_run` only counts."""
    start, by = _start(customer_id, email)
    key = pii.existing_key(ctx.settings.home_path)
    with open_warehouse(workspace_paths(ctx.settings, ctx.slug)[0]) as warehouse:
        con = warehouse.con
        with transaction(con):  # one snapshot to find them, the same to delete them
            identifiers = _identifiers(con, start, key)
            tables = _forget(con, identifiers, delete=not dry_run)
        if not dry_run and any(t.rows + t.history for t in tables):
            with contextlib.suppress(duckdb.Error):  # busy: DuckDB checkpoints later itself
                con.execute("CHECKPOINT")  # deleted rows leave the write-ahead log
    report = ForgetReport(ctx.slug, len(identifiers), tuple(tables), not dry_run)
    if not dry_run:
        _audit_forget(ctx, report, by)
    return report


def _audit_forget(ctx: Context, report: ForgetReport, by: str) -> None:
    """An audit entry that a person was forgotten: how many rows of which table, found by
    which kind of identifier; the identifier itself is not kept (it is personal data)."""
    actor = current_actor()
    with session_scope(ctx.settings.app_database_url) as session:
        session.add(
            AuditRow(
                workspace_id=ctx.workspace.id,
                at=datetime.now(UTC).replace(tzinfo=None),
                actor=actor.label,
                user_id=actor.user_id,
                via=actor.via,
                action="delete",
                entity="warehouse:person",
                entity_id=None,
                before={"found_by": by, "identifiers": report.identifiers},
                after={t.table: t.rows + t.history for t in report.tables},
                request_id=actor.request_id,
            )
        )


# --- workspace export ------------------------------------------------------------------------

EXPORT_FORMAT = "mpm-workspace-export"
EXPORT_VERSION = 1


@dataclass(frozen=True)
class ExportReport:
    workspace: str
    file: str
    bytes: int
    app_state: dict[str, int]  # rows per app-state table
    warehouse: dict[str, int]  # current rows per canonical table
    files: tuple[str, ...]  # configuration files (metrics, channel and campaign rules)


def _json_value(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    return value


def _app_rows(session: Session, workspace_id: int) -> dict[str, list[dict[str, Any]]]:
    """The workspace's rows of every app-state table: its own row, rows carrying its id, and
    its members' user records; secrets (password, token and CSRF hashes) left out. Sessions
    and password resets belong to people, not to a workspace, and are not exported."""
    members = select(MembershipRow.user_id).where(MembershipRow.workspace_id == workspace_id)
    out: dict[str, list[dict[str, Any]]] = {}
    for table in Base.metadata.sorted_tables:
        if table.name == "workspaces":
            where = table.c.id == workspace_id
        elif "workspace_id" in table.c:
            where = table.c.workspace_id == workspace_id
        elif table.name == "users":
            where = table.c.id.in_(members)
        else:
            continue
        columns = [c for c in table.c if c.name not in SECRET_COLUMNS]
        query = select(*columns).where(where).order_by(*table.primary_key.columns)
        out[table.name] = [
            {k: _json_value(v) for k, v in row._mapping.items()} for row in session.execute(query)
        ]
    return out


def _config_files(folder: Path) -> list[tuple[str, Path]]:
    """(name in the archive, file) of the workspace's KPI definitions and rule files."""
    found = [(f"config/{p.name}", p) for p in (folder / "channels.yml", folder / "campaigns.yml")]
    metrics = folder / "metrics"
    if metrics.is_dir():
        found += [
            (f"config/metrics/{p.relative_to(metrics).as_posix()}", p)
            for p in sorted(metrics.rglob("*"))
            if p.is_file() and p.suffix in (".yml", ".yaml")
        ]
    return [(name, p) for name, p in found if p.is_file()]


def _export_warehouse(warehouse: Warehouse, folder: Path) -> dict[str, int]:
    """Each canonical table's current rows as Parquet in `folder`, from one snapshot."""
    con = warehouse.con
    counts: dict[str, int] = {}
    with transaction(con):
        for name in TABLES:
            row = con.execute(f"SELECT count(*) FROM {quote(name)}").fetchone()
            counts[name] = int(row[0]) if row else 0
            target = literal(str(folder / f"{name}.parquet"))
            con.execute(f"COPY (SELECT * FROM {quote(name)}) TO {target} (FORMAT parquet)")
    return counts


README = """\
mpm workspace export
====================

Workspace: {slug} ({name}), exported {at} by mpm {version}.

  manifest.json            what is in here: row counts, files with their SHA-256
  app_state/<table>.json   the workspace's rows of each app-state table (objectives, plans,
                           budgets, decisions, members, API tokens, load history, audit log),
                           a JSON list of objects; password and token hashes are not included
  warehouse/<table>.parquet
                           the current rows of each canonical table (replaced versions, kept
                           for reverts, are not included)
  config/                  KPI definitions (metrics/*.yml), channel and campaign rules

Tables and columns are described in docs/data-model.md of mpm.
"""


@requires(ADMIN)
def export_workspace(ctx: Context, destination: Path, *, overwrite: bool = False) -> ExportReport:
    """A zip of everything the workspace holds: its app-state rows (JSON per table, no
    secrets), each canonical table's current rows (Parquet), its KPI and rule files, and a
    manifest with counts and checksums. Written atomically: complete, or not at all."""
    destination = destination.expanduser().resolve()
    check_destination(destination, overwrite)
    settings = ctx.settings
    folder = settings.workspace_dir(ctx.slug)
    with session_scope(settings.app_database_url) as session:
        rows = _app_rows(session, ctx.workspace.id)
    with tempfile.TemporaryDirectory(prefix=".mpm-export-", dir=destination.parent) as temp:
        staged = Path(temp)
        (staged / "warehouse").mkdir()
        (staged / "app_state").mkdir()
        with open_warehouse(workspace_paths(settings, ctx.slug)[0]) as warehouse:
            counts = _export_warehouse(warehouse, staged / "warehouse")
        entries: list[tuple[str, Path]] = []
        for table, records in rows.items():
            path = staged / "app_state" / f"{table}.json"
            path.write_text(json.dumps(records, ensure_ascii=False, indent=1), encoding="utf-8")
            entries.append((f"app_state/{table}.json", path))
        entries += [
            (f"warehouse/{n}.parquet", staged / "warehouse" / f"{n}.parquet") for n in TABLES
        ]
        config = _config_files(folder)
        entries += config
        at = datetime.now(UTC).replace(microsecond=0)
        manifest = {
            "format": EXPORT_FORMAT,
            "format_version": EXPORT_VERSION,
            "mpm_version": __version__,
            "exported_at": at.isoformat(),
            "workspace": rows["workspaces"][0] if rows.get("workspaces") else {"slug": ctx.slug},
            "app_state": {t: len(r) for t, r in rows.items()},
            "warehouse": counts,
            "files": [
                {"path": name, "bytes": path.stat().st_size, "sha256": sha256_of(path)}
                for name, path in entries
            ],
        }
        readme = README.format(
            slug=ctx.slug, name=ctx.workspace.name, at=at.isoformat(), version=__version__
        )
        size = write_archive(
            destination,
            entries,
            {"manifest.json": json.dumps(manifest, indent=1), "README.txt": readme},
        )
    return ExportReport(
        workspace=ctx.slug,
        file=str(destination),
        bytes=size,
        app_state=manifest["app_state"],
        warehouse=counts,
        files=tuple(name for name, _ in config),
    )
