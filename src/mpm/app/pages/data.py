"""The data page: upload a file (validated as a whole and loaded atomically, or refused with
the file, row and column of each problem and nothing loaded), the load history with a revert
per load, and how fresh each table of the warehouse is."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Annotated, Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, Response

from mpm.app.api.access import Id
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.pages.render import Here, here_of, redirect, render, sentence
from mpm.app.serialize import MAX_ID
from mpm.auth import Principal
from mpm.errors import Forbidden, IngestError, NotFound, Unauthorized, UserError
from mpm.ingest import PRESETS, IngestOptions, LoadInfo, get_preset, parse_pairs
from mpm.model import TABLES
from mpm.services import data, status

router = APIRouter(include_in_schema=False)

STALE_DAYS = 7  # a table whose newest date is older than this is stale
LOADS_SHOWN = 30  # loads listed before "show all"
MAX_NAME = 200  # characters of an uploaded file's name (as the API)
Option = Annotated[str, Form(max_length=64)]
Pairs = Annotated[str, Form(max_length=10_000)]
SAMPLES = "tests/data/exports/"  # sample exports of every preset, in the mpm source


@dataclass(frozen=True)
class Freshness:
    """A table of the warehouse: how much it holds and how recent it is."""

    table: str
    grain: str
    rows: int
    min_date: date | None
    max_date: date | None
    last_loaded_at: datetime | None
    stale: bool


@dataclass(frozen=True)
class Upload:
    """What the upload form was given, to show it again beside its errors."""

    source: str = ""
    table: str = ""
    map: str = ""
    set: str = ""
    date_format: str = ""
    keep_extra: bool = False
    hash_pii: bool = False
    errors: dict[str, str] = field(default_factory=dict)  # field -> message

    @property
    def advanced(self) -> bool:
        """Whether the options of a file that is not a platform export are in use."""
        return any((self.table, self.map, self.set, self.date_format, self.keep_extra))


def freshness(tables: list[Any], today: date) -> list[Freshness]:
    """Each table, those with rows first; a table is stale when its newest date is more than
    STALE_DAYS before today (its exports stopped coming)."""
    out = []
    for t in tables:
        spec = TABLES[t.table]
        stale = t.max_date is not None and t.max_date < today - timedelta(days=STALE_DAYS)
        out.append(
            Freshness(t.table, spec.grain, t.rows, t.min_date, t.max_date, t.last_loaded_at, stale)
        )
    return sorted(out, key=lambda f: f.rows == 0)


def local_time(value: datetime | None, here: Here) -> str:
    """A stored UTC time as the workspace reads it: its date and hh:mm in its time zone."""
    if value is None:
        return "—"
    moment = value.replace(tzinfo=ZoneInfo("UTC")) if value.tzinfo is None else value
    moment = moment.astimezone(ZoneInfo(here.timezone))
    return f"{here.day(moment)} {moment:%H:%M}"


def file_size(size: int) -> str:
    """A number of bytes for people: 2 GB, 500 MB, 64 KB."""
    for unit, scale in (("GB", 1024**3), ("MB", 1024**2), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:,.1f}".removesuffix(".0") + f" {unit}"
    return f"{size:,} bytes"


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _page(
    request: Request,
    principal: Principal,
    workspace: str,
    *,
    upload: Upload | None = None,
    refused: IngestError | None = None,
    revert_errors: dict[int, str] | None = None,
    all_loads: bool = False,
    reverted: tuple[int | None, int | None, int | None] = (None, None, None),
    loaded: int | None = None,
    skipped: int | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    here = here_of(request, principal, workspace)
    loads = data.list_loads(principal, workspace, settings=settings)
    tables = freshness(data.list_tables(principal, workspace, settings=settings), here.today)
    report = next((load for load in loads if load.load_id == loaded), None)
    undone = next((x for x in loads if x.load_id == reverted[0] and x.status == "reverted"), None)
    return render(
        request,
        "data/index.html",
        principal=principal,
        workspace=workspace,
        active="data",
        upload=upload or Upload(),
        refused=refused,
        revert_errors=revert_errors or {},
        report=report,
        skipped=skipped,
        notice=revert_notice(undone, *reverted[1:]) if undone is not None else "",
        loads=loads if all_loads else loads[:LOADS_SHOWN],
        more_loads=max(0, len(loads) - LOADS_SHOWN) if not all_loads else 0,
        tables=tables,
        empty=not any(t.rows for t in tables),
        presets=sorted(PRESETS.values(), key=lambda p: p.label),
        table_names=sorted(TABLES),
        stale_days=STALE_DAYS,
        samples=SAMPLES,
        max_upload=file_size(settings.max_upload_bytes),
        when=lambda value: local_time(value, here),
        status_code=status_code,
    )


@router.get("/w/{workspace}/data", **needs(data.list_loads))
def data_page(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    loaded: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    skipped: Annotated[int | None, Query(ge=0, le=2**63)] = None,
    reverted: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    removed: Annotated[int | None, Query(ge=0, le=2**63)] = None,
    restored: Annotated[int | None, Query(ge=0, le=2**63)] = None,
    loads: Annotated[str, Query(max_length=3)] = "",
) -> HTMLResponse:
    return _page(
        request,
        principal,
        workspace,
        loaded=loaded,
        skipped=skipped,
        reverted=(reverted, removed, restored),
        all_loads=loads == "all",
    )


def revert_notice(load: LoadInfo, removed: int | None, restored: int | None) -> str:
    """The confirmation of a revert (shown only for a load that is reverted)."""
    counts = ""
    if removed is not None and restored is not None:
        counts = f": {removed:,} rows removed, {restored:,} rows it had replaced are back"
    return f"Load {load.load_id} ({load.file}) is reverted{counts}."


def _options(upload: Upload) -> IngestOptions:
    """The import options of the form, as the API builds them; a bad value is an error of
    its field."""
    errors = upload.errors
    if upload.source:
        try:
            get_preset(upload.source)
        except UserError as exc:
            errors["source"] = sentence(exc)
    if upload.table and upload.table not in TABLES:
        errors["table"] = f"There is no table “{upload.table}”: pick one of the list."
    pairs: dict[str, dict[str, str]] = {}
    for name, option in (("map", "a column mapping"), ("set", "a constant")):
        try:
            pairs[name] = parse_pairs(_lines(getattr(upload, name)), option)
        except UserError as exc:
            errors[name] = sentence(exc)
    return IngestOptions(
        preset=upload.source or None,
        table=upload.table or None,
        columns=pairs.get("map", {}),
        constants=pairs.get("set", {}),
        date_format=upload.date_format or None,
        keep_extra=True if upload.keep_extra else None,
        hash_pii=upload.hash_pii,
    )


@router.post("/w/{workspace}/data/imports", **needs(data.import_upload))
def import_file(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    background: BackgroundTasks,
    file: Annotated[UploadFile | None, File()] = None,
    source: Option = "",
    table: Option = "",
    map: Pairs = "",
    set: Pairs = "",
    date_format: Annotated[str, Form(max_length=40)] = "",
    keep_extra: Annotated[bool, Form()] = False,
    hash_pii: Annotated[bool, Form()] = False,
) -> Response:
    """Upload a file with the options of the API's import; refused files are listed by row
    and column on the page again (422), and nothing is loaded."""
    upload = Upload(
        source.strip(), table.strip(), map, set, date_format.strip(), keep_extra, hash_pii
    )
    options = _options(upload)
    name = Path(file.filename or "").name if file is not None else ""
    if not name:
        upload.errors["file"] = "Choose a file to upload."
    elif len(name) > MAX_NAME:
        upload.errors["file"] = f"The file name is longer than {MAX_NAME} characters."
    if upload.errors or file is None:
        return _page(request, principal, workspace, upload=upload, status_code=422)
    settings = settings_of(request)
    try:
        report = data.import_upload(
            principal, workspace, name, file.file, options, settings=settings
        )
    except IngestError as exc:
        return _page(request, principal, workspace, upload=upload, refused=exc, status_code=422)
    except (Unauthorized, Forbidden, NotFound):
        raise
    except UserError as exc:  # a mapping that does not fit the file, a busy warehouse, ...
        upload.errors["file"] = sentence(exc)
        return _page(request, principal, workspace, upload=upload, status_code=422)
    background.add_task(status.warm_status, settings, workspace)
    return redirect(f"/w/{workspace}/data?loaded={report.load_id}&skipped={report.skipped}#report")


@router.post("/w/{workspace}/data/loads/{load_id}/revert", **needs(data.revert_load))
def revert_load(
    workspace: str,
    load_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    background: BackgroundTasks,
) -> Response:
    """Undo a load exactly: its rows go, the rows it replaced come back."""
    settings = settings_of(request)
    try:
        counts = data.revert_load(principal, workspace, load_id, settings=settings)
    except (Unauthorized, Forbidden, NotFound):
        raise
    except UserError as exc:  # already reverted, or replaced by a later load
        return _page(
            request,
            principal,
            workspace,
            revert_errors={load_id: sentence(exc)},
            all_loads=True,
            status_code=422,
        )
    background.add_task(status.warm_status, settings, workspace)
    return redirect(
        f"/w/{workspace}/data?reverted={load_id}"
        f"&removed={counts.deleted}&restored={counts.inserted}#loads"
    )
