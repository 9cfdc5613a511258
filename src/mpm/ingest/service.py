"""Import a file into a workspace: detect, read, validate, load atomically, record the load."""

from __future__ import annotations

import hashlib
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
from sqlalchemy import select

from mpm.config import Settings, get_settings
from mpm.errors import HeaderNotFound, IngestError, NotFound, UserError
from mpm.ingest import load as loader
from mpm.ingest import pii, staging
from mpm.ingest.conform import unknown_channels
from mpm.ingest.mapping import Mapping, identity_mapping, load_mapping_file
from mpm.ingest.presets import Preset, any_preset_header, detect_preset, get_preset
from mpm.ingest.progress import ProgressCallback, watch
from mpm.ingest.readers import FileLayout, csv_error, inspect_file, load_raw
from mpm.ingest.sql import install_macros
from mpm.ingest.staging import Context
from mpm.model.campaigns import load_campaign_rules
from mpm.model.channels import load_grouping
from mpm.model.tables import get_table
from mpm.store import WorkspaceSettings, ensure_workspace, session_scope
from mpm.store.models import LoadRow
from mpm.warehouse import Warehouse, open_warehouse, rows_table


@dataclass(frozen=True)
class IngestOptions:
    """What the user said about a file; everything optional."""

    preset: str | None = None
    table: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    constants: dict[str, str] = field(default_factory=dict)
    mapping_file: Path | None = None
    source_name: str | None = None
    date_format: str | None = None
    decimal_comma: bool | None = None
    keep_extra: bool | None = None
    delimiter: str | None = None
    hash_pii: bool = False  # e-mails, names, phones, addresses replaced by their keyed hash


@dataclass(frozen=True)
class LoadReport:
    load_id: int
    workspace: str
    table: str
    source: str
    preset: str | None
    file: str
    rows: int
    inserted: int
    replaced: int
    deleted: int
    skipped: int
    min_date: date | None
    max_date: date | None
    unmapped: tuple[str, ...]
    warnings: tuple[str, ...]
    seconds: float


@dataclass(frozen=True)
class LoadInfo:
    load_id: int
    table: str
    source: str
    file: str
    status: str
    rows_inserted: int
    rows_replaced: int
    rows_deleted: int
    min_date: str | None
    max_date: str | None
    started_at: datetime
    seconds: float | None
    file_hash: str
    warnings: tuple[str, ...]


def workspace_paths(settings: Settings, slug: str) -> tuple[Path, Path, Path]:
    """(warehouse file, channels.yml, campaigns.yml) of a workspace."""
    folder = settings.workspace_dir(slug)
    return folder / "warehouse.duckdb", folder / "channels.yml", folder / "campaigns.yml"


def open_workspace_warehouse(settings: Settings, slug: str) -> Warehouse:
    with session_scope(settings.app_database_url) as session:
        ensure_workspace(session, slug)
    return Warehouse(workspace_paths(settings, slug)[0])


def _hash(path: Path) -> str:
    digest = hashlib.sha256()  # hardware-accelerated: twice blake2b's speed here
    with path.open("rb") as fh:
        while chunk := fh.read(4 * 1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _generic_layout(path: Path, columns: dict[str, str], delimiter: str | None) -> FileLayout:
    """The header is the first line holding every mapped column (titles above are skipped);
    without mapped columns, or when no line holds them all, the first line."""
    wanted = set(columns.values())
    if wanted:
        try:
            return inspect_file(
                path, delimiter=delimiter, header=lambda cells: wanted <= set(cells)
            )
        except HeaderNotFound:
            pass
    return inspect_file(path, delimiter=delimiter)


def _resolve(path: Path, options: IngestOptions) -> tuple[FileLayout, Mapping, Preset | None]:
    """Find the layout and mapping: an explicit preset, a generic mapping, or detection."""
    generic = options.table or options.mapping_file
    if options.preset:
        preset = get_preset(options.preset)
        layout = inspect_file(path, header=preset.matches, delimiter=options.delimiter)
        return layout, preset.build(layout), preset
    if generic:
        if options.mapping_file:
            base = load_mapping_file(options.mapping_file)
        else:
            assert options.table is not None
            get_table(options.table)
            base = Mapping(table=options.table, source="generic")
        layout = _generic_layout(path, {**base.columns, **options.columns}, options.delimiter)
        columns = {**identity_mapping(base.table, layout.columns), **base.columns}
        return layout, replace(base, columns=columns), None
    try:
        layout = inspect_file(path, header=any_preset_header, delimiter=options.delimiter)
    except HeaderNotFound as exc:
        plain = inspect_file(path, delimiter=options.delimiter)
        raise UserError(
            f"{path.name}: not a known platform export (header: {', '.join(plain.columns[:12])}"
            f"{', ...' if len(plain.columns) > 12 else ''}); name it with --source PRESET, or "
            "map it with --table TABLE --map canonical=column (see `mpm ingest --help`)"
        ) from exc
    preset = detect_preset(layout.columns)
    assert preset is not None
    return layout, preset.build(layout), preset


def ingest_file(
    path: Path,
    *,
    workspace: str = "default",
    options: IngestOptions | None = None,
    settings: Settings | None = None,
    on_progress: ProgressCallback | None = None,
) -> LoadReport:
    """Validate `path` completely, then load it in one transaction; raise IngestError if bad."""
    settings = settings or get_settings()
    options = options or IngestOptions()
    started = time.perf_counter()
    if not path.exists():
        raise UserError(f"{path}: file not found")
    if path.stat().st_size > settings.max_upload_bytes:
        raise IngestError.single(
            path.name, f"the file is larger than the limit of {settings.max_upload_bytes:,} bytes"
        )
    layout, mapping, preset = _resolve(path, options)
    mapping = mapping.with_overrides(
        columns=options.columns,
        constants=options.constants,
        date_format=options.date_format,
        decimal_comma=options.decimal_comma,
        keep_extra=options.keep_extra,
        source=options.source_name,
    )
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
    warehouse_file, channels_file, campaigns_file = workspace_paths(settings, workspace)
    context = Context(
        base_currency=ws.base_currency,
        timezone=ws.timezone,
        grouping=load_grouping(channels_file),
        campaign_rules=load_campaign_rules(campaigns_file),
        today=date.today(),
        hash_pii=options.hash_pii,
    )
    pii_key = pii.installation_key(settings.home_path) if options.hash_pii else None
    with open_warehouse(warehouse_file) as warehouse, ThreadPoolExecutor(1) as pool:
        file_hash = pool.submit(_hash, path)  # hashing runs while DuckDB reads the file
        con = warehouse.con
        install_macros(con)
        if pii_key is not None:
            pii.install_macros(con, pii_key)
        load_raw(con, layout)
        try:
            plan = staging.plan(con, layout, mapping, context)
        except duckdb.Error as exc:  # the file is unreadable past what inspection saw
            raise csv_error(layout, exc) from exc
        load_id = _record_start(settings, ws, plan.table.name, mapping.source, path)
        try:
            result = _load(con, plan, load_id, on_progress)
        except (IngestError, UserError):
            _record_discard(settings, load_id)  # refused: nothing was written
            raise
        except BaseException:
            _record_end(settings, load_id, status="failed")
            raise
        digest = file_hash.result()
    seconds = time.perf_counter() - started
    report = LoadReport(
        load_id=load_id,
        workspace=workspace,
        table=plan.table.name,
        source=mapping.source,
        preset=preset.name if preset else None,
        file=str(path),
        rows=result.rows,
        inserted=result.counts.inserted,
        replaced=result.counts.replaced,
        deleted=result.counts.deleted,
        skipped=result.skipped,
        min_date=result.min_date,
        max_date=result.max_date,
        unmapped=tuple(plan.unmapped),
        warnings=tuple(result.warnings),
        seconds=seconds,
    )
    _record_end(settings, load_id, status="committed", report=report, file_hash=digest)
    return report


@dataclass(frozen=True)
class _Loaded:
    counts: loader.LoadCounts
    rows: int
    skipped: int
    min_date: date | None
    max_date: date | None
    warnings: list[str]


def _load(
    con: duckdb.DuckDBPyConnection,
    plan: staging.Plan,
    load_id: int,
    on_progress: ProgressCallback | None,
) -> _Loaded:
    """Load the file reading it once when it passes every rule and needs no exchange rate
    (the usual case); otherwise stage it first, which explains any problem."""
    source = plan.mapping.source
    try:
        with watch(con, "loading", on_progress):
            direct = loader.write_direct(
                con,
                table=plan.table,
                load_id=load_id,
                source=source,
                select=staging.direct_select(plan),
            )
    except loader.NotDirect:
        pass
    except duckdb.Error as exc:  # the file itself is unreadable past what inspection saw
        raise csv_error(plan.layout, exc) from exc
    else:
        skipped = plan.skipped(con, direct.rows)
        unknown = []
        if "channel" in plan.given:
            new_rows = (
                f"(SELECT channel FROM {rows_table(plan.table.name)} WHERE _load_id = {load_id})"
            )
            unknown = unknown_channels(con, plan.ctx.grouping, new_rows, "channel")
        warnings = plan.load_warnings(skipped, unknown)
        return _Loaded(
            direct.counts, direct.rows, skipped, direct.min_date, direct.max_date, warnings
        )
    try:
        with watch(con, "reading and validating", on_progress):
            staged = staging.stage(con, plan)
    except duckdb.Error as exc:
        raise csv_error(plan.layout, exc) from exc
    assert staged.min_date is not None and staged.max_date is not None
    with watch(con, "loading", on_progress):
        counts = loader.write(
            con,
            table=staged.table,
            load_id=load_id,
            source=source,
            accounts=staged.accounts,
            first=staged.min_date,
            last=staged.max_date,
            insert_select=staged.insert_select,
        )
    return _Loaded(
        counts, staged.rows, staged.skipped_rows, staged.min_date, staged.max_date, staged.warnings
    )


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _record_start(
    settings: Settings, ws: WorkspaceSettings, table: str, source: str, path: Path
) -> int:
    with session_scope(settings.app_database_url) as session:
        row = LoadRow(
            workspace_id=ws.id,
            table_name=table,
            source=source,
            file_name=path.name,
            file_hash="",
            file_bytes=path.stat().st_size,
            status="pending",
            rows_in_file=0,
            rows_inserted=0,
            rows_replaced=0,
            rows_deleted=0,
            warnings=[],
            started_at=_now(),
        )
        session.add(row)
        session.flush()
        return row.id


def _record_discard(settings: Settings, load_id: int) -> None:
    with session_scope(settings.app_database_url) as session:
        row = session.get(LoadRow, load_id)
        if row is not None:
            session.delete(row)


def _record_end(
    settings: Settings,
    load_id: int,
    *,
    status: str,
    report: LoadReport | None = None,
    file_hash: str | None = None,
) -> None:
    with session_scope(settings.app_database_url) as session:
        row = session.get(LoadRow, load_id)
        if row is None:
            return
        row.status = status
        row.finished_at = _now()
        if file_hash is not None:
            row.file_hash = file_hash
        if report is not None:
            row.rows_in_file = report.rows
            row.rows_inserted = report.inserted
            row.rows_replaced = report.replaced
            row.rows_deleted = report.deleted
            row.min_date = report.min_date.isoformat() if report.min_date else None
            row.max_date = report.max_date.isoformat() if report.max_date else None
            row.warnings = list(report.warnings)
            row.duration_seconds = round(report.seconds, 3)


def list_loads(*, workspace: str = "default", settings: Settings | None = None) -> list[LoadInfo]:
    """Every load of a workspace, newest first; interrupted loads reconciled with the warehouse."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        pending = session.scalars(
            select(LoadRow).where(LoadRow.workspace_id == ws.id, LoadRow.status == "pending")
        ).all()
        if pending:
            with open_warehouse(workspace_paths(settings, workspace)[0]) as warehouse:
                for row in pending:
                    is_committed, _ = loader.committed(warehouse.con, row.id)
                    row.status = "committed" if is_committed else "failed"
        rows = session.scalars(
            select(LoadRow).where(LoadRow.workspace_id == ws.id).order_by(LoadRow.id.desc())
        ).all()
        return [
            LoadInfo(
                load_id=r.id,
                table=r.table_name,
                source=r.source,
                file=r.file_name,
                status="reverted" if r.reverted_at else r.status,
                rows_inserted=r.rows_inserted,
                rows_replaced=r.rows_replaced,
                rows_deleted=r.rows_deleted,
                min_date=r.min_date,
                max_date=r.max_date,
                started_at=r.started_at,
                seconds=r.duration_seconds,
                file_hash=r.file_hash,
                warnings=tuple(r.warnings or ()),
            )
            for r in rows
        ]


def revert_load(
    load_id: int, *, workspace: str = "default", settings: Settings | None = None
) -> loader.LoadCounts:
    """Undo one load: its rows go, the rows it replaced come back."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        row = session.get(LoadRow, load_id)
        if row is None or row.workspace_id != ws.id:
            raise NotFound(f"no load {load_id} in workspace {workspace!r}")
        table = get_table(row.table_name)
        with open_warehouse(workspace_paths(settings, workspace)[0]) as warehouse:
            counts = loader.revert(warehouse.con, table=table, load_id=load_id)
        row.reverted_at = _now()
        row.status = "committed"
    return counts
