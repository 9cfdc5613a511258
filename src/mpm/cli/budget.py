"""`mpm plan budget set | list | status` and `mpm plan reallocate`: budget lines and the money
moved between them."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated, Any

import typer

from mpm.cli.common import FormatOption, WorkspaceOption
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.plans.budgets import (
    BudgetLine,
    BudgetStatus,
    budget_status,
    list_budgets,
    money,
    reallocate,
    set_budget,
)

SET_EXAMPLES = """\
Examples:

  mpm plan budget set 2026-Q1 "Paid Search" --planned 120000 --committed 30000
  mpm plan budget set 2026-Q1 "Paid Social" --planned 25000 \\
      --campaign "Meta | Prospecting | Broad US" --note "IO signed 2025-12-12"
  mpm plan budget set 2026-Q1 "Paid Search" --planned 135000 --reason "Q4 ROAS above target"
"""

LIST_EXAMPLES = """\
Examples:

  mpm plan budget list
  mpm plan budget list --period 2026 --format csv
"""

STATUS_EXAMPLES = """\
Examples:

  mpm plan budget status
  mpm plan budget status --period 2026-Q1 --format json
"""

REALLOCATE_EXAMPLES = """\
Examples:

  mpm plan reallocate --from "2026-Q1:Display" --to "2026-Q1:Paid Search" --amount 10000 \\
      --reason "Display CPA twice the target" --evidence "mpm kpi cpa --by channel" \\
      --by cmo@example.com
  mpm plan reallocate --from 4 --to 7 --amount 2500 --reason "shift to the launch campaign"
"""

EMPTY = "no budget lines yet: set one with `mpm plan budget set PERIOD CHANNEL --planned AMOUNT`"

PeriodOption = Annotated[
    str | None,
    typer.Option("--period", help="Only lines within this period: 2026, 2026-Q1 or 2026-03."),
]


def _empty(period: str | None) -> str:
    if period is None:
        return EMPTY
    return f"no budget lines within {period}: see them all with `mpm plan budget list`"


def _percent(share: float | None) -> str | None:
    return None if share is None else f"{share:.0%}"


def _line_record(line: BudgetLine) -> dict[str, Any]:
    return {"id": line.id, "ref": line.ref, **asdict(line)}


def _status_record(status: BudgetStatus) -> dict[str, Any]:
    line = status.line
    return {
        "id": line.id,
        "ref": line.ref,
        "period": line.period,
        "start": line.start,
        "end": line.end,
        "channel": line.channel,
        "campaign": line.campaign,
        "currency": line.currency,
        "planned": line.planned,
        "committed": line.committed,
        "actual": status.actual,
        "actual_to": status.actual_to,
        "variance": status.variance,
        "remaining": status.remaining,
        "available": status.available,
        "elapsed": status.elapsed,
        "pacing": status.pacing,
        "projected": status.projected,
        "flag": status.flag.value,
    }


def _whole(amount: float | None) -> int | None:
    return None if amount is None else round(amount)


def _status_rows(statuses: list[BudgetStatus]) -> list[dict[str, Any]]:
    """The table for people, in whole currency units: one row per line and a total (its pacing
    is actual over the elapsed planned amounts of all lines)."""
    rows: list[dict[str, Any]] = [
        {
            "line": s.line.ref,
            "planned": _whole(s.line.planned),
            "committed": _whole(s.line.committed),
            "actual": _whole(s.actual),
            "available": _whole(s.available),
            "elapsed": _percent(s.elapsed),
            "pacing": _percent(s.pacing),
            "projected": _whole(s.projected),
            "flag": s.flag.value,
        }
        for s in statuses
    ]
    expected = sum(s.line.planned * s.elapsed for s in statuses)
    actual = sum(s.actual for s in statuses)
    projections = [s.projected for s in statuses]
    rows.append(
        {
            "line": "total",
            "planned": _whole(sum(s.line.planned for s in statuses)),
            "committed": _whole(sum(s.line.committed for s in statuses)),
            "actual": _whole(actual),
            "available": _whole(sum(s.available for s in statuses)),
            "elapsed": None,
            "pacing": _percent(actual / expected) if expected > 0 else None,
            "projected": None
            if None in projections
            else _whole(sum(p or 0.0 for p in projections)),
            "flag": "",
        }
    )
    return rows


def set_command(
    period: Annotated[str, typer.Argument(help="2026 (a year), 2026-Q1 (a quarter), 2026-03.")],
    channel: Annotated[str, typer.Argument(help="Channel, e.g. 'Paid Search'.")],
    planned: Annotated[float, typer.Option("--planned", help="Planned amount, base currency.")],
    committed: Annotated[
        float | None,
        typer.Option("--committed", help="Amount already committed (orders, IOs signed)."),
    ] = None,
    campaign: Annotated[
        str | None,
        typer.Option("--campaign", help="One campaign of the channel (default: the whole one)."),
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note kept with the line.")] = None,
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why the planned amount changes (needed for a change)."),
    ] = None,
    who: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Create a budget line, or change one; planned changes go to the decision log."""
    result = set_budget(
        period,
        channel,
        planned=planned,
        committed=committed,
        campaign=campaign,
        note=note,
        reason=reason,
        who=who,
        workspace=workspace,
        settings=get_settings(),
    )
    line = result.line
    if fmt is not Format.table:
        emit_one(
            {
                **_line_record(line),
                "created": result.created,
                "previous_planned": result.previous_planned,
                "decision_id": result.decision_id,
            },
            fmt,
        )
        return
    amounts = f"committed {money(line.committed)}"
    if result.created:
        typer.echo(
            f"budget line {line.ref} (id {line.id}) created: planned "
            f"{money(line.planned, line.currency)}, {amounts}"
        )
    elif result.decision_id is not None:
        assert result.previous_planned is not None
        typer.echo(
            f"budget line {line.ref} (id {line.id}) changed: planned "
            f"{money(result.previous_planned)} → {money(line.planned, line.currency)}, {amounts} "
            f"(decision {result.decision_id})"
        )
    else:
        typer.echo(
            f"budget line {line.ref} (id {line.id}) updated: planned "
            f"{money(line.planned, line.currency)}, {amounts}"
        )
    if line.committed > line.planned:
        typer.echo(
            f"  committed exceeds planned by {money(line.committed - line.planned)}: "
            "the line is flagged over_committed",
            err=True,
        )


def list_command(
    period: PeriodOption = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """The budget lines of the workspace, by start date and channel."""
    lines = list_budgets(period=period, workspace=workspace, settings=get_settings())
    if fmt is Format.table:
        records = [
            {
                "id": line.id,
                "period": line.period,
                "channel": line.channel,
                "campaign": line.campaign or "(whole channel)",
                "planned": line.planned,
                "committed": line.committed,
                "note": line.note,
            }
            for line in lines
        ]
        currency = f" ({lines[0].currency})" if lines else ""
        title = f"Budget lines of workspace {workspace}{currency}"
        emit(records, fmt, title=title, empty=_empty(period))
        return
    emit([_line_record(line) for line in lines], fmt, empty=_empty(period))


def status_command(
    period: PeriodOption = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Planned, committed and actual per line, with pacing, projection and a flag."""
    statuses = budget_status(period=period, workspace=workspace, settings=get_settings())
    if fmt is not Format.table:
        emit([_status_record(s) for s in statuses], fmt, empty=_empty(period))
        return
    title = f"Budget status of workspace {workspace}"
    if statuses:
        days = sorted({s.actual_to for s in statuses if s.actual_to is not None})
        title += f" ({statuses[0].line.currency}" + (f", actual to {days[-1]})" if days else ")")
    emit(_status_rows(statuses) if statuses else [], fmt, title=title, empty=_empty(period))


def reallocate_command(
    source: Annotated[
        str, typer.Option("--from", help="Line giving money: id or PERIOD:CHANNEL[:CAMPAIGN].")
    ],
    target: Annotated[
        str, typer.Option("--to", help="Line receiving it: id or PERIOD:CHANNEL[:CAMPAIGN].")
    ],
    amount: Annotated[float, typer.Option("--amount", help="Amount to move, base currency.")],
    reason: Annotated[str, typer.Option("--reason", help="Why (kept in the decision log).")],
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="What shows it (a KPI, a report, a test).")
    ] = None,
    who: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Move planned money from one budget line to another, recorded as a decision."""
    move = reallocate(
        source,
        target,
        amount=amount,
        reason=reason,
        evidence=evidence,
        who=who,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one(asdict(move), fmt)
        return
    typer.echo(
        f"moved {money(move.amount, move.currency)} from {move.from_line} "
        f"({money(move.from_before)} → {money(move.from_after)}) to {move.to_line} "
        f"({money(move.to_before)} → {money(move.to_after)}); decision {move.decision_id}"
    )
