"""`mpm plan calendar`: campaign flights and activities by date, with a week-by-week bar."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from mpm.cli.common import FormatOption, WorkspaceOption, parse_day
from mpm.cli.output import Format, emit
from mpm.config import get_settings
from mpm.plans.activities import CalendarEntry, PlanCalendar, plan_calendar

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# the order of the keys of a JSON / CSV record
JSON_KEYS = (
    "kind",
    "id",
    "name",
    "campaign",
    "channel",
    "start",
    "end",
    "status",
    "owner",
    "overdue",
)
FLIGHT, CANCELLED, EMPTY, DUE, LATE, EARLIER = "█", "▒", "░", "◆", "!", "◀"

EXAMPLES = """\
Examples:

  mpm plan calendar                          # this month and the next two
  mpm plan calendar --from 2026-10-01 --to 2026-12-31
  mpm plan calendar --format json

In the bar each character is one week: █ flight, ▒ cancelled flight, ◆ activity due,
! overdue activity, ◀ overdue from before the range.
"""


def weeks(calendar: PlanCalendar) -> list[date]:
    """First days of the weeks (workspace week start) that cover the calendar's range."""
    offset = (calendar.start.weekday() - WEEKDAYS.index(calendar.week_start)) % 7
    first = calendar.start - timedelta(days=offset)
    return [first + timedelta(weeks=i) for i in range((calendar.end - first).days // 7 + 1)]


def bar(entry: CalendarEntry, starts: list[date], calendar: PlanCalendar) -> str:
    """One character per week: the flight's weeks, or the week an activity is due."""
    cells: list[str] = []
    for week in starts:
        last = week + timedelta(days=6)
        if entry.kind == "campaign" and entry.start <= last and entry.end >= week:
            cells.append(CANCELLED if entry.status == "cancelled" else FLIGHT)
        elif entry.kind == "activity" and week <= entry.start <= last:
            cells.append(LATE if entry.overdue else DUE)
        else:
            cells.append(EMPTY)
    if entry.end < calendar.start:  # an overdue item carried from before the range
        cells[0] = EARLIER
    return "".join(cells)


def months_header(starts: list[date], calendar: PlanCalendar) -> str:
    """Month abbreviations over the week in which each month begins (and over the first
    week, unless a month begins right after it)."""
    labels: list[tuple[int, str]] = []
    for index, week in enumerate(starts):
        days = [week + timedelta(days=i) for i in range(7)]
        first = next((d for d in days if d.day == 1 and d >= calendar.start), None)
        if index == 0 and first is None:
            first = calendar.start
        if first is not None:
            labels.append((index, first.strftime("%b")))
    header = [" "] * len(starts)
    for (index, label), following in zip(labels, [*labels[1:], (len(starts), "")], strict=True):
        if index + len(label) <= following[0]:
            header[index : index + len(label)] = label
    return "".join(header)


def _when(entry: CalendarEntry) -> str:
    if entry.kind == "activity":
        return f"due {entry.start}"
    end = entry.end.strftime("%m-%d" if entry.end.year == entry.start.year else "%Y-%m-%d")
    return f"{entry.start} → {end}"


def _item(entry: CalendarEntry) -> str:
    if entry.kind == "campaign":
        return f"{entry.name} ({entry.channel})"
    under = f" · {entry.campaign}" if entry.campaign else ""
    return f"#{entry.id} {entry.name}{under}"


def _table(calendar: PlanCalendar, workspace: str) -> None:
    console = Console()
    if not calendar.entries:
        console.print(
            f"[dim]nothing planned from {calendar.start} to {calendar.end}: plan a campaign with "
            "`mpm campaign add NAME --channel C --from DATE --to DATE --budget N` or an "
            "activity with `mpm activity add TITLE --due DATE`[/dim]"
        )
        return
    starts = weeks(calendar)
    table = Table(
        title=f"Plan of workspace {workspace}, {calendar.start} to {calendar.end} "
        f"(today {calendar.today})",
        header_style="bold",
        caption=f"one character per week from {starts[0]}: {FLIGHT} flight {CANCELLED} cancelled "
        f"{DUE} due {LATE} overdue {EARLIER} overdue from before",
    )
    table.add_column("when", no_wrap=True)
    table.add_column(months_header(starts, calendar), no_wrap=True, min_width=len(starts))
    table.add_column("campaign / #id activity", overflow="fold", min_width=20)
    table.add_column("status", overflow="fold")
    table.add_column("owner", overflow="fold")
    for entry in calendar.entries:
        status = Text(entry.status)
        if entry.overdue:
            status = Text(f"{entry.status} · overdue", style="bold red")
        table.add_row(
            _when(entry),
            bar(entry, starts, calendar),
            _item(entry),
            status,
            entry.owner or "—",
        )
    console.print(table)


def calendar(
    start: Annotated[
        str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: 1st of month).")
    ] = None,
    end: Annotated[
        str | None,
        typer.Option("--to", help="Last day, YYYY-MM-DD (default: end of the second next month)."),
    ] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Campaign flights and activities by date; overdue items are marked (and carried into
    a range that includes today)."""
    plan = plan_calendar(
        start=parse_day(start, "--from") if start is not None else None,
        end=parse_day(end, "--to") if end is not None else None,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is Format.table:
        _table(plan, workspace)
        return
    emit([{k: getattr(e, k) for k in JSON_KEYS} for e in plan.entries], fmt)
