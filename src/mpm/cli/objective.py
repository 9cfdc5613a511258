"""`mpm objective add | list | show | status | review | update`: SMART objectives of a
workspace, their progress and their reviews."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import typer

from mpm.cli.common import FormatOption, WorkspaceOption, parse_day
from mpm.cli.output import Format, emit, emit_one
from mpm.config import get_settings
from mpm.errors import UserError
from mpm.goals import (
    Cadence,
    Goal,
    Objective,
    Phasing,
    Progress,
    Thresholds,
    add_objective,
    add_review,
    due_reviews,
    get_objective,
    list_decisions,
    list_objectives,
    list_reviews,
    objectives_progress,
    shown,
    update_objective,
)

app = typer.Typer(help="Objectives: a KPI, a target, a period.", no_args_is_help=True)

EXAMPLES = """\
Examples:

  mpm objective add "Q1 revenue" --kpi revenue --target 2500000 --from 2026-01-01 \\
      --to 2026-03-31 --goal revenue_growth --owner cmo@example.com
  mpm objective add "Search CPA" --kpi cpa --target 40 --from 2026-01-01 --to 2026-03-31 \\
      --where 'channel=Paid Search' --goal customer_acquisition --owner sem@example.com --strict
  mpm objective add "Q1 leads" --kpi leads --target 9000 --from 2026-01-01 --to 2026-03-31 \\
      --phasing monthly --month 2026-01=2500 --month 2026-02=3000 --month 2026-03=3500
  mpm objective list --format json
  mpm objective status --format json
"""


def _months(values: list[str] | None) -> dict[str, float] | None:
    if not values:
        return None
    months: dict[str, float] = {}
    for value in values:
        month, _, amount = value.partition("=")
        try:
            date.fromisoformat(f"{month.strip()}-01")
            months[month.strip()] = float(amount)
        except ValueError as exc:
            raise UserError(f"--month {value!r}: use YYYY-MM=AMOUNT, e.g. 2026-01=2500") from exc
    return months


def _record(objective: Objective) -> dict[str, Any]:
    record = asdict(objective)
    record["filters"] = list(objective.filters)
    record["warnings"] = list(objective.warnings)
    return record


@app.command("add", epilog=EXAMPLES)
def add(
    name: Annotated[str, typer.Argument(help="A name people will recognise.")],
    kpi: Annotated[str, typer.Option("--kpi", help="KPI from `mpm metrics list`.")],
    target: Annotated[float, typer.Option("--target", help="Value to reach by the end.")],
    start: Annotated[str, typer.Option("--from", help="First day, YYYY-MM-DD.")],
    end: Annotated[str, typer.Option("--to", help="Last day (the deadline), YYYY-MM-DD.")],
    where: Annotated[
        list[str] | None, typer.Option("--where", help="Scope: DIM=VALUE, DIM!=VALUE, DIM=in:A|B.")
    ] = None,
    goal: Annotated[Goal | None, typer.Option("--goal", help="Business goal it serves.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="Who is accountable.")] = None,
    cadence: Annotated[Cadence, typer.Option("--cadence", help="Review cadence.")] = Cadence.WEEKLY,
    phasing: Annotated[
        Phasing,
        typer.Option(
            "--phasing",
            help="How the target spreads over the period: even, seasonal (last year's days) "
            "or monthly (with --month).",
        ),
    ] = Phasing.EVEN,
    month: Annotated[
        list[str] | None,
        typer.Option("--month", help="Monthly phasing: YYYY-MM=AMOUNT, once per month."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Refuse the objective if the SMART check warns.")
    ] = False,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Create an objective; the SMART check explains any weakness (refused with --strict)."""
    objective = add_objective(
        name,
        kpi=kpi,
        target=target,
        start=parse_day(start, "--from"),
        end=parse_day(end, "--to"),
        filters=tuple(where or ()),
        goal=goal.value if goal else None,
        owner=owner,
        cadence=cadence.value,
        phasing=phasing.value,
        monthly_targets=_months(month),
        strict=strict,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one(_record(objective), fmt)
        return
    typer.echo(
        f"objective {objective.name!r} created: {objective.kpi} to {shown(objective.target)} "
        f"from {objective.start} to {objective.end}"
    )
    for warning in objective.warnings:
        typer.echo(f"  SMART check: {warning}", err=True)


@app.command("list")
def list_command(workspace: WorkspaceOption = "default", fmt: FormatOption = Format.table) -> None:
    """Every objective of the workspace, by deadline."""
    objectives = list_objectives(workspace=workspace, settings=get_settings())
    records = [_record(o) for o in objectives]
    if fmt is Format.table:
        records = [
            {
                "name": o.name,
                "kpi": o.kpi,
                "target": o.target,
                "from": o.start,
                "to": o.end,
                "scope": "; ".join(o.filters),
                "owner": o.owner,
                "warnings": len(o.warnings),
            }
            for o in objectives
        ]
    emit(
        records,
        fmt,
        title=f"Objectives of workspace {workspace}",
        empty="no objectives yet: create one with `mpm objective add NAME --kpi KPI --target N "
        "--from DATE --to DATE`",
    )


@app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="Objective name.")],
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """One objective with its SMART warnings, reviews and decisions."""
    settings = get_settings()
    objective = get_objective(name, workspace=workspace, settings=settings)
    record = _record(objective)
    reviews = list_reviews(name, workspace=workspace, settings=settings)
    decisions = list_decisions(
        subject_kind="objective", subject=name, workspace=workspace, settings=settings
    )
    if fmt is not Format.table:
        record["reviews"] = [asdict(r) for r in reviews]
        record["decisions"] = [asdict(d) for d in decisions]
        emit_one(record, fmt)
        return
    record["warnings"] = "\n".join(objective.warnings) or "none"
    record["filters"] = "; ".join(objective.filters) or "all"
    record["monthly_targets"] = ", ".join(
        f"{m}: {shown(v)}" for m, v in (objective.monthly_targets or {}).items()
    )
    record["reviews"] = (
        "\n".join(
            f"{r.reviewed_at:%Y-%m-%d} {r.reviewer or ''} [{r.snapshot.get('status')}] {r.note}"
            for r in reviews
        )
        or "none yet"
    )
    record["decisions"] = (
        "\n".join(f"#{d.id} {d.decided_at:%Y-%m-%d} {d.what} (why: {d.why})" for d in decisions)
        or "none"
    )
    emit_one(record, fmt)


TodayOption = Annotated[
    str | None,
    typer.Option("--today", help="Evaluate as on this day (YYYY-MM-DD); default today."),
]


def compact(value: float | None) -> str | None:
    """A number for a narrow table cell: 2.66M, 41.3k, 53.96."""
    if value is None:
        return None
    size = abs(value)
    if size >= 1e6:
        return f"{value / 1e6:,.2f}M"
    if size >= 1e4:
        return f"{value / 1e3:,.1f}k"
    return f"{value:,.0f}" if size >= 100 else f"{value:,.2f}"


def _status_row(p: Progress) -> dict[str, Any]:
    """The progress of one objective for people: compact, one line."""
    phased = p.kind == "total" and p.higher_is_better
    return {
        "objective": p.name,
        "kpi": p.kpi,
        "actual": compact(p.actual),
        "to date": compact(p.target_to_date) if phased else None,
        "target": compact(p.target),
        "pace": None if p.pace is None else f"{p.pace:.0%}",
        "forecast": compact(p.forecast),
        "80% range": None
        if p.forecast_low is None or p.forecast_high is None
        else f"{compact(p.forecast_low)}–{compact(p.forecast_high)}",
        "chance": None if p.probability is None else f"{p.probability:.0%}",
        "status": p.status.replace("_", " "),
        "gap/day": compact(p.gap_per_day),
    }


@app.command("status")
def status(
    name: Annotated[str | None, typer.Argument(help="One objective; all when left out.")] = None,
    today: TodayOption = None,
    on_track: Annotated[
        float | None,
        typer.Option("--on-track", min=0, max=1, help="Chance needed for on track (default 0.7)."),
    ] = None,
    at_risk: Annotated[
        float | None,
        typer.Option("--at-risk", min=0, max=1, help="Chance below which it is off track (0.3)."),
    ] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Actual, target to date, pace, forecast with its 80% interval, the chance of reaching the
    target, status and the gap per day to close."""
    settings = get_settings()
    defaults = Thresholds.of(settings)
    thresholds = Thresholds(
        on_track if on_track is not None else defaults.on_track,
        at_risk if at_risk is not None else defaults.at_risk,
    )
    if thresholds.at_risk > thresholds.on_track:
        raise UserError("--at-risk must not be above --on-track")
    progress = objectives_progress(
        name,
        today=parse_day(today, "--today") if today else None,
        workspace=workspace,
        settings=settings,
        thresholds=thresholds,
    )
    if fmt is Format.table:
        emit(
            [_status_row(p) for p in progress],
            fmt,
            title=f"Objectives of workspace {workspace}",
            empty="no objectives yet: create one with `mpm objective add NAME --kpi KPI "
            "--target N --from DATE --to DATE`",
        )
        return
    emit([asdict(p) for p in progress], fmt)


@app.command("review")
def review(
    name: Annotated[
        str | None, typer.Argument(help="Objective to review; without it, list those due.")
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", help="What you saw and what happens next.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who reviewed.")] = None,
    today: TodayOption = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Record a review of an objective (its progress is kept with the note), or list the
    objectives due for review by their cadence."""
    settings = get_settings()
    day = parse_day(today, "--today") if today else None
    if name is None:
        due = due_reviews(today=day, workspace=workspace, settings=settings)
        emit(
            [asdict(d) for d in due],
            fmt,
            title="Objectives due for review",
            empty="no objective is due for review",
        )
        return
    if note is None:
        raise UserError(f'add --note "..." to review {name!r} (what you saw, what happens next)')
    recorded = add_review(
        name, note, reviewer=by, today=day, workspace=workspace, settings=settings
    )
    if fmt is not Format.table:
        emit_one(asdict(recorded), fmt)
        return
    snapshot = recorded.snapshot
    chance = snapshot.get("probability")
    typer.echo(
        f"review of {name!r} recorded: {str(snapshot.get('status')).replace('_', ' ')}"
        + (f", {chance:.0%} chance of reaching the target" if chance is not None else "")
    )


@app.command("update")
def update(
    name: Annotated[str, typer.Argument(help="Objective name.")],
    reason: Annotated[str, typer.Option("--reason", help="Why: goes to the decision log.")],
    target: Annotated[float | None, typer.Option("--target", help="New target.")] = None,
    end: Annotated[str | None, typer.Option("--to", help="New last day, YYYY-MM-DD.")] = None,
    owner: Annotated[str | None, typer.Option("--owner", help="New owner.")] = None,
    cadence: Annotated[Cadence | None, typer.Option("--cadence", help="Review cadence.")] = None,
    evidence: Annotated[
        str | None, typer.Option("--evidence", help="What the decision rests on.")
    ] = None,
    by: Annotated[str | None, typer.Option("--by", help="Who decided.")] = None,
    workspace: WorkspaceOption = "default",
    fmt: FormatOption = Format.table,
) -> None:
    """Change an objective; the change, its reason and evidence go to the decision log."""
    objective, decision = update_objective(
        name,
        reason=reason,
        target=target,
        end=parse_day(end, "--to") if end else None,
        owner=owner,
        cadence=cadence.value if cadence else None,
        evidence=evidence,
        who=by,
        workspace=workspace,
        settings=get_settings(),
    )
    if fmt is not Format.table:
        emit_one({**_record(objective), "decision": asdict(decision)}, fmt)
        return
    typer.echo(f"objective {name!r} updated: {decision.what} (decision #{decision.id})")
