"""Plans & budgets: each budget line's planned, committed and actual spend with its pacing and
projection, by channel and campaign; moving planned money between lines with a reason and
evidence (kept in the decision log), and planning or changing a line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.pages import charts, forms
from mpm.app.pages.forms import Short, Text
from mpm.app.pages.render import Here, here_of, redirect, render, sentence
from mpm.errors import UserError
from mpm.services import planning

router = APIRouter(include_in_schema=False)

CURRENT = ""  # the lines running today
ALL = "all"


@dataclass(frozen=True)
class Totals:
    planned: float
    committed: float
    actual: float
    remaining: float
    projected: float | None


def totals(rows: list[Any]) -> Totals:
    projected = [r.projected for r in rows if r.projected is not None]
    return Totals(
        planned=sum(r.line.planned for r in rows),
        committed=sum(r.line.committed for r in rows),
        actual=sum(r.actual for r in rows),
        remaining=sum(r.remaining for r in rows),
        projected=sum(projected) if len(projected) == len(rows) and rows else None,
    )


def spend_chart(rows: list[Any], here: Here) -> dict[str, Any] | None:
    """Planned, committed and actual spend of each line, side by side."""
    if not rows:
        return None
    names = [r.line.channel + (f" · {r.line.campaign}" if r.line.campaign else "") for r in rows]
    frame = pd.DataFrame(
        [
            {"line": name, "amount": value, "what": what}
            for name, r in zip(names, rows, strict=True)
            for what, value in (
                ("Planned", r.line.planned),
                ("Committed", r.line.committed),
                ("Actual", r.actual),
            )
        ]
    )
    chart = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            y=alt.Y("line:N", title=None, sort=names),
            yOffset=alt.YOffset("what:N", sort=["Planned", "Committed", "Actual"]),
            x=alt.X(
                "amount:Q",
                title=charts.axis_title("Spend", "currency", here.currency),
                axis=alt.Axis(format=charts.AXIS_FORMAT["currency"]),
            ),
            color=alt.Color(
                "what:N",
                title=None,
                sort=["Planned", "Committed", "Actual"],
                scale=alt.Scale(range=[charts.GREY, charts.PALETTE[1], charts.PALETTE[0]]),
                legend=alt.Legend(orient="top"),
            ),
            tooltip=[
                alt.Tooltip("line:N", title="Line"),
                alt.Tooltip("what:N", title="Amount"),
                alt.Tooltip("amount:Q", title="Spend", format=charts.TIP_FORMAT["currency"]),
            ],
        )
        .properties(
            title="Planned, committed and actual spend",
            width=charts.WIDTH,
            height=max(120, 44 * len(rows)),
        )
    )
    return charts.finish(chart, here.locale, here.currency)


def _page(
    request: Request,
    principal: Any,
    workspace: str,
    *,
    period: str = CURRENT,
    errors: dict[str, str] | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    here = here_of(request, principal, workspace)
    every = planning.budget_status(principal, workspace, settings=settings)
    periods = sorted({s.line.period for s in every})
    if period == ALL:
        rows = every
    elif period == CURRENT:
        rows = [s for s in every if s.line.start <= here.today <= s.line.end]
    else:
        rows = [s for s in every if s.line.period == period]
    decisions = planning.list_decisions(
        principal, workspace, subject_kind="budget", settings=settings
    )
    return render(
        request,
        "plans/index.html",
        principal=principal,
        workspace=workspace,
        active="plans",
        status_code=status_code,
        rows=rows,
        movable=[s for s in every if s.line.end >= here.today],
        totals=totals(rows),
        spec=spend_chart(rows, here),
        period=period,
        periods=periods,
        decisions=list(reversed(decisions))[:8],
        errors=errors or {},
        form=form or {},
        done=request.query_params.get("done", ""),
    )


@router.get("/w/{workspace}/plans", **needs(planning.budget_status))
def plans_page(
    workspace: str, request: Request, principal: CurrentPrincipal, period: str = ""
) -> HTMLResponse:
    return _page(request, principal, workspace, period=period[:20])


@router.post("/w/{workspace}/plans/reallocate", **needs(planning.reallocate))
def reallocate(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    from_line: Short = "",
    to_line: Short = "",
    amount: Short = "",
    reason: Text = "",
    evidence: Text = "",
    period: Short = "",
) -> Response:
    """Move planned money from one line to another, with the reason."""
    form = {
        "from_line": from_line,
        "to_line": to_line,
        "amount": amount,
        "reason": reason,
        "evidence": evidence,
    }
    errors: dict[str, str] = {}
    money = 0.0
    if not from_line.isdigit() or not to_line.isdigit():
        errors["move"] = "Pick the line to take the money from and the line to give it to."
    elif from_line == to_line:
        errors["move"] = "Pick two different lines."
    try:
        money = forms.amount(amount)
    except ValueError:
        errors["amount"] = "Write the amount as a number, for example 5000."
    if not reason.strip():
        errors["reason"] = "Say why: the reason goes to the decision log."
    if not errors:
        try:
            planning.reallocate(
                principal,
                workspace,
                int(from_line),
                int(to_line),
                amount=money,
                reason=reason,
                evidence=evidence or None,
                who=principal.label,
                settings=settings_of(request),
            )
        except UserError as exc:
            errors["move"] = sentence(exc)
    if errors:
        return _page(
            request, principal, workspace, period=period, errors=errors, form=form, status_code=422
        )
    return redirect(f"/w/{workspace}/plans?period={period}&done=moved#lines")


@router.post("/w/{workspace}/plans/lines", **needs(planning.set_budget))
def set_line(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    line_period: Short = "",
    channel: Short = "",
    campaign: Short = "",
    planned: Short = "",
    committed: Short = "",
    reason: Text = "",
    period: Short = "",
) -> Response:
    """Plan a budget line, or change the planned or committed amount of one."""
    form = {
        "line_period": line_period,
        "channel": channel,
        "campaign": campaign,
        "planned": planned,
        "committed": committed,
        "line_reason": reason,
    }
    errors: dict[str, str] = {}
    amounts: dict[str, float | None] = {"committed": None}
    for name, text in (("planned", planned), ("committed", committed)):
        if text.strip() or name == "planned":
            try:
                amounts[name] = forms.amount(text)
            except ValueError:
                errors[name] = "Write the amount as a number."
    if not line_period.strip():
        errors["line_period"] = "Name the period: 2027, 2027-Q1 or 2027-01."
    if not channel.strip():
        errors["channel"] = "Name the channel, for example Paid Search."
    if not errors:
        try:
            planning.set_budget(
                principal,
                workspace,
                line_period.strip(),
                channel.strip(),
                planned=amounts["planned"],
                committed=amounts["committed"],
                campaign=campaign.strip() or None,
                reason=reason.strip() or None,
                who=principal.label,
                settings=settings_of(request),
            )
        except UserError as exc:
            errors["line"] = sentence(exc)
    if errors:
        return _page(
            request, principal, workspace, period=period, errors=errors, form=form, status_code=422
        )
    return redirect(f"/w/{workspace}/plans?period={period}&done=planned#lines")
