"""`mpm campaign add | list | status | update`: campaigns as planned and run."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from mpm.cli.common import FormatOption, WorkspaceOption, parse_day
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.goals import shown
from mpm.plans.campaigns import (
    Campaign,
    CampaignStatus,
    add_campaign,
    campaign_status,
    list_campaigns,
    update_campaign,
)

app = typer.Typer(
    help="Campaigns: objective, channel, flight dates, budget, owner, status.",
    no_args_is_help=True,
)

EXAMPLES = """\
Examples:

  mpm campaign add "Search | Seasonal | Black Friday 2026" --channel "Paid Search" \\
      --from 2026-11-17 --to 2026-11-30 --budget 4000 --objective "Q4 revenue" \\
      --owner sem@example.com
  mpm campaign list --status live
  mpm campaign status "Search | Seasonal | Black Friday 2026" --format json
  mpm campaign update "Search | Seasonal | Black Friday 2026" --budget 5000 \\
      --reason "ROAS 8 in week one, scale up"
  mpm campaign update "Display | Test | Native Partners" --status cancelled \\
      --reason "CPA three times the target"
"""

NAME_HELP = "Campaign name as it appears in the data (the campaign dimension)."


def percent(share: float | None) -> str | None:
    return None if share is None else f"{share:.1%}"


def _record(campaign: Campaign) -> dict[str, Any]:
    record = asdict(campaign)
    del record["warnings"]
    return record


@app.command("add", epilog=EXAMPLES)
def add(
    name: Annotated[str, typer.Argument(help=NAME_HELP)],
    channel: Annotated[str, typer.Option("--channel", help="Channel, e.g. 'Paid Search'.")],
    start: Annotated[str, typer.Option("--from", help="First day of the flight, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Last day of the flight, YYYY-MM-DD.")],
    budget: Annotated[float, typer.Option("--budget", help="Budget in the base currency.")],
    objective: Annotated[
        str | None, typer.Option("--objective", help="Objective it serves (`mpm objective list`).")
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who runs it.")] = None,
    status: Annotated[
        CampaignStatus, typer.Option("--status", help="Where it stands.")
    ] = CampaignStatus.PLANNED,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Plan a campaign; warns when the data has no campaign of that name yet."""
    campaign = add_campaign(
        name,
        channel=channel,
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        budget=budget,
        objective=objective,
        owner=owner,
        status=status.value,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one({**_record(campaign), "warnings": list(campaign.warnings)}, fmt)
        return
    typer.echo(
        f"campaign {campaign.name!r} added: {campaign.channel}, {campaign.start} → "
        f"{campaign.end}, budget {shown(campaign.budget)}, {campaign.status}"
    )
    for warning in campaign.warnings:
        typer.echo(f"  note: {warning}", err=True)


@app.command("list", epilog=EXAMPLES)
def list_command(
    status: Annotated[
        CampaignStatus | None, typer.Option("--status", help="Only campaigns in this status.")
    ] = None,
    channel: Annotated[str | None, typer.Option("--channel", help="Only this channel.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """The campaigns of the workspace by flight start; overdue = ended but still open."""
    campaigns = list_campaigns(
        status=status.value if status else None,
        channel=channel,
        workspace=workspace,
        settings=get_settings(),
    )
    records = [_record(c) for c in campaigns]
    if fmt is Format.table:
        records = [
            {
                "name": c.name,
                "channel": c.channel,
                "from": c.start,
                "to": c.end,
                "budget": c.budget,
                "status": f"{c.status} · overdue" if c.overdue else c.status,
                "objective": c.objective,
                "owner": c.owner,
            }
            for c in campaigns
        ]
    filtered = status is not None or channel is not None
    emit(
        records,
        fmt,
        title=f"Campaigns of workspace {workspace}",
        empty="no campaigns match: see them all with `mpm campaign list`"
        if filtered
        else "no campaigns yet: plan one with `mpm campaign add NAME --channel C --from DATE "
        "--to DATE --budget N`",
    )


@app.command("status", epilog=EXAMPLES)
def status_command(
    name: Annotated[str, typer.Argument(help=NAME_HELP)],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Plan against actuals to yesterday: spend and pacing, conversions, revenue, CPA, ROAS,
    activities."""
    progress = campaign_status(name, workspace=workspace, settings=get_settings())
    record = asdict(progress)
    if fmt is not Format.table:
        record["notes"] = list(progress.notes)
        emit_one(record, fmt)
        return
    pace = "" if progress.pacing is None else f"{progress.pacing:.2f}×, "
    emit_one(
        {
            "campaign": progress.name,
            "channel": progress.channel,
            "status": progress.status,
            "objective": progress.objective,
            "owner": progress.owner,
            "flight": f"{progress.start} → {progress.end} ({progress.flight_days} days)",
            "counted to": progress.through,
            "flight elapsed": f"{percent(progress.flight_elapsed_share)} "
            f"({progress.days_elapsed} of {progress.flight_days} days)",
            "budget": progress.budget,
            "marketing cost": progress.marketing_cost,
            "budget spent": percent(progress.budget_spent_share),
            "budget remaining": progress.budget_remaining,
            "pacing": pace + progress.pacing_status.replace("_", " "),
            "media spend": progress.spend,
            "conversions": progress.conversions,
            "revenue": progress.revenue,
            "CPA": progress.cpa,
            "ROAS": progress.roas,
            "activities": f"{progress.activities_open} open ({progress.activities_overdue} "
            f"overdue), {progress.activities_done} done",
        },
        fmt,
    )
    for note in progress.notes:
        typer.echo(f"note: {note}")


@app.command("update", epilog=EXAMPLES)
def update(
    name: Annotated[str, typer.Argument(help=NAME_HELP)],
    status: Annotated[CampaignStatus | None, typer.Option("--status", help="New status.")] = None,
    budget: Annotated[
        float | None, typer.Option("--budget", help="New budget (needs --reason).")
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="New owner.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="New last day, YYYY-MM-DD.")] = None,
    reason: Annotated[
        str | None,
        typer.Option(
            "--reason",
            help="Why: needed to cancel, reopen or change the budget; kept in the decision log.",
        ),
    ] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Change status, budget, owner or end date; cancelling and budget changes are logged as
    decisions with their reason."""
    result = update_campaign(
        name,
        status=status.value if status else None,
        budget=budget,
        owner=owner,
        end=parse_day(end, "--to") if end is not None else None,
        reason=reason,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        record = _record(result.campaign)
        record["changes"] = list(result.changes)
        record["decision_id"] = result.decision_id
        emit_one(record, fmt)
        return
    if not result.changes:
        typer.echo(f"campaign {result.campaign.name!r}: nothing changed")
        return
    logged = f" (decision #{result.decision_id} logged)" if result.decision_id else ""
    typer.echo(f"campaign {result.campaign.name!r}: {'; '.join(result.changes)}{logged}")
