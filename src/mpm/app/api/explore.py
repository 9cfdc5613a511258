"""Saved views of the explore page and annotations of chart dates."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from mpm.app.api.access import Id, Limit, Offset
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.serialize import DEFAULT_LIMIT, page, plain
from mpm.services import explore

router = APIRouter()


class ViewIn(BaseModel):
    name: str = Field(max_length=120, description="Saving under an existing name replaces it.")
    query: dict[str, str | list[str]] = Field(
        description="Explore parameters: kpi, by, grain, from, to, where (a list), compare, "
        "top, chart; the page's URL is /w/{workspace}/explore?<query>."
    )


class AnnotationIn(BaseModel):
    day: date
    text: str = Field(max_length=200)
    kpi: str | None = Field(default=None, max_length=64, description="Only this KPI's charts.")


@router.get("/workspaces/{workspace}/views", tags=["explore"], **needs(explore.list_views))
def list_views(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The workspace's saved views by name."""
    found = explore.list_views(principal, workspace, settings=settings_of(request))
    return page(found, limit, offset)


@router.post("/workspaces/{workspace}/views", tags=["explore"], **needs(explore.save_view))
def save_view(
    workspace: str, body: ViewIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Keep an explore question under a name (the KPIs are checked against the catalog)."""
    view = explore.save_view(
        principal, workspace, body.name, dict(body.query), settings=settings_of(request)
    )
    return plain(view)


@router.delete(
    "/workspaces/{workspace}/views/{view_id}", tags=["explore"], **needs(explore.delete_view)
)
def delete_view(
    workspace: str, view_id: Id, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    return plain(explore.delete_view(principal, workspace, view_id, settings=settings_of(request)))


@router.get(
    "/workspaces/{workspace}/annotations", tags=["explore"], **needs(explore.list_annotations)
)
def list_annotations(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Notes on dates that charts show, by date."""
    found = explore.list_annotations(
        principal, workspace, start=start, end=end, settings=settings_of(request)
    )
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/annotations",
    tags=["explore"],
    status_code=201,
    **needs(explore.add_annotation),
)
def add_annotation(
    workspace: str, body: AnnotationIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Note what happened on a date ("price change", "tracking fixed"), for every chart or
    one KPI's."""
    note = explore.add_annotation(
        principal, workspace, body.day, body.text, kpi=body.kpi, settings=settings_of(request)
    )
    return plain(note)


@router.delete(
    "/workspaces/{workspace}/annotations/{annotation_id}",
    tags=["explore"],
    **needs(explore.delete_annotation),
)
def delete_annotation(
    workspace: str, annotation_id: Id, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    return plain(
        explore.delete_annotation(
            principal, workspace, annotation_id, settings=settings_of(request)
        )
    )
