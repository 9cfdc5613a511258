"""Numbers as the workspace's readers write them, sparklines, and the order of what needs
attention on the overview (pure functions)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from mpm.app.pages.formatting import change, day, kpi_value
from mpm.app.pages.overview import attention
from mpm.app.pages.sparkline import sparkline


@pytest.mark.parametrize(
    ("value", "unit", "currency", "locale", "compact", "shown"),
    [
        (1234567.891, "currency", "EUR", "en_US", False, "€1,234,568"),
        (1234567.891, "currency", "EUR", "de_DE", False, "1.234.568\xa0€"),
        (12.5, "currency", "EUR", "de_DE", False, "12,50\xa0€"),
        (-2500, "currency", "USD", "en_US", False, "-$2,500"),
        (1234567, "currency", "USD", "en_US", True, "$1.2M"),
        (0.009672, "percent", "USD", "en_US", False, "0.97%"),
        (0.0345, "percent", "USD", "fr_FR", False, "3,45\xa0%"),
        (8.7305, "ratio", "USD", "en_US", False, "8.73×"),
        (125, "seconds", "USD", "en_US", False, "2:05"),
        (1917.33, "count", "USD", "en_US", False, "1,917"),
        (354749, "count", "USD", "en_US", True, "354.7K"),
        (None, "count", "USD", "en_US", False, "—"),
        (float("nan"), "currency", "USD", "en_US", False, "—"),
    ],
)
def test_kpi_values_are_written_in_the_unit_currency_and_locale(
    value: float | None, unit: str, currency: str, locale: str, compact: bool, shown: str
) -> None:
    assert kpi_value(value, unit, currency, locale, compact=compact) == shown


def test_changes_carry_their_sign_and_dates_the_locales_form() -> None:
    assert change(0.123) == "+12.3%"
    assert change(-0.04) == "−4.0%"
    assert change(0) == "±0.0%"
    assert change(None) == "—"
    assert day("2026-12-04") == "Dec 4, 2026"
    assert day(date(2026, 12, 4), "de_DE") == "04.12.2026"


def test_a_sparkline_scales_to_its_range_and_breaks_at_gaps() -> None:
    svg = str(sparkline([1.0, 3.0, None, 2.0, 5.0], label="Spend <daily>"))
    assert svg.count("<polyline") == 2  # the gap splits the line
    assert 'aria-label="Spend &lt;daily&gt;"' in svg
    assert str(sparkline([None, 4.0], label="x")) == ""  # one point is no line


@dataclass
class _Progress:
    name: str
    status: str
    probability: float | None


@dataclass
class _Line:
    ref: str


@dataclass
class _Budget:
    line: _Line
    flag: str


@dataclass
class _Activity:
    title: str
    due: date
    owner: str | None


def test_attention_puts_off_track_first_then_at_risk_budgets_and_the_oldest_overdue() -> None:
    items = attention(
        [
            _Progress("Leads", "at_risk", 0.4),
            _Progress("Revenue", "off_track", 0.0),
            _Progress("CPA", "on_track", 0.9),
        ],
        [
            _Budget(_Line("2026-Q4:Display"), "over_pace"),
            _Budget(_Line("2026-Q4:Video"), "on_plan"),
        ],
        [_Activity("B", date(2026, 12, 2), None), _Activity("A", date(2026, 11, 15), "x@y.z")],
        lambda path: f"/w/acme/{path}",
    )
    assert [i.text for i in items] == [
        "Revenue is off track: 0% chance of reaching the target",
        "Leads is at risk: 40% chance of reaching the target",
        "Budget 2026-Q4:Display is spending ahead of plan",
        "“A” was due Nov 15 (x@y.z)",
        "“B” was due Dec 2 (no owner)",
    ]
