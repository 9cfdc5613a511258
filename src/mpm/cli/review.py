"""`mpm review annual | campaign`: the annual budget review and the campaign post-mortem."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import typer

from mpm.cli.common import FormatOption, WorkspaceOption, parse_day
from mpm.cli.kpi import kpi_cell
from mpm.cli.objective import TodayOption, compact
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.metrics import workspace_catalog
from mpm.plans.review import CAMPAIGN_KPIS, annual_review, campaign_review, change

app = typer.Typer(
    help="Reviews: the annual budget review and campaign post-mortems.", no_args_is_help=True
)

EXAMPLES = """\
Examples:

  mpm review annual --year 2026
  mpm review annual --year 2026 --format json
  mpm review campaign "Spring Sale" --format json
"""


def _percent(value: float | None) -> str | None:
    return None if value is None else f"{value:+.0%}"


def _ratio(value: float | None) -> str | None:
    return None if value is None else f"{value:,.2f}"


@app.command("annual", epilog=EXAMPLES)
def annual(
    year: Annotated[
        int, typer.Option("--year", help="Calendar year to review.")
    ] = date.today().year,
    today: TodayOption = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Per channel: spend, results, CPA, ROAS, ROI and CAC against the budget and the year
    before, ranked by marginal ROAS (what the next unit of spend brought back)."""
    review = annual_review(
        year,
        today=parse_day(today, "--today") if today else None,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit([c.record() for c in review.channels], fmt)
        return
    rows: list[dict[str, Any]] = []
    for c in review.channels:
        r = c.record()
        rows.append(
            {
                "rank": r["rank"],
                "channel": c.channel,
                "cost": compact(r["marketing_cost"]),
                "planned": compact(r["planned"]),
                "revenue": compact(r["revenue"]),
                "vs last yr": _percent(r["revenue_change"]),
                "ROAS": _ratio(r["roas"]),
                "CPA": _ratio(r["cpa"]),
                "CAC": _ratio(r["cac"]),
                "ROI": _percent(r["roi"]),
                "marginal ROAS": _ratio(r["marginal_roas"]),
                "90% range": None
                if r["marginal_roas_low"] is None
                else f"{r['marginal_roas_low']:.2f}–{r['marginal_roas_high']:.2f}",
            }
        )
    total = review.total
    rows.append(
        {
            "rank": None,
            "channel": "total",
            "cost": compact(total.get("marketing_cost")),
            "planned": compact(review.total_planned),
            "revenue": compact(total.get("revenue")),
            "vs last yr": _percent(
                change(total.get("revenue"), review.total_previous.get("revenue"))
            ),
            "ROAS": _ratio(total.get("roas")),
            "CPA": _ratio(total.get("cpa")),
            "CAC": _ratio(total.get("cac")),
            "ROI": _percent(total.get("roi")),
            "marginal ROAS": None,
            "90% range": None,
        }
    )
    emit(
        rows,
        fmt,
        title=f"Annual review {year} ({review.start} to {review.end}, against "
        f"{review.previous_start} to {review.previous_end})",
    )
    typer.echo(
        "Marginal ROAS: revenue from the next unit of media spend, from a log-log fit of weekly "
        "revenue on spend (a stop-gap until a marketing-mix model; seasonal budgets bias it up).",
        err=True,
    )


@app.command("campaign", epilog=EXAMPLES)
def campaign(
    name: Annotated[str, typer.Argument(help="Campaign, as planned or as named in the data.")],
    today: TodayOption = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """A campaign post-mortem: budget against cost, results and ratios over the flight against
    the same days a year earlier and the days before it, marginal ROAS, activities, decisions."""
    review = campaign_review(
        name,
        today=parse_day(today, "--today") if today else None,
        workspace=workspace,
        settings=get_settings(),
    )
    record = review.record()
    if fmt is not Format.table:
        emit_one(record, fmt)
        return
    emit_one(
        {
            "campaign": f"{review.name} ({review.channel}, "
            f"{review.status or 'not planned in mpm'})",
            "flight": f"{review.start} to {review.end} (counted to {review.through})",
            "owner": review.owner,
            "objective": None
            if review.objective is None
            else f"{review.objective}: {review.objective_status}",
            "budget": compact(review.budget),
            "cost": compact(review.marketing_cost),
            "budget used": None
            if record["budget_used"] is None
            else f"{record['budget_used']:.0%}",
        },
        fmt,
    )
    catalog = workspace_catalog(get_settings(), workspace)
    units = {kpi: catalog.get(kpi).unit for kpi in CAMPAIGN_KPIS}
    emit(
        [
            {
                "kpi": kpi,
                "flight": kpi_cell(kpi, review.values.get(kpi), units),
                "last year": kpi_cell(kpi, review.previous_year.get(kpi), units),
                "days before": kpi_cell(kpi, review.before.get(kpi), units),
            }
            for kpi in CAMPAIGN_KPIS
        ],
        fmt,
    )
    typer.echo(
        f"last year: {review.previous_name}, {review.previous_start} to {review.previous_end}; "
        f"days before: the {(review.through - review.start).days + 1} days before the flight"
    )
    r = review.response
    typer.echo(
        "marginal ROAS: "
        + (
            f"{r.marginal:.2f} (90%: {r.marginal_low:.2f}–{r.marginal_high:.2f}), "
            f"from {r.periods} days"
            if r.marginal is not None and r.marginal_low is not None and r.marginal_high is not None
            else r.note
        )
    )
    typer.echo(
        f"activities: {review.activities_done} done, {review.activities_open} open, "
        f"{review.activities_overdue} overdue"
    )
    for line in review.decisions:
        typer.echo(f"decision {line}")
