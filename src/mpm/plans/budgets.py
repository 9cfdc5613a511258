"""Budget lines: money planned and committed per period × channel (× campaign), the actual
marketing cost against it, pacing and a projection to the period's end, and reallocations
between lines, each written with its decision-log entry in one transaction.

Periods are calendar years, quarters and months ("2026", "2026-Q1", "2026-03"). Amounts are in
the workspace's base currency, rounded to the cent. The actual of a line is the `marketing_cost`
KPI (media spend plus other marketing costs; costs without a channel are shared by spend) for
its channel (and campaign) from the period's first day to the last complete day (yesterday).
Formulas, flags and thresholds are explained in docs/plans.md.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from difflib import get_close_matches
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import pandas as pd
from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.config import Settings, get_settings
from mpm.errors import NotFound, UserError
from mpm.goals.decisions import now, record_decision
from mpm.ingest import workspace_paths
from mpm.metrics import query
from mpm.model.channels import load_grouping
from mpm.store import ensure_workspace, session_scope
from mpm.store.models import BudgetLineRow, ReallocationRow

OVER_PACE = 1.05
"""Projected spend above planned × this is over pace."""
UNDER_PACE = 0.90
"""Projected spend below planned × this is under pace ..."""
UNDER_PACE_AFTER = 0.10
"""... once at least this share of the period has elapsed (earlier, a slow start is normal)."""
RUN_RATE_DAYS = 14
"""Media spend per day is taken over this many last complete days (fewer early in a period)."""
COST_MONTHS = 3
"""Other costs per month are the average of this many complete calendar months before this one."""

CENT = Decimal("0.01")
MAX_AMOUNT = 1e15  # a quadrillion: beyond any budget, within what cents can hold exactly
SCOPE = ("channel", "campaign")  # the dimensions actuals are fetched by


class Flag(StrEnum):
    """The state of a line, the first that applies in this order."""

    OVERSPENT = "overspent"  # actual > planned
    OVER_PACE = "over_pace"  # projected > planned × OVER_PACE
    UNDER_PACE = "under_pace"  # projected < planned × UNDER_PACE, after UNDER_PACE_AFTER
    OVER_COMMITTED = "over_committed"  # committed > planned
    ON_PLAN = "on_plan"


@dataclass(frozen=True)
class Period:
    """A calendar year, quarter or month: its label and first and last day."""

    label: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class BudgetLine:
    """Money planned and committed (orders signed, insertion orders) for a channel, or one of
    its campaigns, over a period; amounts in the base currency."""

    id: int
    period: str
    start: date
    end: date
    channel: str
    campaign: str | None  # None: the whole channel
    planned: float
    committed: float
    currency: str  # the workspace's base currency
    note: str | None
    created_at: datetime
    updated_at: datetime

    @property
    def ref(self) -> str:
        return line_ref(self.period, self.channel, self.campaign)


def line_ref(period: str, channel: str, campaign: str | None) -> str:
    """How people name a budget line: PERIOD:CHANNEL[:CAMPAIGN]."""
    return f"{period}:{channel}" + (f":{campaign}" if campaign else "")


@dataclass(frozen=True)
class BudgetSet:
    """The outcome of `set_budget`: the line, whether it is new, the decision it was logged as
    (None when the planned amount did not change)."""

    line: BudgetLine
    created: bool
    previous_planned: float | None
    decision_id: int | None


@dataclass(frozen=True)
class Spending:
    """What the warehouse says about a line's scope, in the base currency."""

    actual: float = 0.0  # marketing cost from the period's start to the last complete day
    media_per_day: float = 0.0  # media spend per day over the last RUN_RATE_DAYS complete days
    other_per_month: float = 0.0  # other costs per month over the last COST_MONTHS months


@dataclass(frozen=True)
class BudgetStatus:
    """A line against its actual spend; None where a number is not defined yet."""

    line: BudgetLine
    actual: float
    actual_to: date | None  # the last day the actual covers; None before the period starts
    variance: float  # actual − planned: positive is overspent
    remaining: float  # planned − actual
    available: float  # planned − max(committed, actual): what may be moved to another line
    elapsed: float  # share of the period's days that are complete, 0..1
    pacing: float | None  # actual / (planned × elapsed); None before the start or if planned 0
    projected: float | None  # expected spend at the period's end; None before the start
    flag: Flag


@dataclass(frozen=True)
class Reallocation:
    """Money moved from one line to another, with the planned amounts before and after."""

    id: int
    from_line: str
    to_line: str
    amount: float
    from_before: float
    from_after: float
    to_before: float
    to_after: float
    currency: str
    decision_id: int
    moved_at: datetime


# --- periods and amounts -------------------------------------------------------------------

PERIOD_TEXT = re.compile(r"^(\d{4})(?:-(?:[Qq](\d)|(\d{1,2})))?$")
PERIOD_HELP = "use a year (2026), a quarter (2026-Q1) or a month (2026-03)"


def parse_period(text: str) -> Period:
    """A calendar period from "YYYY", "YYYY-Qn" or "YYYY-MM"."""
    match = PERIOD_TEXT.match(text.strip())
    if match is None:
        raise UserError(f"period {text!r}: {PERIOD_HELP}")
    year = int(match[1])
    if not 1900 <= year <= 2999:
        raise UserError(f"period {text!r}: the year {year} is out of range")
    if match[2] is not None:
        quarter = int(match[2])
        if not 1 <= quarter <= 4:
            raise UserError(f"period {text!r}: a quarter is Q1 to Q4")
        start = date(year, 3 * quarter - 2, 1)
        return Period(f"{year}-Q{quarter}", start, start + relativedelta(months=3, days=-1))
    if match[3] is not None:
        month = int(match[3])
        if not 1 <= month <= 12:
            raise UserError(f"period {text!r}: a month is 01 to 12")
        start = date(year, month, 1)
        return Period(f"{year}-{month:02d}", start, start + relativedelta(months=1, days=-1))
    return Period(str(year), date(year, 1, 1), date(year, 12, 31))


def _cents(value: float | Decimal, what: str) -> Decimal:
    """An amount rounded to the cent; refused unless finite and not negative."""
    if isinstance(value, float) and not math.isfinite(value):
        raise UserError(f"{what} must be a number, not {value}")
    if abs(value) >= MAX_AMOUNT:
        raise UserError(f"{what} is too large ({value:,.0f}): amounts stay below {MAX_AMOUNT:,.0f}")
    amount = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    if amount < 0:
        raise UserError(f"{what} cannot be negative ({money(float(value))})")
    return amount


def money(value: float | Decimal, currency: str = "") -> str:
    """An amount for a sentence: 12,000.00 USD."""
    return f"{value:,.2f}" + (f" {currency}" if currency else "")


# --- arithmetic (pure) ---------------------------------------------------------------------


def days_elapsed(start: date, end: date, today: date) -> int:
    """Complete days of the period: its days before `today` (data reach yesterday)."""
    last = min(end, today - timedelta(days=1))
    return max(0, (last - start).days + 1)


def elapsed_share(start: date, end: date, today: date) -> float:
    """Share of the period's days that are complete, 0..1."""
    return days_elapsed(start, end, today) / ((end - start).days + 1)


def months_ahead(start: date, end: date, today: date) -> int:
    """Calendar months of the period that begin today or later (their costs are not booked)."""
    first = date(today.year, today.month, 1)
    if first < today:
        first += relativedelta(months=1)
    first = max(first, date(start.year, start.month, 1))
    if first > end:
        return 0
    return (end.year - first.year) * 12 + end.month - first.month + 1


def pacing(actual: float, planned: float, elapsed: float) -> float | None:
    """Actual over the planned amount pro rata to the elapsed share: 1 is on pace."""
    if elapsed <= 0 or planned <= 0:
        return None
    return actual / (planned * elapsed)


def project(spending: Spending, start: date, end: date, today: date) -> float | None:
    """Spend expected by the period's end: actual, plus media spend at its recent daily run
    rate for the days left, plus other costs at their recent monthly average for the months not
    yet booked (non-media costs come as monthly invoices, not daily). None before the start."""
    elapsed = days_elapsed(start, end, today)
    if elapsed == 0:
        return None
    days_left = (end - start).days + 1 - elapsed
    if days_left == 0:
        return spending.actual
    return (
        spending.actual
        + spending.media_per_day * days_left
        + spending.other_per_month * months_ahead(start, end, today)
    )


def flag(
    *, planned: float, committed: float, actual: float, projected: float | None, elapsed: float
) -> Flag:
    """The first flag that applies, in the order of `Flag`."""
    if actual > planned:
        return Flag.OVERSPENT
    if projected is not None and projected > planned * OVER_PACE:
        return Flag.OVER_PACE
    if projected is not None and elapsed >= UNDER_PACE_AFTER and projected < planned * UNDER_PACE:
        return Flag.UNDER_PACE
    if committed > planned:
        return Flag.OVER_COMMITTED
    return Flag.ON_PLAN


def available(planned: float, committed: float, actual: float) -> float:
    """What may still be moved away from a line: planned less what is committed or already
    spent, whichever is larger."""
    return planned - max(committed, actual)


def line_status(line: BudgetLine, spending: Spending, today: date) -> BudgetStatus:
    """A line against its spending as of `today` (data up to the day before); amounts in
    cents."""
    actual = round(spending.actual, 2)
    elapsed = elapsed_share(line.start, line.end, today)
    projected = project(spending, line.start, line.end, today)
    projected = None if projected is None else round(projected, 2)
    last = min(line.end, today - timedelta(days=1))
    return BudgetStatus(
        line=line,
        actual=actual,
        actual_to=last if last >= line.start else None,
        variance=round(actual - line.planned, 2),
        remaining=round(line.planned - actual, 2),
        available=round(available(line.planned, line.committed, actual), 2),
        elapsed=elapsed,
        pacing=pacing(actual, line.planned, elapsed),
        projected=projected,
        flag=flag(
            planned=line.planned,
            committed=line.committed,
            actual=actual,
            projected=projected,
            elapsed=elapsed,
        ),
    )


# --- actuals from the warehouse --------------------------------------------------------------


def _in_scope(frame: pd.DataFrame, line: BudgetLine, column: str) -> float:
    if frame.empty:
        return 0.0
    rows = frame["channel"] == line.channel
    if line.campaign is not None:
        rows &= frame["campaign"] == line.campaign
    return float(frame.loc[rows, column].fillna(0.0).sum())


def _spending(
    lines: Sequence[BudgetLine],
    today: date,
    *,
    projections: bool,
    workspace: str,
    settings: Settings,
) -> dict[int, Spending]:
    """Spending of each line by id: one query per period for the actuals (by channel and
    campaign, so shared costs are spread as `mpm kpi marketing_cost --by channel` spreads
    them); with `projections`, one per run-rate window and one for the other costs."""
    yesterday = today - timedelta(days=1)
    started = [line for line in lines if line.start <= yesterday]
    result = {line.id: Spending() for line in lines}

    def frame(kpi: str, start: date, end: date) -> pd.DataFrame:
        return query(kpi, by=SCOPE, start=start, end=end, workspace=workspace, settings=settings)

    actuals = {
        (start, end): frame("marketing_cost", start, min(end, yesterday))
        for start, end in {(line.start, line.end) for line in started}
    }
    running = [line for line in started if line.end > yesterday] if projections else []
    windows = {
        line.id: max(line.start, yesterday - timedelta(days=RUN_RATE_DAYS - 1)) for line in running
    }
    media = {start: frame("spend", start, yesterday) for start in set(windows.values())}
    month = date(today.year, today.month, 1)
    other = (
        frame("other_costs", month - relativedelta(months=COST_MONTHS), month - timedelta(days=1))
        if any(months_ahead(line.start, line.end, today) for line in running)
        else pd.DataFrame()
    )
    for line in started:
        actual = _in_scope(actuals[(line.start, line.end)], line, "marketing_cost")
        if line.id not in windows:
            result[line.id] = Spending(actual=actual)
            continue
        window = windows[line.id]
        result[line.id] = Spending(
            actual=actual,
            media_per_day=_in_scope(media[window], line, "spend") / ((yesterday - window).days + 1),
            other_per_month=_in_scope(other, line, "other_costs") / COST_MONTHS,
        )
    return result


# --- budget lines in the app database ------------------------------------------------------


def _line(row: BudgetLineRow, currency: str) -> BudgetLine:
    return BudgetLine(
        id=row.id,
        period=row.period,
        start=row.start_date,
        end=row.end_date,
        channel=row.channel,
        campaign=row.campaign or None,
        planned=row.planned,
        committed=row.committed,
        currency=currency,
        note=row.note,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _channel(text: str, *, workspace: str, settings: Settings) -> str:
    """The conformed channel name (aliases and any letter case accepted)."""
    grouping = load_grouping(workspace_paths(settings, workspace)[1])
    name = grouping.conform(text)
    if name is not None:
        return name
    by_lower = {c.lower(): c for c in grouping.channels}
    close = [by_lower[c] for c in get_close_matches(text.strip().lower(), list(by_lower), n=3)]
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UserError(
        f"unknown channel {text!r}{hint} Channels: {', '.join(grouping.channels)} "
        "(a workspace adds its own in channels.yml)"
    )


def _today(timezone: str) -> date:
    return datetime.now(ZoneInfo(timezone)).date()


def _rows(session: Session, workspace_id: int, period: Period | None) -> list[BudgetLineRow]:
    statement = select(BudgetLineRow).where(BudgetLineRow.workspace_id == workspace_id)
    if period is not None:
        statement = statement.where(
            BudgetLineRow.start_date >= period.start, BudgetLineRow.end_date <= period.end
        )
    return list(
        session.scalars(
            statement.order_by(
                BudgetLineRow.start_date,
                BudgetLineRow.end_date.desc(),
                BudgetLineRow.channel,
                BudgetLineRow.campaign,
            )
        )
    )


def _by_key(
    session: Session, workspace_id: int, period: str, channel: str, campaign: str
) -> BudgetLineRow | None:
    return session.scalar(
        select(BudgetLineRow).where(
            BudgetLineRow.workspace_id == workspace_id,
            BudgetLineRow.period == period,
            BudgetLineRow.channel == channel,
            BudgetLineRow.campaign == campaign,
        )
    )


def _overlapping(
    session: Session, workspace_id: int, period: Period, channel: str, campaign: str
) -> BudgetLineRow | None:
    """A line that would count the same money as the line (period, channel, campaign): one of
    the channel overlapping in time, unless both are lines of different campaigns."""
    rows = session.scalars(
        select(BudgetLineRow).where(
            BudgetLineRow.workspace_id == workspace_id,
            BudgetLineRow.channel == channel,
            BudgetLineRow.start_date <= period.end,
            BudgetLineRow.end_date >= period.start,
        )
    )
    for row in rows:
        if row.period == period.label and row.campaign == campaign:
            continue  # the line itself
        if campaign and row.campaign and row.campaign != campaign:
            continue
        return row
    return None


def _overlap_error(new_ref: str, row: BudgetLineRow, campaign: str) -> UserError:
    ref = line_ref(row.period, row.channel, row.campaign)
    if bool(campaign) != bool(row.campaign):
        rule = (
            "a channel is planned either as a whole or by campaign in a period, never both, so "
            "its spend is not counted twice"
        )
    else:
        rule = "one line's money would be counted twice"
    return UserError(
        f"{new_ref} overlaps budget line {ref} (id {row.id}, {row.start_date} to {row.end_date}):"
        f" {rule}; change {ref} instead"
    )


def set_budget(
    period: str,
    channel: str,
    *,
    planned: float,
    committed: float | None = None,
    campaign: str | None = None,
    note: str | None = None,
    reason: str | None = None,
    who: str | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> BudgetSet:
    """Create a budget line, or change the one of the same period, channel and campaign.

    A new line and every change of a planned amount are written to the decision log; a change
    needs a `reason`. `committed` and `note` are kept when not given. Bad input (unknown period
    or channel, negative amount, a line counting money another line counts) is refused and
    nothing is written.
    """
    settings = settings or get_settings()
    span = parse_period(period)
    planned_cents = _cents(planned, "the planned amount")
    committed_cents = None if committed is None else _cents(committed, "the committed amount")
    campaign_name = (campaign or "").strip()
    if campaign is not None and not campaign_name:
        raise UserError("the campaign name is empty: leave --campaign out for a channel-wide line")
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        channel_name = _channel(channel, workspace=workspace, settings=settings)
        ref = line_ref(span.label, channel_name, campaign_name)
        conflict = _overlapping(session, ws.id, span, channel_name, campaign_name)
        if conflict is not None:
            raise _overlap_error(ref, conflict, campaign_name)
        row = _by_key(session, ws.id, span.label, channel_name, campaign_name)
        currency = ws.base_currency
        stamp = now()
        if row is None:
            row = BudgetLineRow(
                workspace_id=ws.id,
                period=span.label,
                start_date=span.start,
                end_date=span.end,
                channel=channel_name,
                campaign=campaign_name,
                planned=float(planned_cents),
                committed=float(committed_cents or 0),
                note=(note or "").strip() or None,
                created_at=stamp,
                updated_at=stamp,
            )
            session.add(row)
            session.flush()
            decision = record_decision(
                session,
                ws.id,
                subject_kind="budget",
                subject=ref,
                what=f"budget line {ref} created: planned {money(planned_cents, currency)}",
                why=(reason or "").strip() or "budget set",
                who=who,
                details={"line_id": row.id, "planned": float(planned_cents), "currency": currency},
            )
            return BudgetSet(_line(row, currency), True, None, decision.id)
        before = _cents(row.planned, "the planned amount")
        decision_id = None
        if planned_cents != before:
            if not reason or not reason.strip():
                raise UserError(
                    f"{ref} is planned at {money(before, currency)}: say why it changes to "
                    f"{money(planned_cents, currency)} with --reason (it goes to the decision log)"
                )
            decision_id = record_decision(
                session,
                ws.id,
                subject_kind="budget",
                subject=ref,
                what=f"planned {money(before)} → {money(planned_cents, currency)}",
                why=reason,
                who=who,
                details={
                    "line_id": row.id,
                    "before": float(before),
                    "after": float(planned_cents),
                    "currency": currency,
                },
            ).id
        row.planned = float(planned_cents)
        if committed_cents is not None:
            row.committed = float(committed_cents)
        if note is not None:
            row.note = note.strip() or None
        row.updated_at = stamp
        session.flush()
        return BudgetSet(_line(row, currency), False, float(before), decision_id)


def list_budgets(
    *, period: str | None = None, workspace: str = "default", settings: Settings | None = None
) -> list[BudgetLine]:
    """The budget lines of a workspace (those within `period` if given), by start and channel."""
    settings = settings or get_settings()
    span = parse_period(period) if period is not None else None
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        return [_line(r, ws.base_currency) for r in _rows(session, ws.id, span)]


def budget_status(
    *,
    period: str | None = None,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> list[BudgetStatus]:
    """Each line (within `period` if given) against its actual spend up to the day before
    `today` (by default today in the workspace's time zone)."""
    settings = settings or get_settings()
    span = parse_period(period) if period is not None else None
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        lines = [_line(r, ws.base_currency) for r in _rows(session, ws.id, span)]
    today = today or _today(ws.timezone)
    spending = _spending(lines, today, projections=True, workspace=workspace, settings=settings)
    return [line_status(line, spending[line.id], today) for line in lines]


def _find(
    session: Session, workspace_id: int, ref: str | int, *, workspace: str, settings: Settings
) -> BudgetLineRow:
    """A line by id or by PERIOD:CHANNEL[:CAMPAIGN]."""
    text = str(ref).strip()
    row: BudgetLineRow | None
    if text.isdigit():
        row = session.get(BudgetLineRow, int(text))
        if row is not None and row.workspace_id != workspace_id:
            row = None
    else:
        period_text, colon, rest = text.partition(":")
        if not colon or not rest.strip():
            raise UserError(
                f"budget line {text!r}: give its id or PERIOD:CHANNEL[:CAMPAIGN], "
                "e.g. 2026-Q1:Paid Search"
            )
        channel_text, _, campaign = rest.partition(":")
        span = parse_period(period_text)
        channel = _channel(channel_text, workspace=workspace, settings=settings)
        row = _by_key(session, workspace_id, span.label, channel, campaign.strip())
    if row is None:
        refs = [
            line_ref(r.period, r.channel, r.campaign) for r in _rows(session, workspace_id, None)
        ]
        close = get_close_matches(text, refs, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else " (see `mpm plan budget list`)"
        raise NotFound(f"no budget line {text!r} in workspace {workspace!r}{hint}")
    return row


def reallocate(
    from_line: str | int,
    to_line: str | int,
    *,
    amount: float,
    reason: str,
    evidence: str | None = None,
    who: str | None = None,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Reallocation:
    """Move planned money from one line to another: both planned amounts, the move and its
    decision are written in one transaction, so the total planned is unchanged. A line gives
    at most what is left on it: planned − max(committed, actual to date)."""
    settings = settings or get_settings()
    move = _cents(amount, "the amount to move")
    if move <= 0:
        raise UserError(f"the amount to move must be positive, not {money(amount)}")
    if not reason or not reason.strip():
        raise UserError("say why the money moves with --reason (it goes to the decision log)")
    with session_scope(settings.app_database_url) as session:
        ws = ensure_workspace(session, workspace)
        currency = ws.base_currency
        source = _line(
            _find(session, ws.id, from_line, workspace=workspace, settings=settings), currency
        )
        target = _line(
            _find(session, ws.id, to_line, workspace=workspace, settings=settings), currency
        )
    if source.id == target.id:
        raise UserError(f"{source.ref} is both the source and the destination: name two lines")
    today = today or _today(ws.timezone)
    if target.end < today:
        raise UserError(
            f"{target.ref} ended on {target.end}: money moved there could no longer be spent"
        )
    actual = _spending([source], today, projections=False, workspace=workspace, settings=settings)
    spent = _cents(actual[source.id].actual, "the actual")
    with session_scope(settings.app_database_url) as session:
        src = session.get(BudgetLineRow, source.id)
        dst = session.get(BudgetLineRow, target.id)
        if src is None or dst is None:
            raise NotFound("a budget line was deleted meanwhile; try again")
        from_before = _cents(src.planned, "the planned amount")
        to_before = _cents(dst.planned, "the planned amount")
        committed = _cents(src.committed, "the committed amount")
        left = from_before - max(committed, spent)
        why = (
            f"planned {money(from_before)} − the larger of committed {money(committed)} and "
            f"actual to date {money(spent)}"
        )
        if left <= 0:
            raise UserError(f"nothing is left to move on {source.ref} ({why})")
        if move > left:
            raise UserError(
                f"cannot move {money(move, currency)} from {source.ref}: only "
                f"{money(left, currency)} is left ({why})"
            )
        from_after, to_after = from_before - move, to_before + move
        details: dict[str, Any] = {
            "from": source.ref,
            "from_line_id": source.id,
            "to": target.ref,
            "to_line_id": target.id,
            "amount": float(move),
            "currency": currency,
            "from_before": float(from_before),
            "from_after": float(from_after),
            "to_before": float(to_before),
            "to_after": float(to_after),
        }
        decision = record_decision(
            session,
            ws.id,
            subject_kind="budget",
            subject=f"{source.ref} → {target.ref}",
            what=(
                f"moved {money(move, currency)} from {source.ref} ({money(from_before)} → "
                f"{money(from_after)}) to {target.ref} ({money(to_before)} → {money(to_after)})"
            ),
            why=reason,
            evidence=evidence,
            who=who,
            details=details,
        )
        stamp = decision.decided_at
        src.planned, dst.planned = float(from_after), float(to_after)
        src.updated_at = dst.updated_at = stamp
        row = ReallocationRow(
            workspace_id=ws.id,
            from_line_id=source.id,
            to_line_id=target.id,
            amount=float(move),
            decision_id=decision.id,
            moved_at=stamp,
        )
        session.add(row)
        session.flush()
        return Reallocation(
            id=row.id,
            from_line=source.ref,
            to_line=target.ref,
            amount=float(move),
            from_before=float(from_before),
            from_after=float(from_after),
            to_before=float(to_before),
            to_after=float(to_after),
            currency=currency,
            decision_id=decision.id,
            moved_at=stamp,
        )
