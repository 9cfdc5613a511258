"""Numbers, money, rates and dates as a reader of the workspace expects them: in its base
currency and locale (Babel's CLDR data), with the unit of the KPI. Babel takes tens of
microseconds a number, and pages write the same numbers again and again (a table of 500 rows,
every request of a dashboard), so each written form is kept (LRU)."""

from __future__ import annotations

import math
from datetime import date, datetime
from functools import cache, lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.numbers import (
    format_compact_currency,
    format_compact_decimal,
    format_currency,
    format_decimal,
    format_percent,
)

DEFAULT_LOCALE = "en_US"


def _finite(value: Any) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def kpi_value(
    value: Any, unit: str, currency: str, locale: str = DEFAULT_LOCALE, *, compact: bool = False
) -> str:
    """A KPI value in its unit: money in the workspace currency, rates as percents, ratios
    (ROAS) with two decimals and an ×, seconds as m:ss; an em dash where undefined."""
    number = _finite(value)
    if number is None:
        return "—"
    return _written(number, unit, currency, locale, compact)


KEPT = 16_384  # written forms kept per kind


@lru_cache(maxsize=KEPT)
def _written(number: float, unit: str, currency: str, locale: str, compact: bool) -> str:
    if unit == "currency":
        if compact and abs(number) >= 10_000:
            return format_compact_currency(number, currency, locale=locale, fraction_digits=1)
        if abs(number) >= 1000 or number == 0:  # large amounts, and nothing, read whole
            return format_currency(
                number, currency, format=_whole(locale), locale=locale, currency_digits=False
            )
        return format_currency(number, currency, locale=locale)
    if unit == "percent":
        return format_percent(number, format=_percent(locale, "0.0#"), locale=locale)
    if unit == "ratio":
        return format_decimal(number, format="#,##0.00", locale=locale) + "×"
    if unit == "seconds":
        minutes, seconds = divmod(round(number), 60)
        return f"{minutes}:{seconds:02d}"
    if compact and abs(number) >= 10_000:
        return format_compact_decimal(number, locale=locale, fraction_digits=1)
    return format_decimal(
        number, format="#,##0" if abs(number) >= 100 else "#,##0.##", locale=locale
    )


@cache
def _whole(locale: str) -> str:
    """The locale's currency pattern without decimals (large amounts read better whole)."""
    pattern = Locale.parse(locale).currency_formats["standard"].pattern
    return pattern.split(";")[0].replace(".00", "")


@cache
def _percent(locale: str, digits: str) -> str:
    """The locale's percent pattern (its spacing and sign placement) with these decimals."""
    pattern = Locale.parse(locale).percent_formats[None].pattern.split(";")[0]
    head, _, tail = pattern.rpartition("0")
    return f"{head}{digits}{tail}"


def money(value: Any, currency: str, locale: str = DEFAULT_LOCALE) -> str:
    return kpi_value(value, "currency", currency, locale)


def change(value: Any, locale: str = DEFAULT_LOCALE) -> str:
    """A relative change with its sign: +12.3%, −4.0%."""
    number = _finite(value)
    if number is None:
        return "—"
    return _written_change(number, locale)


@lru_cache(maxsize=KEPT)
def _written_change(number: float, locale: str) -> str:
    text = format_percent(abs(number), format=_percent(locale, "0.0"), locale=locale)
    return ("+" if number > 0 else "−" if number < 0 else "±") + text


def day(value: date | datetime | str | None, locale: str = DEFAULT_LOCALE) -> str:
    """A date the way the locale writes it short: Dec 4, 2026."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return _written_date(value, "medium", locale)


@lru_cache(maxsize=KEPT)
def _written_date(value: date, pattern: str, locale: str) -> str:
    return format_date(value, format=pattern, locale=locale)


PERIOD_PATTERNS = {"month": "MMM y", "quarter": "QQQ y", "year": "y"}  # CLDR skeletons


def period(value: date | datetime | str | None, grain: str, locale: str = DEFAULT_LOCALE) -> str:
    """The period starting on `value` at `grain`: Jul 2026, Q3 2026, 2026; a day (or the
    first day of a week) as `day` writes it."""
    pattern = PERIOD_PATTERNS.get(grain)
    if pattern is None or value is None or value == "":
        return day(value, locale)
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    if isinstance(value, datetime):
        value = value.date()
    return _written_date(value, pattern, locale)
