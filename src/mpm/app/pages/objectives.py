"""Objectives: the list with status, chance and pace; one objective's actual against its
phased target and forecast band, the chance of reaching it at each review, its reviews and
decisions; adding one with the SMART check explained next to the fields, reviewing one, and
changing its target, deadline, owner or cadence with a reason."""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mpm.app.api.access import Id
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.pages import charts, forms
from mpm.app.pages.forms import Short, Text
from mpm.app.pages.render import here_of, redirect, render, sentence
from mpm.errors import UserError
from mpm.goals import Cadence, Goal, Phasing, SmartCheckFailed
from mpm.services import data, explore, planning, status

router = APIRouter(include_in_schema=False)

GOALS = {g.value: g.value.replace("_", " ").capitalize() for g in Goal}
CADENCES = {c.value: c.value.capitalize() for c in Cadence}
PHASINGS = {
    Phasing.EVEN.value: "Evenly over the days",
    Phasing.SEASONAL.value: "Like last year's days",
    Phasing.MONTHLY.value: "By hand, per month",
}

# where a SMART weakness belongs on the form, by how it starts; the hints of the command
# line ("with --owner") are left out
WEAKNESS_FIELDS = (
    ("no business goal", "goal"),
    ("no owner", "owner"),
    ("the period ended", "end"),
    ("no history", "kpi"),
    ("the target", "target"),
    ("the monthly amounts", "monthly"),
)
NOTHING_HINT = ": give --target, --to, --owner or --cadence"
OPTION_HINT = re.compile(r"(:? say what it serves)? with --[a-z-]+( [a-z_|]+)?")


def weakness_for_the_form(text: str) -> tuple[str, str]:
    """(field, words) of a SMART weakness."""
    field = next((f for prefix, f in WEAKNESS_FIELDS if text.startswith(prefix)), "name")
    words = OPTION_HINT.sub("", text).strip()
    return field, sentence(words)


def _catalog(request: Request, principal: Any, workspace: str) -> dict[str, dict[str, Any]]:
    metrics = data.list_metrics(principal, workspace, settings=settings_of(request))
    return {m["name"]: m for m in metrics}


@router.get("/w/{workspace}/objectives", **needs(planning.list_objectives))
def objectives_page(workspace: str, request: Request, principal: CurrentPrincipal) -> HTMLResponse:
    settings = settings_of(request)
    objectives = planning.list_objectives(principal, workspace, settings=settings)
    progress = {
        p.name: p for p in status.objectives_status(principal, workspace, settings=settings)
    }
    due = planning.due_reviews(principal, workspace, settings=settings)
    return render(
        request,
        "objectives/index.html",
        principal=principal,
        workspace=workspace,
        active="objectives",
        rows=[(o, progress.get(o.name)) for o in objectives],
        due=due,
        ids={o.name: o.id for o in objectives},
        catalog=_catalog(request, principal, workspace),
    )


@dataclass
class Draft:
    """The fields of the new-objective form as typed."""

    name: str = ""
    kpi: str = "revenue"
    target: str = ""
    start: str = ""
    end: str = ""
    filters: str = ""
    goal: str = ""
    owner: str = ""
    cadence: str = "weekly"
    phasing: str = "even"
    monthly: str = ""


def _new_page(
    request: Request,
    principal: Any,
    workspace: str,
    draft: Draft,
    *,
    errors: dict[str, str] | None = None,
    weaknesses: list[tuple[str, str]] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "objectives/new.html",
        principal=principal,
        workspace=workspace,
        active="objectives",
        status_code=status_code,
        draft=draft,
        errors=errors or {},
        weaknesses=weaknesses or [],
        catalog=_catalog(request, principal, workspace),
        goals=GOALS,
        cadences=CADENCES,
        phasings=PHASINGS,
    )


@router.get("/w/{workspace}/objectives/new", **needs(planning.add_objective))
def new_objective_form(
    workspace: str, request: Request, principal: CurrentPrincipal
) -> HTMLResponse:
    first, last = next_quarter(here_of(request, principal, workspace).today)
    draft = Draft(start=first.isoformat(), end=last.isoformat())
    return _new_page(request, principal, workspace, draft)


def next_quarter(today: date) -> tuple[date, date]:
    """The first and last day of the calendar quarter after today's."""
    month = (today.month - 1) // 3 * 3 + 4
    year = today.year + (month > 12)
    month = month - 12 if month > 12 else month
    last_month = month + 2
    return date(year, month, 1), date(year, last_month, monthrange(year, last_month)[1])


def _parse(draft: Draft) -> tuple[dict[str, Any], dict[str, str]]:
    """The service's arguments from the form, or the errors of its fields."""
    errors: dict[str, str] = {}
    fields: dict[str, Any] = {}
    try:
        fields["target"] = forms.amount(draft.target)
    except ValueError:
        errors["target"] = "Write the target as a number, for example 250000."
    for name in ("start", "end"):
        try:
            fields[name] = date.fromisoformat(getattr(draft, name))
        except ValueError:
            errors[name] = "Pick a date."
    monthly: dict[str, float] = {}
    for line in draft.monthly.splitlines():
        if not line.strip():
            continue
        month, _, amount = line.partition("=")
        try:
            monthly[month.strip()] = forms.amount(amount)
        except ValueError:
            errors["monthly"] = f"Write each month as YYYY-MM=AMOUNT, not “{line.strip()}”."
    fields["monthly_targets"] = monthly or None
    fields["filters"] = tuple(f.strip() for f in draft.filters.splitlines() if f.strip())
    fields["goal"] = draft.goal or None
    fields["owner"] = draft.owner.strip() or None
    fields["kpi"], fields["cadence"], fields["phasing"] = draft.kpi, draft.cadence, draft.phasing
    return fields, errors


MESSAGE_FIELDS = (  # a word of a service's message -> the field it is about
    ("kpi", "kpi"),
    ("name", "name"),
    ("ends", "end"),
    ("target", "target"),
    ("month", "monthly"),
    ("cadence", "cadence"),
    ("phasing", "phasing"),
    ("goal", "goal"),
    ("where", "filters"),
    ("dimension", "filters"),
)


@router.post("/w/{workspace}/objectives/new", **needs(planning.add_objective))
def add_objective(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    name: Short = "",
    kpi: Short = "",
    target: Short = "",
    start: Short = "",
    end: Short = "",
    filters: Text = "",
    goal: Short = "",
    owner: Short = "",
    cadence: Short = "weekly",
    phasing: Short = "even",
    monthly: Text = "",
    keep_weaknesses: Short = "",
) -> Response:
    """Check the objective; with SMART weaknesses, show them next to their fields and offer
    to keep it anyway; save it otherwise."""
    draft = Draft(name, kpi, target, start, end, filters, goal, owner, cadence, phasing, monthly)
    fields, errors = _parse(draft)
    if errors:
        return _new_page(request, principal, workspace, draft, errors=errors, status_code=422)
    try:
        created = planning.add_objective(
            principal,
            workspace,
            name,
            strict=keep_weaknesses != "1",
            settings=settings_of(request),
            **fields,
        )
    except SmartCheckFailed as exc:
        weaknesses = [weakness_for_the_form(w) for w in exc.weaknesses]
        return _new_page(
            request, principal, workspace, draft, weaknesses=weaknesses, status_code=422
        )
    except UserError as exc:
        errors = {forms.field_of(str(exc), MESSAGE_FIELDS, "name"): sentence(exc)}
        return _new_page(request, principal, workspace, draft, errors=errors, status_code=422)
    return redirect(f"/w/{workspace}/objectives/{created.id}?created=1")


def _detail(
    request: Request,
    principal: Any,
    workspace: str,
    objective_id: int,
    *,
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    here = here_of(request, principal, workspace)
    objective = planning.get_objective(principal, workspace, objective_id, settings=settings)
    progress = planning.objective_progress(principal, workspace, objective_id, settings=settings)
    path = planning.objective_trajectory(
        principal, workspace, objective_id, today=here.today, settings=settings
    )
    catalog = _catalog(request, principal, workspace)
    meta = catalog.get(objective.kpi, {"label": objective.kpi, "unit": "count"})
    notes = explore.list_annotations(
        principal,
        workspace,
        start=objective.start,
        end=objective.end,
        kpis=[objective.kpi],
        settings=settings,
    )
    spec = charts.objective(
        path,
        progress,
        label=meta["label"],
        unit=meta["unit"],
        title=f"{meta['label']}: actual, target and forecast",
        currency=here.currency,
        locale=here.locale,
        annotations=notes,
    )
    reviews = planning.list_reviews(principal, workspace, objective_id, settings=settings)
    chances = [(r.reviewed_at, r.snapshot.get("probability")) for r in reviews]
    decisions = planning.list_decisions(
        principal, workspace, subject_kind="objective", subject=objective.name, settings=settings
    )
    return render(
        request,
        "objectives/detail.html",
        principal=principal,
        workspace=workspace,
        active="objectives",
        status_code=status_code,
        objective=objective,
        progress=progress,
        spec=spec,
        unit=meta["unit"],
        label=meta["label"],
        reviews=list(reversed(reviews)),
        chances=chances,
        chances_spec=charts.chances(
            [*chances, (here.today, progress.probability)],
            title="Chance at each review and today",
            currency=here.currency,
            locale=here.locale,
        ),
        decisions=list(reversed(decisions)),
        cadences=CADENCES,
        goals=GOALS,
        errors=errors or {},
        created=request.query_params.get("created") == "1",
    )


@router.get("/w/{workspace}/objectives/{objective_id}", **needs(planning.get_objective))
def objective_page(
    workspace: str, objective_id: Id, request: Request, principal: CurrentPrincipal
) -> HTMLResponse:
    return _detail(request, principal, workspace, objective_id)


@router.post("/w/{workspace}/objectives/{objective_id}/reviews", **needs(planning.add_review))
def add_review(
    workspace: str,
    objective_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    note: Text = "",
) -> Response:
    """A review: what the reviewer saw (kept with it) and what they noted."""
    if not note.strip():
        errors = {"note": "Write what you saw and what happens next."}
        return _detail(request, principal, workspace, objective_id, errors=errors, status_code=422)
    planning.add_review(
        principal,
        workspace,
        objective_id,
        note.strip(),
        reviewer=principal.label,
        settings=settings_of(request),
    )
    return redirect(f"/w/{workspace}/objectives/{objective_id}#reviews")


@router.post("/w/{workspace}/objectives/{objective_id}/edit", **needs(planning.update_objective))
def edit_objective(
    workspace: str,
    objective_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    target: Short = "",
    end: Short = "",
    owner: Short = "",
    cadence: Short = "",
    reason: Text = "",
    evidence: Text = "",
) -> Response:
    """Change the target, deadline, owner or cadence; the reason goes to the decision log."""
    errors: dict[str, str] = {}
    changes: dict[str, Any] = {}
    if target.strip():
        try:
            changes["target"] = forms.amount(target)
        except ValueError:
            errors["target"] = "Write the target as a number."
    if end.strip():
        try:
            changes["end"] = date.fromisoformat(end)
        except ValueError:
            errors["end"] = "Pick a date."
    if owner.strip():
        changes["owner"] = owner.strip()
    if cadence.strip():
        changes["cadence"] = cadence.strip()
    if not reason.strip():
        errors["reason"] = "Say why: the reason goes to the decision log."
    if not errors:
        try:
            planning.update_objective(
                principal,
                workspace,
                objective_id,
                reason=reason,
                evidence=evidence or None,
                who=principal.label,
                settings=settings_of(request),
                **changes,
            )
        except UserError as exc:
            words = str(exc).replace(NOTHING_HINT, ": change at least one field")
            errors["edit"] = sentence(words)
    if errors:
        return _detail(request, principal, workspace, objective_id, errors=errors, status_code=422)
    return redirect(f"/w/{workspace}/objectives/{objective_id}#decisions")
