"""Charts of the pages as Vega-Lite specs built with Altair: a KPI over time (a line per
dimension value) or across a dimension (bars), with a title, axis labels in the KPI's unit,
the workspace's number locale and currency, colour-blind-safe colours and the workspace's
annotations as labelled rules on their dates."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, cast

import altair as alt
import pandas as pd
from babel import Locale
from babel.numbers import get_currency_symbol

from mpm.metrics.compiler import OTHER, PERIOD

# Okabe & Ito's palette, ordered for contrast on light and dark backgrounds
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C8C8C", "#B8A500")
GREY = "#8C8C8C"  # "other": the rest of a split, and targets
WIDTH = "container"
Y_LABEL_LIMIT = 240  # pixels
HEIGHT = 280

AXIS_FORMAT = {"currency": "$.3~s", "percent": ".1~%", "ratio": ",.2~f", "count": ".3~s"}
TIP_FORMAT = {"currency": "$,.2f", "percent": ".2%", "ratio": ",.2f", "count": ",.0f"}
UNIT_WORDS = {"percent": "%", "ratio": "×", "seconds": "seconds"}
TIME_AXIS = {  # grain -> (tick label format, tick interval)
    "day": ("%b %-d", "day"),
    "week": ("%b %-d", "week"),
    "month": ("%b %Y", "month"),
    "quarter": ("Q%q %Y", "month"),
    "year": ("%Y", "year"),
}


@cache
def number_locale(locale: str, currency: str) -> dict[str, Any]:
    """A d3 number locale for Vega from CLDR: separators and where the currency sign goes."""
    cldr = Locale.parse(locale)
    symbols = cldr.number_symbols.get("latn", cldr.number_symbols)
    pattern = cldr.currency_formats["standard"].pattern.split(";")[0]
    sign = get_currency_symbol(currency, locale=locale)
    before = pattern.strip().startswith("¤")
    spaced = "\u00a0" in pattern or " " in pattern
    return {
        "decimal": symbols.get("decimal", "."),
        "thousands": symbols.get("group", ","),
        "grouping": [3],
        "currency": [sign + ("\u00a0" if spaced else ""), ""]
        if before
        else ["", ("\u00a0" if spaced else "") + sign],
    }


def split_colour(frame: pd.DataFrame, by: str) -> alt.Color:
    """Colours of a split: the palette in the values' order (as Vega sorts them), and grey for
    "other", the rest, so it never looks like one of the named values."""
    present = set(frame[by])
    named = sorted(v for v in present if v != OTHER)
    colours = [c for c in PALETTE if c != GREY]
    domain = named + ([OTHER] if OTHER in present else [])
    shades = [colours[i % len(colours)] for i in range(len(named))]
    shades += [GREY] if OTHER in present else []
    title = by.replace("_", " ").capitalize()
    return alt.Color(f"{by}:N", title=title, scale=alt.Scale(domain=domain, range=shades))


def axis_title(label: str, unit: str, currency: str) -> str:
    """ "Revenue (EUR)", "CTR (%)", "ROAS (×)"; counts need no unit."""
    word = currency if unit == "currency" else UNIT_WORDS.get(unit)
    return f"{label} ({word})" if word else label


def finish(chart: alt.TopLevelMixin, locale: str, currency: str) -> dict[str, Any]:
    spec: dict[str, Any] = chart.to_dict(validate=False)
    config = spec.setdefault("config", {})
    config["locale"] = {"number": number_locale(locale, currency)}
    config.setdefault("range", {})["category"] = list(PALETTE)
    config["font"] = "system-ui, -apple-system, Segoe UI, Roboto, sans-serif"
    config.setdefault("axis", {}).update({"labelFontSize": 12, "titleFontSize": 12})
    # names on a vertical axis (channels, campaigns) are cut past this; mpm.js shortens it on
    # narrow screens
    config.setdefault("axisY", {})["labelLimit"] = Y_LABEL_LIMIT
    config.setdefault("legend", {}).update({"labelFontSize": 12, "titleFontSize": 12})
    config.setdefault("title", {}).update({"fontSize": 15, "anchor": "start"})
    config["view"] = {"stroke": None}
    return spec


def _annotation_layer(annotations: Sequence[Any], start: Any, end: Any) -> Any:
    inside = [a for a in annotations if start <= a.day <= end]
    if not inside:
        return None
    notes = pd.DataFrame(
        {"day": [a.day.isoformat() for a in inside], "note": [a.text for a in inside]}
    )
    base = alt.Chart(notes)
    rule = base.mark_rule(strokeDash=[4, 3], color=GREY).encode(
        x=alt.X("day:T"), tooltip=[alt.Tooltip("day:T", title="Date"), "note:N"]
    )
    text = base.mark_text(align="left", dx=4, dy=-6, fontSize=11, color="#6B6B6B").encode(
        x="day:T", y=alt.value(8), text="note:N"
    )
    return rule + text


def trend(
    frame: pd.DataFrame,
    kpi: str,
    *,
    label: str,
    unit: str,
    grain: str,
    by: str | None,
    title: str,
    currency: str,
    locale: str,
    annotations: Sequence[Any] = (),
) -> dict[str, Any]:
    """`kpi` over time at `grain`: one line (a line per value of `by`), annotations on top."""
    data = cast(pd.DataFrame, frame[[PERIOD, kpi] + ([by] if by else [])].copy())
    data[PERIOD] = pd.to_datetime(data[PERIOD])
    time_unit: Any = {"day": "yearmonthdate", "week": "yearmonthdate", "month": "yearmonth"}.get(
        grain, "yearmonthdate"
    )
    tooltip = [
        alt.Tooltip(f"{PERIOD}:T", title=grain.capitalize(), timeUnit=time_unit),
        alt.Tooltip(f"{kpi}:Q", title=label, format=TIP_FORMAT.get(unit, ",.2f")),
    ]
    label_format, interval = TIME_AXIS.get(grain, TIME_AXIS["day"])
    ticks: Any = {"interval": interval, "step": 3 if grain == "quarter" else 1}
    if len(set(data[PERIOD])) > 12:
        ticks = 8 if grain != "month" else ticks
    encoding: dict[str, Any] = {
        "x": alt.X(
            f"{PERIOD}:T",
            title=None,
            axis=alt.Axis(format=label_format, labelOverlap=True, tickCount=ticks),
        ),
        "y": alt.Y(
            f"{kpi}:Q",
            title=axis_title(label, unit, currency),
            axis=alt.Axis(format=AXIS_FORMAT.get(unit, ",.2~f")),
        ),
    }
    if by:
        encoding["color"] = split_colour(data, by)
        tooltip.insert(1, alt.Tooltip(f"{by}:N", title=by.replace("_", " ").capitalize()))
    lines = (
        alt.Chart(data)
        .mark_line(point=len(data) <= 60, strokeWidth=2)
        .encode(**encoding, tooltip=tooltip)
    )
    layered: Any = lines
    if len(data):
        notes = _annotation_layer(annotations, data[PERIOD].min().date(), data[PERIOD].max().date())
        if notes is not None:
            layered = alt.layer(lines, notes)
    chart = layered.properties(title=title, width=WIDTH, height=HEIGHT)
    return finish(chart, locale, currency)


def bars(
    frame: pd.DataFrame,
    kpi: str,
    *,
    label: str,
    unit: str,
    by: str,
    title: str,
    currency: str,
    locale: str,
) -> dict[str, Any]:
    """`kpi` across the values of `by`, largest first."""
    data = cast(pd.DataFrame, frame[[by, kpi]].copy())
    name = by.replace("_", " ").capitalize()
    chart = (
        alt.Chart(data)
        .mark_bar(color=PALETTE[0])
        .encode(
            y=alt.Y(f"{by}:N", title=None, sort="-x"),
            x=alt.X(
                f"{kpi}:Q",
                title=axis_title(label, unit, currency),
                axis=alt.Axis(format=AXIS_FORMAT.get(unit, ",.2~f")),
            ),
            tooltip=[
                alt.Tooltip(f"{by}:N", title=name),
                alt.Tooltip(f"{kpi}:Q", title=label, format=TIP_FORMAT.get(unit, ",.2f")),
            ],
        )
        .properties(title=title, width=WIDTH, height=max(120, min(24 * len(data), 600)))
    )
    return finish(chart, locale, currency)


def columns(
    frame: pd.DataFrame,
    kpi: str,
    *,
    label: str,
    unit: str,
    grain: str,
    by: str | None,
    title: str,
    currency: str,
    locale: str,
) -> dict[str, Any]:
    """`kpi` over time as columns: stacked by `by` for sums (spend, conversions), side by side
    for rates and ratios, which do not add up."""
    data = cast(pd.DataFrame, frame[[PERIOD, kpi] + ([by] if by else [])].copy())
    data[PERIOD] = pd.to_datetime(data[PERIOD])
    time_unit: Any = {"year": "year", "quarter": "yearquarter", "month": "yearmonth"}.get(
        grain, "yearmonthdate"
    )
    encoding: dict[str, Any] = {
        "x": alt.X(f"{PERIOD}:O", timeUnit=time_unit, title=None),
        "y": alt.Y(
            f"{kpi}:Q",
            title=axis_title(label, unit, currency),
            axis=alt.Axis(format=AXIS_FORMAT.get(unit, ",.2~f")),
            stack="zero" if unit in ("count", "currency") else None,
        ),
        "tooltip": [
            alt.Tooltip(f"{PERIOD}:T", title=grain.capitalize(), timeUnit=time_unit),
            alt.Tooltip(f"{kpi}:Q", title=label, format=TIP_FORMAT.get(unit, ",.2f")),
        ],
    }
    if by:
        name = by.replace("_", " ").capitalize()
        encoding["color"] = split_colour(data, by)
        encoding["tooltip"].insert(1, alt.Tooltip(f"{by}:N", title=name))
        if unit not in ("count", "currency"):
            encoding["xOffset"] = alt.XOffset(f"{by}:N")
    chart = (
        alt.Chart(data)
        .mark_bar()
        .encode(**encoding)
        .properties(title=title, width=WIDTH, height=HEIGHT)
    )
    return finish(chart, locale, currency)


def objective(
    trajectory: Any,
    progress: Any,
    *,
    label: str,
    unit: str,
    title: str,
    currency: str,
    locale: str,
    annotations: Sequence[Any] = (),
) -> dict[str, Any]:
    """An objective over its period: the actual so far, the target to each day, and the
    forecast from the last complete day to the end with its 80% interval as a band."""
    days = [d.isoformat() for d in trajectory.days]
    lines = pd.DataFrame(
        {
            "day": days * 2,
            "value": list(trajectory.actual) + list(trajectory.target),
            "series": ["Actual"] * len(days) + ["Target"] * len(days),
        }
    ).dropna()
    y_title = axis_title(label, unit, currency)
    fmt = AXIS_FORMAT.get(unit, ",.2~f")
    tip = TIP_FORMAT.get(unit, ",.2f")
    colour = alt.Color(
        "series:N",
        title=None,
        scale=alt.Scale(
            domain=["Actual", "Target", "Forecast"], range=[PALETTE[0], GREY, PALETTE[1]]
        ),
        legend=alt.Legend(orient="top"),
    )
    base = alt.Chart(lines).encode(
        x=alt.X("day:T", title=None, axis=alt.Axis(format="%b %-d", labelOverlap=True, grid=False)),
        y=alt.Y("value:Q", title=y_title, axis=alt.Axis(format=fmt)),
        color=colour,
        tooltip=[
            alt.Tooltip("day:T", title="Date"),
            alt.Tooltip("series:N", title="Line"),
            alt.Tooltip("value:Q", title=label, format=tip),
        ],
    )
    layers: list[Any] = [
        base.mark_line(strokeWidth=2).transform_filter(alt.datum.series == "Actual"),
        base.mark_line(strokeWidth=2, strokeDash=[5, 4]).transform_filter(
            alt.datum.series == "Target"
        ),
    ]
    if progress.as_of is not None and progress.forecast is not None and progress.actual is not None:
        cone = pd.DataFrame(
            {
                "day": [progress.as_of.isoformat(), progress.end.isoformat()],
                "low": [progress.actual, progress.forecast_low],
                "high": [progress.actual, progress.forecast_high],
                "value": [progress.actual, progress.forecast],
                "series": ["Forecast", "Forecast"],
            }
        )
        band = (
            alt.Chart(cone)
            .mark_area(opacity=0.2, color=PALETTE[1])
            .encode(
                x="day:T",
                y="low:Q",
                y2="high:Q",
                tooltip=[
                    alt.Tooltip("day:T", title="Date"),
                    alt.Tooltip("low:Q", title="80% interval from", format=tip),
                    alt.Tooltip("high:Q", title="to", format=tip),
                ],
            )
        )
        forecast = (
            alt.Chart(cone)
            .mark_line(strokeDash=[2, 2], strokeWidth=2)
            .encode(
                x="day:T",
                y="value:Q",
                color=colour,
                tooltip=[alt.Tooltip("value:Q", title="Forecast", format=tip)],
            )
        )
        layers += [band, forecast]
    notes = _annotation_layer(annotations, trajectory.days[0], trajectory.days[-1])
    if notes is not None:
        layers.append(notes)
    chart = alt.layer(*layers).properties(title=title, width=WIDTH, height=HEIGHT)
    return finish(chart, locale, currency)


def chances(
    points: Sequence[tuple[Any, float | None]], *, title: str, currency: str, locale: str
) -> dict[str, Any] | None:
    """The chance of reaching an objective at each review and today, as a line over time;
    None with fewer than two known chances."""
    known = [(pd.Timestamp(when).date().isoformat(), p) for when, p in points if p is not None]
    if len(known) < 2:
        return None
    frame = pd.DataFrame(known, columns=["day", "chance"])
    chart = (
        alt.Chart(frame)
        .mark_line(point=True, strokeWidth=2, color=PALETTE[0])
        .encode(
            x=alt.X("day:T", title=None, axis=alt.Axis(format="%b %-d", labelOverlap=True)),
            y=alt.Y(
                "chance:Q",
                title="Chance",
                scale=alt.Scale(domain=[0, 1]),
                axis=alt.Axis(format=".0%"),
            ),
            tooltip=[
                alt.Tooltip("day:T", title="Date"),
                alt.Tooltip("chance:Q", title="Chance", format=".0%"),
            ],
        )
        .properties(title=title, width=WIDTH, height=160)
    )
    return finish(chart, locale, currency)
