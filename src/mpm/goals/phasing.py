"""Phasing a period target over its days, so "target to date" means something on any day.

Evenly; by last year's seasonality (the same weekday 52 weeks earlier, so weekly patterns line
up); or by hand, per month. Ratio and lower-is-better KPIs are not phased: their target holds
for the whole period.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from mpm.errors import UserError


class Phasing(StrEnum):
    EVEN = "even"
    SEASONAL = "seasonal"  # by last year's daily values
    MONTHLY = "monthly"  # by hand: a target per month


def days_of(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def daily_weights(
    start: date,
    end: date,
    phasing: Phasing,
    *,
    history: Mapping[date, float] | None = None,
    monthly: Mapping[str, float] | None = None,
) -> dict[date, float]:
    """The share of the period target that falls on each day (shares sum to 1).

    SEASONAL uses `history` (daily values of the KPI) 364 days earlier and falls back to EVEN
    where last year has no data; MONTHLY takes `monthly` ("YYYY-MM" → amount), spread evenly
    over the month's days in the period.
    """
    days = days_of(start, end)
    if phasing is Phasing.EVEN:
        return dict.fromkeys(days, 1 / len(days))
    if phasing is Phasing.SEASONAL:
        past = [max((history or {}).get(d - timedelta(days=364), 0.0), 0.0) for d in days]
        total = sum(past)
        if total <= 0 or not math.isfinite(total):
            return dict.fromkeys(days, 1 / len(days))
        return {d: v / total for d, v in zip(days, past, strict=True)}
    amounts = dict(monthly or {})
    months = sorted({d.strftime("%Y-%m") for d in days})
    missing = [m for m in months if m not in amounts]
    extra = [m for m in amounts if m not in months]
    if missing or extra:
        raise UserError(
            "monthly phasing needs an amount for each month of the period "
            f"({', '.join(months)})" + (f"; not in the period: {', '.join(extra)}" if extra else "")
        )
    if any(a < 0 or not math.isfinite(a) for a in amounts.values()):
        raise UserError("monthly amounts must be numbers of at least 0")
    total = sum(amounts.values())
    if total <= 0:
        raise UserError("monthly amounts add up to 0")
    per_month_days: dict[str, int] = {}
    for d in days:
        key = d.strftime("%Y-%m")
        per_month_days[key] = per_month_days.get(key, 0) + 1
    return {
        d: amounts[d.strftime("%Y-%m")] / per_month_days[d.strftime("%Y-%m")] / total for d in days
    }


def target_to_date(target: float, weights: Mapping[date, float], day: date) -> float:
    """The part of `target` phased on or before `day` (0 before the period, all of it after)."""
    return target * math.fsum(w for d, w in weights.items() if d <= day)
