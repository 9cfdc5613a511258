"""The overview of a workspace: what needs attention first, objectives with status,
probability and pace, KPI tiles with a sparkline and the change against the previous period,
budget pacing of the current lines and overdue activities."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from mpm.app.deps import SIGNED_IN, CurrentPrincipal, needs, settings_of
from mpm.app.pages.cache import PAGES
from mpm.app.pages.render import here_of, place, redirect, render
from mpm.app.pages.sparkline import sparkline
from mpm.services import data, planning, status

router = APIRouter(include_in_schema=False)

TILES = ("spend", "revenue", "roas", "conversions", "cpa", "sessions", "leads", "ctr")
RANGES = {
    "last_7_days": "Last 7 days",
    "last_30_days": "Last 30 days",
    "last_90_days": "Last 90 days",
    "this_month": "This month",
    "this_quarter": "This quarter",
    "ytd": "Year to date",
}
TROUBLE = {"off_track": 0, "at_risk": 1}
FLAG_WORDS = {
    "overspent": "is overspent",
    "over_pace": "is spending ahead of plan",
    "under_pace": "is spending behind plan",
    "over_committed": "has more committed than planned",
}


@dataclass(frozen=True)
class Tile:
    kpi: str
    label: str
    unit: str
    direction: str
    value: Any
    change: Any
    sparkline: str

    @property
    def tone(self) -> str:
        """good / bad / neutral: the change read with the KPI's direction of good."""
        if self.change is None or self.change != self.change or self.direction == "none":
            return "neutral"
        better = self.change > 0 if self.direction == "higher" else self.change < 0
        return "good" if better else "bad" if self.change != 0 else "neutral"


@dataclass(frozen=True)
class Attention:
    severity: int  # 0 first
    text: str
    link: str


@router.get("/", **needs(SIGNED_IN))
def home(request: Request, principal: CurrentPrincipal) -> Response:
    """The first workspace's overview, or how to start without one."""
    mine, _ = place(request, principal, None)
    if mine:
        return redirect(f"/w/{mine[0].workspace.slug}/")
    return render(request, "overview/no_workspace.html", principal=principal)


def _tiles(frame: Any, daily: Any, catalog: dict[str, dict[str, Any]]) -> list[Tile]:
    total = frame.iloc[0].to_dict() if len(frame) else {}
    tiles = []
    for kpi in TILES:
        meta = catalog[kpi]
        values = [None if v != v else float(v) for v in daily[kpi]]
        tiles.append(
            Tile(
                kpi=kpi,
                label=meta["label"],
                unit=meta["unit"],
                direction=meta["direction"],
                value=total.get(kpi),
                change=total.get(f"{kpi}_change"),
                sparkline=sparkline(values, label=f"{meta['label']}, daily"),
            )
        )
    return tiles


def attention(
    progress: list[Any], budgets: list[Any], overdue: list[Any], url: Any
) -> list[Attention]:
    """What needs attention first: objectives off track, then at risk, budget lines off plan,
    overdue activities (the oldest first)."""
    items = [
        Attention(
            TROUBLE[p.status],
            f"{p.name} is {p.status.replace('_', ' ')}"
            + (
                f": {p.probability:.0%} chance of reaching the target"
                if p.probability is not None
                else ""
            ),
            url("objectives"),
        )
        for p in progress
        if p.status in TROUBLE
    ]
    items += [
        Attention(2, f"Budget {b.line.ref} {FLAG_WORDS[b.flag]}", url("plans"))
        for b in budgets
        if str(b.flag) in FLAG_WORDS
    ]
    items += [
        Attention(
            3, f"“{a.title}” was due {a.due:%b %-d} ({a.owner or 'no owner'})", url("campaigns")
        )
        for a in sorted(overdue, key=lambda a: a.due)
    ]
    return sorted(items, key=lambda a: a.severity)


@router.get("/w/{workspace}/", **needs(data.kpi_query))
def overview(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    range_: str = Query("last_30_days", alias="range", max_length=20),
) -> HTMLResponse:
    return PAGES.page(
        request, principal, workspace, lambda: _overview(request, principal, workspace, range_)
    )


def _overview(request: Request, principal: Any, workspace: str, range_: str) -> HTMLResponse:
    span = range_ if range_ in RANGES else "last_30_days"
    settings = settings_of(request)
    catalog = {m["name"]: m for m in data.list_metrics(principal, workspace, settings=settings)}
    options = {"start": span, "end": span}
    totals = data.kpi_query(
        principal, workspace, list(TILES), compare="previous_period", settings=settings, **options
    )
    daily = data.kpi_query(
        principal, workspace, list(TILES), grain="day", settings=settings, **options
    )
    progress = status.objectives_status(principal, workspace, settings=settings)
    here = here_of(request, principal, workspace)
    today = here.today
    budgets = [
        b
        for b in planning.budget_status(principal, workspace, settings=settings)
        if b.line.start <= today <= b.line.end
    ]
    overdue = planning.list_activities(principal, workspace, overdue_only=True, settings=settings)
    tiles = _tiles(totals, daily, catalog)
    # nothing in the range: is there no data at all (a new workspace)? Asked only then, as
    # counting every table costs more than the page
    quiet = all(t.value is None or t.value != t.value or t.value == 0 for t in tiles)
    no_data = quiet and not any(
        t.rows for t in data.list_tables(principal, workspace, settings=settings)
    )
    return render(
        request,
        "overview/index.html",
        principal=principal,
        workspace=workspace,
        active="overview",
        span=span,
        ranges=RANGES,
        tiles=tiles,
        quiet=quiet,
        no_data=no_data,
        progress=progress,
        budgets=budgets,
        overdue=overdue,
        attention=attention(progress, budgets, overdue, here.url),
        catalog=catalog,
    )
