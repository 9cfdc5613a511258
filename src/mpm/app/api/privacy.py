"""Data protection: forgetting a person, exporting a workspace."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse
from pydantic import BaseModel, Field
from starlette.background import BackgroundTask

from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.serialize import plain
from mpm.services import privacy

router = APIRouter()


class ForgetIn(BaseModel):
    customer_id: str | None = Field(
        default=None, min_length=1, max_length=500, description="The person's customer id."
    )
    email: str | None = Field(
        default=None,
        min_length=3,
        max_length=320,
        description="Or their e-mail address (found in plain and hashed data).",
    )
    dry_run: bool = Field(default=False, description="Only count what would be deleted.")


@router.post(
    "/workspaces/{workspace}/privacy/forget",
    tags=["privacy"],
    **needs(privacy.forget_customer),
)
def forget(
    workspace: str, body: ForgetIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Delete one person from every warehouse table of the workspace (customers, orders,
    leads, touchpoints, conversions, experiment exposures), replaced versions included, in
    one transaction; rows deleted per table. Forgetting again deletes nothing."""
    report = privacy.forget_customer(
        principal,
        workspace,
        customer_id=body.customer_id,
        email=body.email,
        dry_run=body.dry_run,
        settings=settings_of(request),
    )
    return {
        "workspace": report.workspace,
        "deleted": report.deleted,
        "identifiers": report.identifiers,
        "total": report.total,
        "items": plain(list(report.tables)),
    }


@router.get(
    "/workspaces/{workspace}/export",
    tags=["privacy"],
    response_class=FileResponse,
    responses={200: {"content": {"application/zip": {}}, "description": "The export (zip)."}},
    **needs(privacy.export_workspace),
)
def export(workspace: str, request: Request, principal: CurrentPrincipal) -> FileResponse:
    """Everything the workspace holds, as a zip: app-state rows (JSON per table, no password
    or token hashes), each canonical table's current rows (Parquet), KPI and rule files, and
    a manifest with counts and checksums."""
    folder = Path(tempfile.mkdtemp(prefix="mpm-export-"))
    try:
        report = privacy.export_workspace(
            principal, workspace, folder / f"{workspace}.zip", settings=settings_of(request)
        )
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return FileResponse(
        report.file,
        media_type="application/zip",
        filename=f"mpm-{workspace}-export.zip",
        background=BackgroundTask(shutil.rmtree, folder, ignore_errors=True),
    )
