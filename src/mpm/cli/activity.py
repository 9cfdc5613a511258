"""`mpm activity add | list | done | update`: tasks under campaigns, with owners and due dates."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from mpm.cli.common import FormatOption, WorkspaceOption, parse_day
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.plans.activities import (
    Activity,
    ActivityChange,
    add_activity,
    complete_activity,
    list_activities,
    update_activity,
)
from mpm.plans.campaigns import ActivityStatus

app = typer.Typer(
    help="Activities: tasks under campaigns with owner, due date and status.",
    no_args_is_help=True,
)

EXAMPLES = """\
Examples:

  mpm activity add "Brief the agency" --due 2026-11-03 \\
      --campaign "Search | Seasonal | Black Friday 2026" --owner ann@example.com
  mpm activity list --overdue
  mpm activity list --campaign "Search | Seasonal | Black Friday 2026" --format json
  mpm activity done 12
  mpm activity update 12 --status doing --due 2026-11-05
"""


def _record(activity: Activity) -> dict[str, Any]:
    record = asdict(activity)
    del record["warnings"]
    return record


def _changed(result: ActivityChange, fmt: Format) -> None:
    activity = result.activity
    if fmt is not Format.table:
        emit_one({**_record(activity), "changes": list(result.changes)}, fmt)
        return
    if result.changes:
        typer.echo(f"activity {activity.id} ({activity.title}): {'; '.join(result.changes)}")


@app.command("add", epilog=EXAMPLES)
def add(
    title: Annotated[str, typer.Argument(help="What is to be done.")],
    due: Annotated[str, typer.Option("--due", help="Due date, YYYY-MM-DD.")],
    campaign: Annotated[
        str | None, typer.Option("--campaign", help="Campaign it belongs to.")
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who does it.")] = None,
    status: Annotated[
        ActivityStatus, typer.Option("--status", help="Where it stands.")
    ] = ActivityStatus.TODO,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Add an activity; its id (shown) is the handle for `mpm activity done ID`."""
    activity = add_activity(
        title,
        due=parse_day(due, "--due"),
        campaign=campaign,
        owner=owner,
        status=status.value,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one({**_record(activity), "warnings": list(activity.warnings)}, fmt)
        return
    under = f" for {activity.campaign!r}" if activity.campaign else ""
    typer.echo(f"activity {activity.id} added: {activity.title!r}{under}, due {activity.due}")
    for warning in activity.warnings:
        typer.echo(f"  note: {warning}", err=True)


@app.command("list", epilog=EXAMPLES)
def list_command(
    campaign: Annotated[
        str | None, typer.Option("--campaign", help="Only this campaign's activities.")
    ] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Only this owner's.")] = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Only overdue ones (past due, not done).")
    ] = False,
    open_only: Annotated[
        bool, typer.Option("--open", help="Only open ones (todo or doing).")
    ] = False,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Activities by due date, with their ids."""
    activities = list_activities(
        campaign=campaign,
        owner=owner,
        overdue_only=overdue,
        open_only=open_only,
        workspace=workspace,
        settings=get_settings(),
    )
    records = [_record(a) for a in activities]
    if fmt is Format.table:
        records = [
            {
                "id": a.id,
                "due": a.due,
                "status": f"{a.status} · overdue" if a.overdue else a.status,
                "title": a.title,
                "owner": a.owner,
                "campaign": a.campaign,
            }
            for a in activities
        ]
    if overdue:
        empty = "nothing overdue"
    elif campaign or owner or open_only:
        empty = "no activities match: see them all with `mpm activity list`"
    else:
        empty = (
            "no activities yet: add one with `mpm activity add TITLE --due DATE --campaign NAME`"
        )
    emit(records, fmt, title=f"Activities of workspace {workspace}", empty=empty)


@app.command("done", epilog=EXAMPLES)
def done(
    activity_id: Annotated[int, typer.Argument(metavar="ID", help="Activity id (see list).")],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Mark an activity done."""
    result = complete_activity(activity_id, workspace=workspace, settings=get_settings())
    if not result.changes:
        done_at = result.activity.done_at
        when = f" on {done_at:%Y-%m-%d %H:%M}" if done_at else ""
        typer.echo(
            f"activity {activity_id} was already done{when}: nothing changed",
            err=True,
        )
    _changed(result, fmt)


@app.command("update", epilog=EXAMPLES)
def update(
    activity_id: Annotated[int, typer.Argument(metavar="ID", help="Activity id (see list).")],
    status: Annotated[ActivityStatus | None, typer.Option("--status", help="New status.")] = None,
    due: Annotated[str | None, typer.Option("--due", help="New due date, YYYY-MM-DD.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="New owner.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Change an activity's status (todo, doing, done, cancelled), due date or owner."""
    result = update_activity(
        activity_id,
        status=status.value if status else None,
        due=parse_day(due, "--due") if due is not None else None,
        owner=owner,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is Format.table and not result.changes:
        typer.echo(f"activity {activity_id}: nothing changed")
    _changed(result, fmt)
