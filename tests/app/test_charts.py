"""Chart specs of the pages: valid Vega-Lite (checked by Altair's schema and compiled by
vl-convert), numbers in the workspace locale and currency, units on the axes, and notes on
their dates."""

from __future__ import annotations

from datetime import date
from typing import Any

import altair as alt
import pandas as pd
import pytest
import vl_convert

from mpm.app.pages import charts
from mpm.explore import Annotation

NOTE = Annotation(1, date(2026, 2, 1), "Price change", None, None, pd.Timestamp(2026, 2, 1))


def monthly() -> pd.DataFrame:
    periods = [date(2026, m, 1).isoformat() for m in (1, 2, 3)]
    return pd.DataFrame(
        {
            "period": periods * 2,
            "channel": ["Email"] * 3 + ["Paid Search"] * 3,
            "revenue": [100.0, 120.0, 90.0, 300.0, 310.0, 280.0],
            "ctr": [0.01, 0.012, 0.011, 0.02, 0.021, 0.019],
        }
    )


def valid(spec: dict[str, Any]) -> dict[str, Any]:
    kind = alt.LayerChart if "layer" in spec else alt.Chart
    kind.from_dict(spec)  # raises on a spec outside the Vega-Lite schema
    return dict(vl_convert.vegalite_to_vega(spec))


@pytest.mark.parametrize(
    ("locale", "currency", "decimal", "thousands", "sign"),
    [
        ("en_US", "USD", ".", ",", ["$", ""]),
        ("de_DE", "EUR", ",", ".", ["", "\u00a0€"]),
        ("fr_FR", "EUR", ",", "\u202f", ["", "\u00a0€"]),
        ("en_GB", "GBP", ".", ",", ["£", ""]),
    ],
)
def test_the_number_locale_is_cldrs(
    locale: str, currency: str, decimal: str, thousands: str, sign: list[str]
) -> None:
    number = charts.number_locale(locale, currency)
    assert (number["decimal"], number["thousands"], number["currency"]) == (
        decimal,
        thousands,
        sign,
    )


def test_a_trend_has_units_a_line_per_value_and_the_notes_on_their_dates() -> None:
    spec = charts.trend(
        monthly(),
        "revenue",
        label="Revenue",
        unit="currency",
        grain="month",
        by="channel",
        title="Revenue by channel, monthly",
        currency="EUR",
        locale="de_DE",
        annotations=[NOTE, Annotation(2, date(2027, 1, 1), "Later", None, None, NOTE.created_at)],
    )
    vega = valid(spec)
    line, notes = spec["layer"][0], spec["layer"][1]
    assert line["encoding"]["y"]["title"] == "Revenue (EUR)"
    assert line["encoding"]["y"]["axis"]["format"].startswith("$")
    assert line["encoding"]["color"]["field"] == "channel"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["range"]["category"] == list(charts.PALETTE)
    note_rows = spec["datasets"][notes["data"]["name"]]
    assert note_rows == [{"day": "2026-02-01", "note": "Price change"}]  # only dates in range
    assert spec["title"] == "Revenue by channel, monthly"
    assert "signals" in vega or "marks" in vega


def test_rates_are_drawn_side_by_side_and_sums_stacked() -> None:
    common: dict[str, Any] = {"grain": "month", "by": "channel", "title": "t", "currency": "USD"}
    rates = charts.columns(monthly(), "ctr", label="CTR", unit="percent", locale="en_US", **common)
    sums = charts.columns(
        monthly(), "revenue", label="Revenue", unit="currency", locale="en_US", **common
    )
    valid(rates), valid(sums)
    assert "xOffset" in rates["encoding"] and rates["encoding"]["y"]["stack"] is None
    assert "xOffset" not in sums["encoding"] and sums["encoding"]["y"]["stack"] == "zero"
    assert rates["encoding"]["y"]["title"] == "CTR (%)"


def test_bars_rank_the_values_of_a_dimension() -> None:
    frame = monthly().groupby("channel", as_index=False)["revenue"].sum()
    spec = charts.bars(
        frame,
        "revenue",
        label="Revenue",
        unit="currency",
        by="channel",
        title="Revenue by channel",
        currency="USD",
        locale="en_US",
    )
    valid(spec)
    assert spec["encoding"]["y"]["sort"] == "-x"
    png = vl_convert.vegalite_to_png(spec)
    assert png.startswith(b"\x89PNG")


def test_the_rest_of_a_split_is_grey_and_no_named_value_is() -> None:
    frame = monthly()
    rest = frame[frame["channel"] == "Email"].assign(channel="other")
    frame = pd.concat([frame, rest], ignore_index=True)
    spec = valid(
        charts.trend(
            frame,
            "revenue",
            grain="month",
            by="channel",
            label="Revenue",
            unit="currency",
            title="Revenue by channel",
            currency="USD",
            locale="en_US",
        )
    )
    scale = next(s for s in spec["scales"] if s["name"] == "color")
    shades = dict(zip(scale["domain"], scale["range"], strict=True))
    assert shades["other"] == charts.GREY
    assert charts.GREY not in (shades["Email"], shades["Paid Search"])
    assert shades["Email"] != shades["Paid Search"]


def test_the_chance_history_is_drawn_from_two_known_chances() -> None:
    day = pd.Timestamp(2026, 11, 2)
    assert charts.chances([(day, 0.4)], title="t", currency="USD", locale="en_US") is None
    assert (
        charts.chances([(day, None), (day, 0.4)], title="t", currency="USD", locale="en_US") is None
    )
    spec = valid(
        charts.chances(
            [(day, 0.4), (date(2026, 11, 9), 0.55), (date(2026, 11, 16), 0.7)],
            title="Chance at each review and today",
            currency="USD",
            locale="en_US",
        )
        or {}
    )
    y = next(s for s in spec["scales"] if s["name"] == "y")
    assert y["domain"] == [0, 1]
    assert spec["data"][0]["values"][2]["chance"] == 0.7
