"""KPI queries and their SQL, the KPI catalog, the warehouse's tables, imports (upload),
load history and reverts."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, File, Form, Query, Request, Response, UploadFile

from mpm.app.api.access import Id, Limit, Offset
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.serialize import DEFAULT_LIMIT, page, plain, records
from mpm.errors import UserError
from mpm.ingest import IngestOptions, parse_pairs
from mpm.services import data, status

router = APIRouter()

Text = Annotated[str | None, Query(max_length=500)]
Many = Annotated[list[str] | None, Query(max_length=50)]


_encoded: dict[int, tuple[Any, bytes]] = {}  # id of a cached frame -> (the frame, its JSON)
_encoded_lock = threading.Lock()


def kpi_response(frame: Any) -> Response:
    """The records of a KPI frame as JSON. The service caches frames, so the JSON of each is
    kept beside it (a dashboard's repeated questions are answered without encoding again)."""
    with _encoded_lock:
        kept = _encoded.get(id(frame))
    if kept is None or kept[0] is not frame:
        rows = records(frame)
        body = json.dumps({"items": rows, "total": len(rows)}, separators=(",", ":")).encode()
        with _encoded_lock:
            if len(_encoded) >= 512:
                _encoded.clear()
            _encoded[id(frame)] = (frame, body)
        kept = (frame, body)
    return Response(kept[1], media_type="application/json")


def _kpi_options(
    by: str | None,
    grain: str | None,
    start: str | None,
    end: str | None,
    where: list[str] | None,
    compare: str | None,
    top: int | None,
) -> dict[str, Any]:
    return {
        "by": [d for d in (by or "").split(",") if d.strip()] or None,
        "grain": grain,
        "start": start,
        "end": end,
        "where": where or None,
        "compare": compare,
        "top": top,
    }


@router.get("/workspaces/{workspace}/kpis", tags=["kpis"], **needs(data.kpi_query))
def kpi_query(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    kpi: Annotated[str, Query(max_length=500, description="KPI names, comma-separated.")],
    by: Annotated[
        str | None, Query(max_length=500, description="Dimensions, comma-separated.")
    ] = None,
    grain: Annotated[str | None, Query(pattern="^(day|week|month|quarter|year)$")] = None,
    start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    where: Annotated[
        list[str] | None, Query(max_length=20, description="DIM=VALUE, DIM!=VALUE, DIM=in:A|B")
    ] = None,
    compare: Annotated[str | None, Query(pattern="^(previous_period|previous_year)$")] = None,
    top: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> Response:
    """KPIs as flat records (rates as fractions, null where undefined), as `mpm kpi`."""
    frame = data.kpi_query(
        principal,
        workspace,
        [k for k in kpi.split(",") if k.strip()],
        settings=settings_of(request),
        **_kpi_options(by, grain, start, end, where, compare, top),
    )
    return kpi_response(frame)


@router.get("/workspaces/{workspace}/kpis/sql", tags=["kpis"], **needs(data.kpi_sql))
def kpi_sql(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    kpi: Annotated[str, Query(max_length=500)],
    by: Annotated[str | None, Query(max_length=500)] = None,
    grain: Annotated[str | None, Query(pattern="^(day|week|month|quarter|year)$")] = None,
    start: Annotated[str | None, Query(alias="from", max_length=20)] = None,
    end: Annotated[str | None, Query(alias="to", max_length=20)] = None,
    where: Annotated[list[str] | None, Query(max_length=20)] = None,
    top: Annotated[int | None, Query(ge=1, le=1000)] = None,
) -> dict[str, Any]:
    """The SQL the query compiles to."""
    options = _kpi_options(by, grain, start, end, where, None, top)
    options.pop("compare")
    sql = data.kpi_sql(
        principal,
        workspace,
        [k for k in kpi.split(",") if k.strip()],
        settings=settings_of(request),
        **options,
    )
    return {"sql": sql}


@router.get("/workspaces/{workspace}/metrics", tags=["kpis"], **needs(data.list_metrics))
def list_metrics(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The KPI catalog: built-ins and the workspace's own."""
    return page(
        data.list_metrics(principal, workspace, settings=settings_of(request)), limit, offset
    )


@router.get("/workspaces/{workspace}/metrics/{name}", tags=["kpis"], **needs(data.get_metric))
def get_metric(
    workspace: str, name: str, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    return data.get_metric(principal, workspace, name, settings=settings_of(request))


@router.get("/workspaces/{workspace}/tables", tags=["data"], **needs(data.list_tables))
def list_tables(workspace: str, request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
    """Every canonical table: rows, date range, last load."""
    found = data.list_tables(principal, workspace, settings=settings_of(request))
    return {"items": plain(found), "total": len(found)}


@router.post(
    "/workspaces/{workspace}/imports", tags=["data"], status_code=201, **needs(data.import_upload)
)
def import_file(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    background: BackgroundTasks,
    file: Annotated[UploadFile, File(description="CSV, TSV, XLSX, Parquet or JSON lines.")],
    source: Annotated[str | None, Form(max_length=64, description="A preset name.")] = None,
    table: Annotated[str | None, Form(max_length=64)] = None,
    map: Annotated[list[str] | None, Form(description="canonical=column")] = None,
    set: Annotated[list[str] | None, Form(description="canonical=constant")] = None,
    date_format: Annotated[str | None, Form(max_length=40)] = None,
    keep_extra: Annotated[bool | None, Form()] = None,
    hash_pii: Annotated[bool | None, Form()] = None,
) -> dict[str, Any]:
    """Upload a file: it is validated as a whole and loaded atomically, or refused with the
    row and column of each problem (422) and nothing loaded. Re-uploading it is idempotent."""
    settings = settings_of(request)
    name = Path(file.filename or "upload").name or "upload"
    if len(name) > 200:
        raise UserError("the file name is longer than 200 characters")
    options = IngestOptions(
        preset=source,
        table=table,
        columns=parse_pairs(map or [], "--map"),
        constants=parse_pairs(set or [], "--set"),
        date_format=date_format,
        keep_extra=keep_extra,
        hash_pii=bool(hash_pii),
    )
    report = data.import_upload(principal, workspace, name, file.file, options, settings=settings)
    background.add_task(status.warm_status, settings, workspace)
    return plain(report)


@router.get("/workspaces/{workspace}/loads", tags=["data"], **needs(data.list_loads))
def list_loads(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Load history, newest first: what came in, what it replaced."""
    return page(data.list_loads(principal, workspace, settings=settings_of(request)), limit, offset)


@router.post(
    "/workspaces/{workspace}/loads/{load_id}/revert", tags=["data"], **needs(data.revert_load)
)
def revert_load(
    workspace: str,
    load_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    background: BackgroundTasks,
) -> dict[str, Any]:
    """Undo a load exactly: its rows go, the rows it replaced come back."""
    settings = settings_of(request)
    counts = data.revert_load(principal, workspace, load_id, settings=settings)
    background.add_task(status.warm_status, settings, workspace)
    return {"load_id": load_id, **plain(counts)}
