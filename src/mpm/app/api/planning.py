"""Objectives with their status, reviews and the decision log; budgets and reallocations;
campaigns, activities and the calendar; the annual review and campaign post-mortems."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, Field

from mpm.app.api.access import Id, Limit, Offset
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.serialize import DEFAULT_LIMIT, json_response, page, plain
from mpm.goals import Thresholds
from mpm.services import planning, status

router = APIRouter()

Name = Field(min_length=1, max_length=200)
Note = Field(max_length=5000)
Email = Field(default=None, max_length=320)
Today = Annotated[date | None, Query(description="As on another day (ISO date).")]


# --- objectives ------------------------------------------------------------------------------


class ObjectiveIn(BaseModel):
    name: str = Name
    kpi: str = Field(max_length=64)
    target: float = Field(allow_inf_nan=False)
    start: date
    end: date
    filters: list[str] = Field(default_factory=list, max_length=20)
    goal: str | None = Field(default=None, max_length=32)
    owner: str | None = Email
    cadence: str = Field(default="weekly", max_length=16)
    phasing: str = Field(default="even", max_length=16)
    monthly_targets: dict[str, float] | None = None
    strict: bool = False


class ObjectivePatch(BaseModel):
    reason: str = Field(min_length=1, max_length=5000)
    target: float | None = Field(default=None, allow_inf_nan=False)
    end: date | None = None
    owner: str | None = Email
    cadence: str | None = Field(default=None, max_length=16)
    evidence: str | None = Field(default=None, max_length=5000)


class ReviewIn(BaseModel):
    note: str = Field(min_length=1, max_length=5000)


class DecisionIn(BaseModel):
    subject_kind: str = Field(
        max_length=32, description="objective, budget, campaign, channel, other"
    )
    subject: str = Name
    what: str = Field(min_length=1, max_length=5000)
    why: str = Field(min_length=1, max_length=5000)
    evidence: str | None = Field(default=None, max_length=5000)


def _objective(o: Any) -> dict[str, Any]:
    return plain(o)


@router.get(
    "/workspaces/{workspace}/objectives", tags=["objectives"], **needs(planning.list_objectives)
)
def list_objectives(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = planning.list_objectives(principal, workspace, settings=settings_of(request))
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/objectives",
    tags=["objectives"],
    status_code=201,
    **needs(planning.add_objective),
)
def add_objective(
    workspace: str, body: ObjectiveIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """A SMART objective: KPI, target, period; its `warnings` explain any weakness (with
    `strict`, a weak objective is refused instead)."""
    fields = body.model_dump()
    fields["filters"] = tuple(fields["filters"])
    created = planning.add_objective(
        principal, workspace, fields.pop("name"), settings=settings_of(request), **fields
    )
    return _objective(created)


@router.get(
    "/workspaces/{workspace}/objectives/status",
    tags=["objectives"],
    **needs(status.objectives_status),
)
def objectives_status(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    today: Today = None,
    on_track: Annotated[float | None, Query(ge=0, le=1)] = None,
    at_risk: Annotated[float | None, Query(ge=0, le=1)] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Any:
    """Every objective: actual, target to date, pace, forecast with its 80% interval, the
    probability of reaching the target, status and the gap per day."""
    settings = settings_of(request)
    thresholds = None
    if on_track is not None or at_risk is not None:
        thresholds = Thresholds(
            on_track if on_track is not None else settings.on_track_probability,
            at_risk if at_risk is not None else settings.at_risk_probability,
        )
    found = status.objectives_status(
        principal, workspace, today=today, thresholds=thresholds, settings=settings
    )
    return json_response(page(found, limit, offset))


@router.get(
    "/workspaces/{workspace}/objectives/due", tags=["objectives"], **needs(planning.due_reviews)
)
def due_reviews(
    workspace: str, request: Request, principal: CurrentPrincipal, today: Today = None
) -> dict[str, Any]:
    """Objectives due for review by their cadence, most overdue first."""
    found = planning.due_reviews(principal, workspace, today=today, settings=settings_of(request))
    return {"items": plain(found), "total": len(found)}


@router.get(
    "/workspaces/{workspace}/objectives/{objective_id}",
    tags=["objectives"],
    **needs(planning.get_objective),
)
def get_objective(
    workspace: str, objective_id: Id, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    return _objective(
        planning.get_objective(principal, workspace, objective_id, settings=settings_of(request))
    )


@router.patch(
    "/workspaces/{workspace}/objectives/{objective_id}",
    tags=["objectives"],
    **needs(planning.update_objective),
)
def update_objective(
    workspace: str,
    objective_id: Id,
    body: ObjectivePatch,
    request: Request,
    principal: CurrentPrincipal,
) -> dict[str, Any]:
    """Change the target, deadline, owner or cadence, with the reason (kept in the decision log)."""
    objective, decision = planning.update_objective(
        principal,
        workspace,
        objective_id,
        who=principal.label,
        settings=settings_of(request),
        **body.model_dump(exclude_none=True),
    )
    return {**_objective(objective), "decision": plain(decision)}


@router.get(
    "/workspaces/{workspace}/objectives/{objective_id}/status",
    tags=["objectives"],
    **needs(planning.objective_progress),
)
def objective_status(
    workspace: str,
    objective_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    today: Today = None,
) -> dict[str, Any]:
    progress = planning.objective_progress(
        principal, workspace, objective_id, today=today, settings=settings_of(request)
    )
    return plain(progress)


@router.get(
    "/workspaces/{workspace}/objectives/{objective_id}/reviews",
    tags=["objectives"],
    **needs(planning.list_reviews),
)
def list_reviews(
    workspace: str, objective_id: Id, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    found = planning.list_reviews(principal, workspace, objective_id, settings=settings_of(request))
    return {"items": plain(found), "total": len(found)}


@router.post(
    "/workspaces/{workspace}/objectives/{objective_id}/reviews",
    tags=["objectives"],
    status_code=201,
    **needs(planning.add_review),
)
def add_review(
    workspace: str, objective_id: Id, body: ReviewIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """A review note, kept with a snapshot of the status the reviewer saw."""
    review = planning.add_review(
        principal,
        workspace,
        objective_id,
        body.note,
        reviewer=principal.label,
        settings=settings_of(request),
    )
    return plain(review)


@router.get(
    "/workspaces/{workspace}/decisions", tags=["decisions"], **needs(planning.list_decisions)
)
def list_decisions(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    subject_kind: Annotated[str | None, Query(max_length=32)] = None,
    subject: Annotated[str | None, Query(max_length=200)] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """The decision log: what changed, why, on which evidence, who, when."""
    found = planning.list_decisions(
        principal,
        workspace,
        subject_kind=subject_kind,
        subject=subject,
        settings=settings_of(request),
    )
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/decisions",
    tags=["decisions"],
    status_code=201,
    **needs(planning.log_decision),
)
def log_decision(
    workspace: str, body: DecisionIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    decision = planning.log_decision(
        principal,
        workspace,
        who=principal.label,
        settings=settings_of(request),
        **body.model_dump(),
    )
    return plain(decision)


# --- budgets ---------------------------------------------------------------------------------


class BudgetIn(BaseModel):
    period: str = Field(max_length=16, description="2026, 2026-Q1 or 2026-03")
    channel: str = Field(max_length=200)
    campaign: str | None = Field(default=None, max_length=200)
    planned: float = Field(allow_inf_nan=False)
    committed: float | None = Field(default=None, allow_inf_nan=False)
    note: str | None = Field(default=None, max_length=5000)
    reason: str | None = Field(default=None, max_length=5000)


class ReallocationIn(BaseModel):
    from_line: str = Field(max_length=400, description="id or PERIOD:CHANNEL[:CAMPAIGN]")
    to_line: str = Field(max_length=400)
    amount: float = Field(allow_inf_nan=False)
    reason: str = Field(min_length=1, max_length=5000)
    evidence: str | None = Field(default=None, max_length=5000)


@router.get("/workspaces/{workspace}/budgets", tags=["budgets"], **needs(planning.list_budgets))
def list_budgets(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    period: Annotated[str | None, Query(max_length=16)] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = planning.list_budgets(
        principal, workspace, period=period, settings=settings_of(request)
    )
    return page(found, limit, offset)


@router.put("/workspaces/{workspace}/budgets", tags=["budgets"], **needs(planning.set_budget))
def set_budget(
    workspace: str, body: BudgetIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Create a budget line or change its amounts (a planned change needs a reason)."""
    fields = body.model_dump()
    result = planning.set_budget(
        principal,
        workspace,
        fields.pop("period"),
        fields.pop("channel"),
        who=principal.label,
        settings=settings_of(request),
        **fields,
    )
    return plain(result)


@router.get(
    "/workspaces/{workspace}/budgets/status", tags=["budgets"], **needs(planning.budget_status)
)
def budget_status(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    period: Annotated[str | None, Query(max_length=16)] = None,
    today: Today = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Planned, committed and actual per line, pacing, projection and flags."""
    found = planning.budget_status(
        principal, workspace, period=period, today=today, settings=settings_of(request)
    )
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/reallocations",
    tags=["budgets"],
    status_code=201,
    **needs(planning.reallocate),
)
def reallocate(
    workspace: str, body: ReallocationIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Move planned money between lines (logged as a decision; nothing created or lost)."""
    fields = body.model_dump()
    moved = planning.reallocate(
        principal,
        workspace,
        fields.pop("from_line"),
        fields.pop("to_line"),
        who=principal.label,
        settings=settings_of(request),
        **fields,
    )
    return plain(moved)


# --- campaigns and activities ----------------------------------------------------------------


class CampaignIn(BaseModel):
    name: str = Name
    channel: str = Field(max_length=200)
    start: date
    end: date
    budget: float = Field(allow_inf_nan=False)
    objective: str | None = Field(default=None, max_length=200)
    owner: str | None = Email
    status: str = Field(default="planned", max_length=16)


class CampaignPatch(BaseModel):
    status: str | None = Field(default=None, max_length=16)
    budget: float | None = Field(default=None, allow_inf_nan=False)
    owner: str | None = Email
    end: date | None = None
    reason: str | None = Field(default=None, max_length=5000)


class ActivityIn(BaseModel):
    title: str = Field(min_length=1, max_length=300)
    due: date
    campaign: str | None = Field(default=None, max_length=200)
    owner: str | None = Email
    status: str = Field(default="todo", max_length=16)


class ActivityPatch(BaseModel):
    status: str | None = Field(default=None, max_length=16)
    due: date | None = None
    owner: str | None = Email


@router.get(
    "/workspaces/{workspace}/campaigns", tags=["campaigns"], **needs(planning.list_campaigns)
)
def list_campaigns(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    status_: Annotated[str | None, Query(alias="status", max_length=16)] = None,
    channel: Annotated[str | None, Query(max_length=200)] = None,
    today: Today = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = planning.list_campaigns(
        principal,
        workspace,
        status=status_,
        channel=channel,
        today=today,
        settings=settings_of(request),
    )
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/campaigns",
    tags=["campaigns"],
    status_code=201,
    **needs(planning.add_campaign),
)
def add_campaign(
    workspace: str, body: CampaignIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    fields = body.model_dump()
    created = planning.add_campaign(
        principal, workspace, fields.pop("name"), settings=settings_of(request), **fields
    )
    return plain(created)


@router.get(
    "/workspaces/{workspace}/campaigns/{campaign_id}",
    tags=["campaigns"],
    **needs(planning.get_campaign),
)
def get_campaign(
    workspace: str,
    campaign_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    today: Today = None,
) -> dict[str, Any]:
    return plain(
        planning.get_campaign(
            principal, workspace, campaign_id, today=today, settings=settings_of(request)
        )
    )


@router.patch(
    "/workspaces/{workspace}/campaigns/{campaign_id}",
    tags=["campaigns"],
    **needs(planning.update_campaign),
)
def update_campaign(
    workspace: str,
    campaign_id: Id,
    body: CampaignPatch,
    request: Request,
    principal: CurrentPrincipal,
) -> dict[str, Any]:
    """Change status, budget, owner or end (cancelling and budget changes need a reason)."""
    changed = planning.update_campaign(
        principal,
        workspace,
        campaign_id,
        settings=settings_of(request),
        **body.model_dump(exclude_none=True),
    )
    return plain(changed)


@router.get(
    "/workspaces/{workspace}/campaigns/{campaign_id}/status",
    tags=["campaigns"],
    **needs(planning.campaign_status),
)
def campaign_status(
    workspace: str,
    campaign_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    today: Today = None,
) -> dict[str, Any]:
    """Spend and pacing against budget, results, CPA and ROAS, activities."""
    return plain(
        planning.campaign_status(
            principal, workspace, campaign_id, today=today, settings=settings_of(request)
        )
    )


@router.get(
    "/workspaces/{workspace}/activities", tags=["campaigns"], **needs(planning.list_activities)
)
def list_activities(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    campaign: Annotated[str | None, Query(max_length=200)] = None,
    owner: Annotated[str | None, Query(max_length=320)] = None,
    overdue: bool = False,
    open_only: Annotated[bool, Query(alias="open")] = False,
    today: Today = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    found = planning.list_activities(
        principal,
        workspace,
        campaign=campaign,
        owner=owner,
        overdue_only=overdue,
        open_only=open_only,
        today=today,
        settings=settings_of(request),
    )
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/activities",
    tags=["campaigns"],
    status_code=201,
    **needs(planning.add_activity),
)
def add_activity(
    workspace: str, body: ActivityIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    fields = body.model_dump()
    created = planning.add_activity(
        principal, workspace, fields.pop("title"), settings=settings_of(request), **fields
    )
    return plain(created)


@router.patch(
    "/workspaces/{workspace}/activities/{activity_id}",
    tags=["campaigns"],
    **needs(planning.update_activity),
)
def update_activity(
    workspace: str,
    activity_id: Id,
    body: ActivityPatch,
    request: Request,
    principal: CurrentPrincipal,
) -> dict[str, Any]:
    changed = planning.update_activity(
        principal,
        workspace,
        activity_id,
        settings=settings_of(request),
        **body.model_dump(exclude_none=True),
    )
    return plain(changed)


@router.post(
    "/workspaces/{workspace}/activities/{activity_id}/done",
    tags=["campaigns"],
    **needs(planning.complete_activity),
)
def complete_activity(
    workspace: str, activity_id: Id, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    return plain(
        planning.complete_activity(principal, workspace, activity_id, settings=settings_of(request))
    )


@router.get("/workspaces/{workspace}/calendar", tags=["campaigns"], **needs(planning.plan_calendar))
def plan_calendar(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    start: Annotated[date | None, Query(alias="from")] = None,
    end: Annotated[date | None, Query(alias="to")] = None,
    today: Today = None,
) -> dict[str, Any]:
    """Campaign flights and activities by date, with overdue items carried forward."""
    return plain(
        planning.plan_calendar(
            principal, workspace, start=start, end=end, today=today, settings=settings_of(request)
        )
    )


# --- reviews of results ----------------------------------------------------------------------


@router.get(
    "/workspaces/{workspace}/reviews/annual", tags=["reviews"], **needs(planning.annual_review)
)
def annual_review(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    year: Annotated[int, Query(ge=1900, le=2999)],
    today: Today = None,
) -> dict[str, Any]:
    """Per channel: spend, results, CPA, ROAS, ROI, CAC against plan and the year before,
    ranked by marginal ROAS."""
    review = planning.annual_review(
        principal, workspace, year, today=today, settings=settings_of(request)
    )
    return {
        "year": review.year,
        "start": review.start.isoformat(),
        "end": review.end.isoformat(),
        "channels": [plain(c.record()) for c in review.channels],
        "total": plain(review.total),
        "total_previous": plain(review.total_previous),
        "total_planned": review.total_planned,
    }


@router.get(
    "/workspaces/{workspace}/reviews/campaign", tags=["reviews"], **needs(planning.campaign_review)
)
def campaign_review(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    name: Annotated[str, Query(min_length=1, max_length=200)],
    today: Today = None,
) -> dict[str, Any]:
    """A campaign's post-mortem (planned, or only in the data)."""
    review = planning.campaign_review(
        principal, workspace, name, today=today, settings=settings_of(request)
    )
    return plain(review.record())
