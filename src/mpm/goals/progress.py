"""Progress of an objective: actual to date, phased target to date, pace, a forecast to the end
of the period with its 80% interval, the probability of reaching the target, a status and the
gap to close.

Totals (revenue, conversions, leads) are forecast day by day from the KPI's own history (see
`mpm.analysis.forecast`) and added to the actual to date. Ratios (CPA, CTR, ROAS) are forecast
through their parts: each measure of the formula is simulated with the same random numbers (a
day that is busy for clicks is busy for impressions too), and the formula is evaluated on each
path's totals, so the probability is that the period's ratio — a ratio of sums — ends on the
right side of the target. Ratio and lower-is-better targets hold for the whole period (they
are not phased) and have no gap per day.
"""

from __future__ import annotations

import ast
import math
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

from mpm.analysis import simulate_totals
from mpm.config import Settings, get_settings
from mpm.goals.objectives import Objective, get_objective, list_objectives
from mpm.goals.phasing import Phasing, daily_weights, target_to_date
from mpm.metrics import Catalog, Direction, Kpi, query, workspace_catalog
from mpm.metrics.catalog import Agg
from mpm.metrics.formula import evaluate
from mpm.store import ensure_workspace, session_scope

HISTORY_DAYS = 2 * 365  # days of history behind a forecast (a year and its year before)
REPETITIONS = 2000


class Status(StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"
    ACHIEVED = "achieved"
    MISSED = "missed"


class Kind(StrEnum):
    TOTAL = "total"  # adds up over days: phased, forecast day by day
    RATIO = "ratio"  # a formula dividing totals: forecast through its parts
    LEVEL = "level"  # a stock or extreme (followers, max): no forecast


@dataclass(frozen=True)
class Thresholds:
    """Status by the probability of reaching the target."""

    on_track: float = 0.7
    at_risk: float = 0.3

    @classmethod
    def of(cls, settings: Settings) -> Thresholds:
        return cls(settings.on_track_probability, settings.at_risk_probability)

    def status(self, probability: float) -> Status:
        if probability >= self.on_track:
            return Status.ON_TRACK
        if probability >= self.at_risk:
            return Status.AT_RISK
        return Status.OFF_TRACK


@dataclass(frozen=True)
class Progress:
    name: str
    kpi: str
    kind: str
    higher_is_better: bool
    start: date
    end: date
    as_of: date | None  # last complete day counted (None before the period starts)
    days_left: int
    target: float
    target_to_date: float | None
    actual: float | None
    pace: float | None  # actual / target to date
    forecast: float | None  # expected value at the end of the period
    forecast_low: float | None  # 80% interval
    forecast_high: float | None
    probability: float | None  # of reaching the target (0–1)
    status: str
    gap_per_day: float | None  # per day, beyond the forecast run rate, to reach the target
    required_per_day: float | None  # per day from now on to reach the target
    method: str


def kind_of(catalog: Catalog, kpi: Kpi) -> Kind:
    """TOTAL if the KPI adds up over days, RATIO if its formula divides or multiplies KPIs,
    LEVEL for stocks and extremes."""
    if kpi.measure is not None:
        additive = kpi.measure.agg in (Agg.SUM, Agg.COUNT, Agg.COUNT_DISTINCT)
        return Kind.TOTAL if additive else Kind.LEVEL
    assert kpi.formula is not None
    kinds = {kind_of(catalog, catalog.get(name)) for name in kpi.formula.names}
    if Kind.LEVEL in kinds:
        return Kind.LEVEL
    linear = all(
        not isinstance(node, ast.BinOp)
        or isinstance(node.op, ast.Add | ast.Sub)
        or (isinstance(node.op, ast.Mult) and _constant(node.left, node.right))
        for node in ast.walk(kpi.formula.tree)
    )
    return Kind.TOTAL if linear and kinds == {Kind.TOTAL} else Kind.RATIO


def _constant(*nodes: ast.expr) -> bool:
    return any(isinstance(n, ast.Constant) for n in nodes)


def _leaves(catalog: Catalog, kpi: Kpi) -> list[str]:
    """The measure KPIs the formula reads (not those used only to allocate costs)."""
    if kpi.measure is not None:
        return [kpi.name]
    assert kpi.formula is not None
    out: dict[str, None] = {}
    for name in kpi.formula.names:
        out.update(dict.fromkeys(_leaves(catalog, catalog.get(name))))
    return list(out)


def _value(catalog: Catalog, kpi: Kpi, totals: Mapping[str, Any]) -> Any:
    """The KPI evaluated on totals of its measures (numbers or arrays); x / 0 is undefined."""
    if kpi.measure is not None:
        return totals[kpi.name]
    assert kpi.formula is not None

    def divide(a: Any, b: Any) -> Any:
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(np.asarray(b) != 0, np.asarray(a, float) / np.asarray(b, float), np.nan)

    return evaluate(kpi.formula, lambda name: _value(catalog, catalog.get(name), totals), divide)


def _number(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return value if math.isfinite(value) else None


def _daily(frame: Any, columns: list[str], first: date, last: date) -> dict[str, np.ndarray]:
    """Daily values from `first` to `last` (missing days as 0), one array per column."""
    days = (last - first).days + 1
    out = {c: np.zeros(max(days, 0)) for c in columns}
    if days <= 0 or frame.empty:
        return out
    offsets = np.array(
        [(d.date() if isinstance(d, datetime) else d) - first for d in frame["period"]]
    )
    index = np.array([o.days for o in offsets])
    for c in columns:
        values = np.nan_to_num(frame[c].to_numpy(dtype=float))
        out[c][index] = values
    return out


def _daily_history(
    leaves: list[str],
    first: date,
    last: date,
    where: list[str],
    workspace: str,
    settings: Settings,
) -> dict[str, np.ndarray]:
    """Each of `leaves` per day from `first` to `last`; empty without leaves or days."""
    if not leaves or last < first:
        return {}
    frame = query(
        leaves,
        grain="day",
        start=first,
        end=last,
        where=where,
        workspace=workspace,
        settings=settings,
    )
    return _daily(frame, leaves, first, last)


def _weights(
    objective: Objective,
    catalog: Catalog,
    kpi: Kpi,
    daily: dict[str, np.ndarray],
    history_start: date,
) -> dict[date, float]:
    """The share of a total's target on each day of its period, by its phasing."""
    series = daily.get(kpi.name)
    if series is None:  # a total formula (spend + other costs): add its measures' days
        series = np.asarray(_value(catalog, kpi, daily), dtype=float)
    history = {history_start + timedelta(days=i): float(v) for i, v in enumerate(series)}
    return daily_weights(
        objective.start,
        objective.end,
        Phasing(objective.phasing),
        history=history,
        monthly=objective.monthly_targets,
    )


def objective_progress(
    objective: Objective,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
    thresholds: Thresholds | None = None,
) -> Progress:
    """Where an objective stands on `today` (default: today in the workspace's time zone),
    counting complete days only."""
    settings = settings or get_settings()
    thresholds = thresholds or Thresholds.of(settings)
    if today is None:
        with session_scope(settings.app_database_url) as session:
            tz = ensure_workspace(session, workspace).timezone
        today = datetime.now(ZoneInfo(tz)).date()
    catalog = workspace_catalog(settings, workspace)
    kpi = catalog.get(objective.kpi)
    kind = kind_of(catalog, kpi)
    higher = kpi.direction is not Direction.LOWER
    start, end, target = objective.start, objective.end, objective.target
    last_day = min(today - timedelta(days=1), end)  # last complete day inside the period
    as_of = last_day if last_day >= start else None
    days_left = (end - max(last_day, start - timedelta(days=1))).days
    where = list(objective.filters)

    actual = None
    if as_of is not None:
        frame = query(
            kpi.name, start=start, end=as_of, where=where, workspace=workspace, settings=settings
        )
        actual = _number(frame[kpi.name].iloc[0]) if not frame.empty else None
        if actual is None and kind is Kind.TOTAL:
            actual = 0.0

    # daily history: for the forecast (up to the last complete day) and seasonal phasing
    leaves = _leaves(catalog, kpi) if kind is not Kind.LEVEL else []
    history_end = last_day
    history_start = min(start - timedelta(days=364), history_end - timedelta(days=HISTORY_DAYS - 1))
    daily = _daily_history(leaves, history_start, history_end, where, workspace, settings)

    phased = kind is Kind.TOTAL and higher
    if phased:
        weights = _weights(objective, catalog, kpi, daily, history_start)
        to_date = target_to_date(target, weights, last_day)
    else:
        to_date = target
    pace = actual / to_date if actual is not None and to_date else None

    forecast = low = high = probability = None
    method = "no forecast for a stock or extreme (only the actual is compared)"
    period_over = days_left == 0
    if kind is not Kind.LEVEL:
        seed = zlib.crc32(objective.name.encode())
        horizon = (end - last_day).days
        skip = horizon - days_left  # days before the period starts
        so_far = {
            leaf: float(values[len(values) - (last_day - start).days - 1 :].sum())
            if as_of is not None
            else 0.0
            for leaf, values in daily.items()
        }
        paths: dict[str, Any] = {}
        methods = set()
        for leaf in leaves:
            if period_over:
                paths[leaf] = np.full(1, so_far[leaf])
                continue
            simulated = simulate_totals(
                daily[leaf][-HISTORY_DAYS:], horizon, repetitions=REPETITIONS, seed=seed, skip=skip
            )
            paths[leaf] = so_far[leaf] + simulated.totals
            methods.add(simulated.method.split(", spread")[0])
        finals = np.asarray(_value(catalog, kpi, paths), dtype=float)
        if kind is Kind.TOTAL and actual is not None:
            # the exact actual (distinct counts, allocations) plus the simulated rest
            finals = finals - float(_value(catalog, kpi, so_far)) + actual
        finals = finals[np.isfinite(finals)]
        if finals.size:
            forecast = float(finals.mean() if kind is Kind.TOTAL else np.median(finals))
            low, high = (float(q) for q in np.quantile(finals, (0.1, 0.9)))
            reached = finals >= target if higher else finals <= target
            probability = float(reached.mean())
        method = "; ".join(sorted(methods)) or "the period is over"
        if kind is Kind.RATIO and methods:
            method += " per measure, ratio of the simulated sums"

    if period_over:
        forecast = low = high = actual
        met = actual is not None and (actual >= target if higher else actual <= target)
        status = Status.ACHIEVED if met else Status.MISSED
        probability = 1.0 if met else 0.0
    elif kind is Kind.TOTAL and higher and actual is not None and actual >= target:
        status = Status.ACHIEVED
    elif probability is not None:
        status = thresholds.status(probability)
    else:  # a stock: judged by its pace
        status = (
            Status.ON_TRACK
            if pace is not None and (pace >= 1 if higher else pace <= 1)
            else Status.AT_RISK
        )

    gap = required = None
    if phased and days_left > 0:
        required = max(target - (actual or 0.0), 0.0) / days_left
        if forecast is not None:
            gap = max(target - forecast, 0.0) / days_left
    return Progress(
        name=objective.name,
        kpi=kpi.name,
        kind=kind.value,
        higher_is_better=higher,
        start=start,
        end=end,
        as_of=as_of,
        days_left=days_left,
        target=target,
        target_to_date=to_date,
        actual=actual,
        pace=pace,
        forecast=forecast,
        forecast_low=low,
        forecast_high=high,
        probability=probability,
        status=status.value,
        gap_per_day=gap,
        required_per_day=required,
        method=method,
    )


def objectives_progress(
    name: str | None = None,
    *,
    today: date | None = None,
    workspace: str = "default",
    settings: Settings | None = None,
    thresholds: Thresholds | None = None,
) -> list[Progress]:
    """Progress of one objective (by name) or of every objective of the workspace."""
    settings = settings or get_settings()
    objectives = (
        [get_objective(name, workspace=workspace, settings=settings)]
        if name is not None
        else list_objectives(workspace=workspace, settings=settings)
    )
    return [
        objective_progress(
            o, today=today, workspace=workspace, settings=settings, thresholds=thresholds
        )
        for o in objectives
    ]


@dataclass(frozen=True)
class Trajectory:
    """An objective day by day: the KPI from the start of the period to each day (a running
    total, or the ratio of the running sums) and the target to each day (phased for totals
    where more is better, the target itself otherwise)."""

    days: list[date]
    actual: list[float | None]  # None after the last complete day
    target: list[float]


def objective_trajectory(
    objective: Objective,
    *,
    today: date,
    workspace: str = "default",
    settings: Settings | None = None,
) -> Trajectory:
    """The path of an objective's KPI against its target, for charts."""
    settings = settings or get_settings()
    catalog = workspace_catalog(settings, workspace)
    kpi = catalog.get(objective.kpi)
    kind = kind_of(catalog, kpi)
    start, end = objective.start, objective.end
    days = [start + timedelta(days=i) for i in range((end - start).days + 1)]
    last_day = min(today - timedelta(days=1), end)
    counted = max((last_day - start).days + 1, 0)
    where = list(objective.filters)
    history_start = start - timedelta(days=364)
    leaves = _leaves(catalog, kpi) if kind is not Kind.LEVEL else [kpi.name]
    daily = _daily_history(leaves, history_start, last_day, where, workspace, settings)
    offset = (start - history_start).days
    actual: list[float | None] = [None] * len(days)
    if counted and daily:
        if kind is Kind.LEVEL:
            values = daily[kpi.name][offset : offset + counted]
        else:
            running = {k: np.cumsum(v[offset : offset + counted]) for k, v in daily.items()}
            values = np.asarray(_value(catalog, kpi, running), dtype=float)
        actual[:counted] = [float(v) if np.isfinite(v) else None for v in values]
    if kind is Kind.TOTAL and kpi.direction is not Direction.LOWER:
        if not daily:
            daily = {leaf: np.zeros(365) for leaf in leaves}
        weights = _weights(objective, catalog, kpi, daily, history_start)
        shares = np.cumsum([weights.get(d, 0.0) for d in days])
        target = [float(objective.target * share) for share in shares]
    else:
        target = [float(objective.target)] * len(days)
    return Trajectory(days, actual, target)
