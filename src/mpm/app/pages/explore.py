"""Explore: any KPI by any dimension, grain, date range, filters and comparison, as a chart
and a table. The question lives in the URL (so a link shares it and a saved view is a name
for a URL); the same URL with .csv, .xlsx or .png downloads it, and `sql=1` shows the SQL the
question compiles to. Saved views and annotations (notes on dates the charts show) are kept
per workspace."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Annotated, Any, TypeVar, cast
from urllib.parse import urlencode

import pandas as pd
import vl_convert
from dateutil.relativedelta import relativedelta
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup, escape
from openpyxl.utils import get_column_letter
from starlette.datastructures import QueryParams

from mpm.app.api.access import Id
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.pages import charts, forms
from mpm.app.pages.cache import PAGES
from mpm.app.pages.render import Here, here_of, redirect, render, sentence
from mpm.errors import UserError
from mpm.metrics import Grain
from mpm.metrics.compiler import OTHER, PERIOD
from mpm.metrics.periods import GRAIN_MONTHS, parse_day
from mpm.services import data, explore
from mpm.services.cache import LruCache

T = TypeVar("T")

router = APIRouter(include_in_schema=False)

GRAINS = {
    "": "Total",
    "day": "Daily",
    "week": "Weekly",
    "month": "Monthly",
    "quarter": "Quarterly",
    "year": "Yearly",
}
PERIOD_WORDS = {
    "day": "Day",
    "week": "Week",
    "month": "Month",
    "quarter": "Quarter",
    "year": "Year",
}
RANGES = {
    "last_7_days": "Last 7 days",
    "last_30_days": "Last 30 days",
    "last_90_days": "Last 90 days",
    "this_month": "This month",
    "last_month": "Last month",
    "this_quarter": "This quarter",
    "last_quarter": "Last quarter",
    "ytd": "Year to date",
    "": "All data",
    "custom": "Custom dates",
}
COMPARE = {
    "": "No comparison",
    "previous_period": "Previous period",
    "previous_year": "Same period last year",
}
CHARTS = {"": "Automatic", "line": "Line", "bar": "Bars", "none": "No chart"}
TOPS = {"5": "5", "7": "7", "10": "10", "20": "20", "50": "50", "all": "All"}
DEFAULT_TOP = "7"  # and "other": as many lines as the palette has colours
MAX_KPIS = 4
MAX_FILTERS = 10


@dataclass(frozen=True)
class Question:
    """What the explore page is asked, read from and written to its query string."""

    kpis: tuple[str, ...] = ("revenue",)
    by: str = ""
    grain: str = ""
    start: str = "last_90_days"
    end: str = "last_90_days"
    where: tuple[str, ...] = ()
    compare: str = ""
    top: str = DEFAULT_TOP
    chart: str = ""
    problems: dict[str, str] = field(default_factory=dict, compare=False)

    @classmethod
    def from_query(cls, query: QueryParams) -> Question:
        problems: dict[str, str] = {}
        kpis = tuple(
            dict.fromkeys(
                k.strip() for value in query.getlist("kpi") for k in value.split(",") if k.strip()
            )
        )[:MAX_KPIS]
        grain = query.get("grain", "")
        if grain not in GRAINS:
            problems["grain"] = f"There is no grain “{grain}”: pick one of the list."
            grain = ""
        span = query.get("range", "")
        start, end = query.get("from", ""), query.get("to", "")
        if span in RANGES and span != "custom" and "range" in query:
            start = end = span
        elif "range" not in query and not start and not end and "kpi" not in query:
            start = end = cls.start
        for name, value in (("from", start), ("to", end)):
            if value and value not in RANGES and not _iso(value):
                problems[name] = f"“{value}” is not a date: write it as YYYY-MM-DD."
        compare = query.get("compare", "")
        if compare not in COMPARE:
            problems["compare"] = f"There is no comparison “{compare}”."
            compare = ""
        top = query.get("top", DEFAULT_TOP)
        chart = query.get("chart", "")
        where = tuple(w.strip() for w in query.getlist("where") if w.strip())[:MAX_FILTERS]
        added = query.get("filter", "").strip()
        if added:
            where += (added,)
        return cls(
            kpis=kpis or cls.kpis,
            by=query.get("by", "").split(",")[0].strip(),
            grain=grain,
            start=start,
            end=end,
            where=where,
            compare=compare,
            top=top if top in TOPS else DEFAULT_TOP,
            chart=chart if chart in CHARTS else "",
            problems=problems,
        )

    @property
    def span(self) -> str:
        """The preset of the range select: a relative name used as both ends, or custom."""
        if self.start == self.end and self.start in RANGES:
            return self.start
        return "custom"

    def params(self, **changes: Any) -> dict[str, Any]:
        """The query string of this question (defaults left out), with `changes`."""
        values: dict[str, Any] = {
            "kpi": ",".join(self.kpis),
            "by": self.by,
            "grain": self.grain,
            "from": self.start,
            "to": self.end,
            "where": list(self.where),
            "compare": self.compare,
            "top": self.top if self.by and self.top != DEFAULT_TOP else "",
            "chart": self.chart,
        }
        values.update(changes)
        return {k: v for k, v in values.items() if v not in (None, "", [])}

    def query_string(self, **changes: Any) -> str:
        return urlencode(self.params(**changes), doseq=True)

    def options(self) -> dict[str, Any]:
        """Keyword arguments of the KPI service."""
        return {
            "by": [self.by] if self.by else None,
            "grain": self.grain or None,
            "start": self.start or None,
            "end": self.end or None,
            "where": list(self.where) or None,
            "compare": self.compare or None,
            "top": int(self.top) if self.by and self.top != "all" else None,
        }


def ordered(q: Question, frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of a split without time largest first, "other" last; others as the query has them."""
    if not q.by or q.grain or frame.empty:
        return frame
    rest = frame[q.by] == OTHER
    ranked = cast(pd.DataFrame, frame[~rest]).sort_values(
        by=q.kpis[0], ascending=False, na_position="last"
    )
    return cast(pd.DataFrame, pd.concat([ranked, frame[rest]], ignore_index=True))


def _iso(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


@dataclass
class Answer:
    """The explore page's result: the frame, its chart and what went wrong, in words."""

    frame: pd.DataFrame | None = None  # the KPI service's answer in the page's order
    raw: pd.DataFrame | None = None  # the KPI service's answer as it gave it
    spec: dict[str, Any] | None = None
    error: str | None = None
    error_field: str | None = None
    sql: str | None = None
    annotations: list[Any] = field(default_factory=list)


ERROR_WORDS = (  # a word of a KPI service's message -> the field of the form it is about
    ("dimension", "by"),
    ("cannot be split", "by"),
    ("kpi", "kpi"),
    ("metric", "kpi"),
    ("where", "where"),
    ("filter", "where"),
    ("date", "from"),
    ("range", "from"),
    ("from", "from"),
)


def _title(q: Question, catalog: dict[str, dict[str, Any]], kpi: str) -> str:
    label = catalog.get(kpi, {}).get("label", kpi)
    parts = [label]
    if q.by:
        parts.append(f"by {q.by.replace('_', ' ')}")
    if q.grain:
        parts.append(GRAINS[q.grain].lower())
    return ", ".join(parts) if len(parts) < 3 else f"{parts[0]} {parts[1]}, {parts[2]}"


class ResultMemo:
    """What a page draws from a KPI result (its chart, its table), kept by the result and the
    rest of what it shows: the result is the KPI service's cached frame, held in the entry so
    that its id cannot be reused while the entry lives. Building a Vega-Lite spec with Altair,
    or writing hundreds of numbers with Babel, costs more than the rest of a cached page."""

    def __init__(self, size: int) -> None:
        self._kept: LruCache[tuple[pd.DataFrame, Any]] = LruCache(size)

    def get(self, raw: pd.DataFrame, key: tuple[Any, ...], compute: Callable[[], T]) -> T:
        full = (id(raw), *key)
        kept = self._kept.find(full)
        if kept is not None and kept[0] is raw:
            return cast(T, kept[1])
        value = compute()
        self._kept.put(full, (raw, value))
        return value


_specs = ResultMemo(256)
_bodies = ResultMemo(256)
MAX_ROWS = 500  # rows of the page's table (downloads have them all)


def _spec(
    q: Question,
    raw: pd.DataFrame,
    frame: pd.DataFrame,
    here: Here,
    catalog: dict[str, Any],
    notes: list[Any],
) -> dict[str, Any] | None:
    """The chart of the first KPI: lines over time, columns over time, or bars across the
    dimension; None without a grain and a dimension, or without rows. `frame` is `raw`, the
    KPI service's answer, in the page's order."""
    kpi = q.kpis[0]
    meta = catalog.get(kpi, {"label": kpi, "unit": "count"})
    kind = q.chart or ("line" if q.grain else "bar" if q.by else "none")
    if frame.empty or kind == "none" or not (q.grain or q.by):
        return None
    common: dict[str, Any] = {
        "label": meta["label"],
        "unit": meta["unit"],
        "title": _title(q, catalog, kpi),
        "currency": here.currency,
        "locale": here.locale,
    }
    mine = [a for a in notes if a.kpi in (None, kpi)]
    key = (kpi, kind, q.grain, q.by, tuple(sorted(common.items())))
    key += tuple((a.id, a.day, a.text, a.kpi) for a in mine)
    return _specs.get(raw, key, lambda: _draw(q, frame, kind, kpi, common, mine))


def partial_periods(q: Question, frame: pd.DataFrame, here: Here) -> list[date]:
    """The periods of a grain the question's dates do not cover whole: the first month of
    "last 90 days", the running month of "this quarter". Their sums are not comparable with the
    whole periods beside them, so the page says so."""
    if not q.grain or q.grain == "day" or frame.empty or PERIOD not in frame.columns:
        return []
    calendar = here.calendar
    grain = Grain(q.grain)
    today = here.today
    try:
        first = parse_day(q.start, today, calendar, end=False) if q.start else None
        last = parse_day(q.end, today, calendar, end=True) if q.end else None
    except UserError:
        return []
    last = min(last, today) if last else today
    partial = []
    for value in sorted(set(frame[PERIOD])):
        start = date.fromisoformat(str(value)[:10])
        if grain is Grain.WEEK:
            after = start + timedelta(days=7)
        else:
            after = start + relativedelta(months=GRAIN_MONTHS[grain])
        if (first is not None and start < first) or after - timedelta(days=1) > last:
            partial.append(start)
    return partial


def table_body(
    frame: pd.DataFrame,
    columns: list[dict[str, Any]],
    grain: str,
    here: Here,
    partial: tuple[date, ...] = (),
) -> Markup:
    """The rows of the page's table as HTML (every value escaped), at most MAX_ROWS; periods
    in `partial` marked as such."""
    rows = []
    for row in frame.head(MAX_ROWS).to_dict("records"):
        cells = []
        for c in columns:
            value = row[c["name"]]
            if c["kind"] == "period":
                words = here.period(value, grain)
                if date.fromisoformat(str(value)[:10]) in partial:
                    words += " (partial)"
                cells.append(f'<th scope="row">{escape(words)}</th>')
            elif c["kind"] == "dim":
                cells.append(f'<th scope="row">{escape(value if value != "" else "(none)")}</th>')
            elif c["kind"] == "change":
                cells.append(f'<td class="num">{escape(here.change(value))}</td>')
            else:
                cells.append(f'<td class="num">{escape(here.value(value, c["unit"]))}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return Markup("\n".join(rows))  # noqa: S704 - every value escaped above


def _draw(
    q: Question,
    frame: pd.DataFrame,
    kind: str,
    kpi: str,
    common: dict[str, Any],
    mine: list[Any],
) -> dict[str, Any]:
    if q.grain:
        if kind == "bar":
            return charts.columns(frame, kpi, grain=q.grain, by=q.by or None, **common)
        return charts.trend(frame, kpi, grain=q.grain, by=q.by or None, annotations=mine, **common)
    return charts.bars(frame, kpi, by=q.by, **common)


def ask(
    request: Request,
    principal: Any,
    workspace: str,
    q: Question,
    here: Here,
    catalog: dict[str, Any],
    *,
    with_sql: bool = False,
) -> Answer:
    """Run the question through the services; errors become words for the page."""
    settings = settings_of(request)
    answer = Answer()
    if q.problems:
        name, message = next(iter(q.problems.items()))
        answer.error, answer.error_field = message, name
        return answer
    try:
        frame = data.kpi_query(principal, workspace, list(q.kpis), settings=settings, **q.options())
        if with_sql:
            options = q.options()
            options.pop("compare")
            answer.sql = data.kpi_sql(
                principal, workspace, list(q.kpis), settings=settings, **options
            )
    except UserError as exc:
        answer.error = sentence(exc)
        answer.error_field = forms.field_of(str(exc), ERROR_WORDS, "kpi")
        return answer
    answer.raw = raw = frame
    answer.frame = frame = ordered(q, frame)
    if q.grain and len(frame):
        first, last = str(frame[PERIOD].min()), str(frame[PERIOD].max())
        answer.annotations = explore.list_annotations(
            principal,
            workspace,
            start=date.fromisoformat(first[:10]),
            end=date.fromisoformat(last[:10]),
            kpis=list(q.kpis),
            settings=settings,
        )
    answer.spec = _spec(q, raw, frame, here, catalog, answer.annotations)
    return answer


def _columns(q: Question, frame: pd.DataFrame, catalog: dict[str, Any]) -> list[dict[str, Any]]:
    """The table's columns: keys first, then each KPI (with previous and change)."""
    columns: list[dict[str, Any]] = []
    if q.grain:
        columns.append({"name": PERIOD, "label": PERIOD_WORDS[q.grain], "kind": "period"})
    if q.by:
        columns.append({"name": q.by, "label": q.by.replace("_", " ").capitalize(), "kind": "dim"})
    for kpi in q.kpis:
        meta = catalog.get(kpi, {"label": kpi, "unit": "count"})
        columns.append({"name": kpi, "label": meta["label"], "kind": "value", "unit": meta["unit"]})
        if f"{kpi}_previous" in frame.columns:
            previous = {"name": f"{kpi}_previous", "label": "Previous", "unit": meta["unit"]}
            columns.append(previous | {"kind": "value"})
            columns.append({"name": f"{kpi}_change", "label": "Change", "kind": "change"})
    return columns


def _context(request: Request, principal: Any, workspace: str) -> tuple[Here, dict[str, Any]]:
    settings = settings_of(request)
    here = here_of(request, principal, workspace)
    catalog = {m["name"]: m for m in data.list_metrics(principal, workspace, settings=settings)}
    return here, catalog


def _page(
    request: Request,
    principal: Any,
    workspace: str,
    q: Question,
    *,
    status_code: int = 200,
    **extra: Any,
) -> HTMLResponse:
    """The explore page of question `q`; `extra` carries messages of a form posted to it."""
    here, catalog = _context(request, principal, workspace)
    settings = settings_of(request)
    with_sql = request.query_params.get("sql") == "1"
    answer = ask(request, principal, workspace, q, here, catalog, with_sql=with_sql)
    known = [k for k in q.kpis if k in catalog]
    dims = explore.dimensions(principal, workspace, known, settings=settings) if known else []
    tables = data.list_tables(principal, workspace, settings=settings)
    if answer.error and status_code == 200:
        status_code = 422
    views = explore.list_views(principal, workspace, settings=settings)
    saved = request.query_params.get("saved", "")
    columns = _columns(q, answer.frame, catalog) if answer.frame is not None else []
    body = None
    partial: tuple[date, ...] = ()
    if answer.frame is not None and answer.raw is not None:
        frame, shown = answer.frame, tuple((c["name"], c["kind"], c.get("unit")) for c in columns)
        partial = tuple(partial_periods(q, frame, here))
        body = _bodies.get(
            answer.raw,
            (q.grain, q.by, shown, here.locale, here.currency, partial),
            lambda: table_body(frame, columns, q.grain, here, partial),
        )
    return render(
        request,
        "explore/index.html",
        principal=principal,
        workspace=workspace,
        active="explore",
        status_code=status_code,
        q=q,
        answer=answer,
        columns=columns,
        body=body,
        partial=[here.period(p, q.grain) for p in partial],
        catalog=catalog,
        dimensions=dims,
        grains=GRAINS,
        ranges=RANGES,
        compares=COMPARE,
        chart_kinds=CHARTS,
        tops=TOPS,
        views=views,
        saved_name=saved if any(v.name == saved for v in views) else "",
        has_data=any(t.rows for t in tables),
        title=_title(q, catalog, q.kpis[0]),
        **extra,
    )


@router.get("/w/{workspace}/explore", **needs(data.kpi_query))
def explore_page(workspace: str, request: Request, principal: CurrentPrincipal) -> HTMLResponse:
    q = Question.from_query(request.query_params)
    return PAGES.page(
        request, principal, workspace, lambda: _page(request, principal, workspace, q)
    )


def _asked(request: Request, principal: Any, workspace: str) -> tuple[Question, pd.DataFrame]:
    """The question of a download and its frame; its problems as a UserError."""
    q = Question.from_query(request.query_params)
    if q.problems:
        raise UserError(next(iter(q.problems.values())))
    frame = data.kpi_query(
        principal, workspace, list(q.kpis), settings=settings_of(request), **q.options()
    )
    return q, ordered(q, frame)


def _filename(q: Question, suffix: str) -> str:
    parts = ["-".join(q.kpis)] + ([f"by-{q.by}"] if q.by else []) + ([q.grain] if q.grain else [])
    safe = "".join(c if c.isalnum() or c in "-_" else "-" for c in "_".join(parts))
    return f"{safe[:100]}.{suffix}"


def _attachment(body: bytes, media_type: str, name: str) -> Response:
    disposition = {"Content-Disposition": f'attachment; filename="{name}"'}
    return Response(body, media_type=media_type, headers=disposition)


@router.get("/w/{workspace}/explore.csv", **needs(data.kpi_query))
def explore_csv(workspace: str, request: Request, principal: CurrentPrincipal) -> Response:
    """The table as CSV: rates as fractions, empty where undefined (as `mpm kpi --format csv`)."""
    q, frame = _asked(request, principal, workspace)
    body = frame.to_csv(index=False).encode()
    return _attachment(body, "text/csv; charset=utf-8", _filename(q, "csv"))


XLSX_FORMATS = {"percent": "0.00%", "ratio": "0.00", "count": "#,##0", "seconds": "0"}


def _xlsx(frame: pd.DataFrame, catalog: dict[str, Any], currency: str) -> bytes:
    """A workbook of the frame, each KPI column formatted in its unit."""
    formats = XLSX_FORMATS | {"currency": f'#,##0.00 "{currency}"'}
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name="KPIs")
        sheet = writer.sheets["KPIs"]
        for index, column in enumerate(map(str, frame.columns), start=1):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = max(12, min(40, len(column) + 4))
            unit = catalog.get(column.removesuffix("_previous"), {}).get("unit", "")
            number = "0.0%" if column.endswith("_change") else formats.get(unit)
            for cell in sheet[letter][1:] if number else ():
                cell.number_format = number
        sheet.freeze_panes = "A2"
    return out.getvalue()


@router.get("/w/{workspace}/explore.xlsx", **needs(data.kpi_query))
def explore_xlsx(workspace: str, request: Request, principal: CurrentPrincipal) -> Response:
    """The table as an Excel workbook, numbers formatted in their unit."""
    q, frame = _asked(request, principal, workspace)
    here, catalog = _context(request, principal, workspace)
    media = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _attachment(_xlsx(frame, catalog, here.currency), media, _filename(q, "xlsx"))


@router.get("/w/{workspace}/explore.png", **needs(data.kpi_query))
def explore_png(workspace: str, request: Request, principal: CurrentPrincipal) -> Response:
    """The chart as a PNG image, drawn on the server by vl-convert."""
    q = Question.from_query(request.query_params)
    here, catalog = _context(request, principal, workspace)
    answer = ask(request, principal, workspace, q, here, catalog)
    if answer.error:
        raise UserError(answer.error)
    if answer.spec is None:
        raise UserError("this question has no chart: pick a grain or a dimension")
    spec = answer.spec | {"width": 900, "background": "white"}
    png = vl_convert.vegalite_to_png(spec, scale=2)
    return _attachment(png, "image/png", _filename(q, "png"))


def _asked_in_form(query: str) -> Question:
    """The question of the page a form was posted from (its query string, in a field)."""
    return Question.from_query(QueryParams(query))


Query = Annotated[str, Form(max_length=4000)]


@router.post("/w/{workspace}/explore/views", **needs(explore.save_view))
def save_view(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    name: Annotated[str, Form(max_length=200)] = "",
    query: Query = "",
) -> Response:
    """Save the question of the page (`query`, its query string) under `name`."""
    q = _asked_in_form(query)
    try:
        view = explore.save_view(
            principal, workspace, name, q.params(), settings=settings_of(request)
        )
    except UserError as exc:
        return _page(request, principal, workspace, q, status_code=422, view_error=sentence(exc))
    return redirect(f"/w/{workspace}/explore?{q.query_string()}&{urlencode({'saved': view.name})}")


@router.post("/w/{workspace}/explore/views/{view_id}/delete", **needs(explore.delete_view))
def delete_view(
    workspace: str, view_id: Id, request: Request, principal: CurrentPrincipal, query: Query = ""
) -> Response:
    explore.delete_view(principal, workspace, view_id, settings=settings_of(request))
    return redirect(f"/w/{workspace}/explore?{_asked_in_form(query).query_string()}")


@router.post("/w/{workspace}/explore/annotations", **needs(explore.add_annotation))
def add_annotation(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    day: Annotated[str, Form(max_length=20)] = "",
    text: Annotated[str, Form(max_length=400)] = "",
    kpi: Annotated[str, Form(max_length=64)] = "",
    query: Query = "",
) -> Response:
    """Note what happened on a date, then back to the same question."""
    q = _asked_in_form(query)
    try:
        if not _iso(day):
            raise UserError("pick the date the note is about")
        explore.add_annotation(
            principal,
            workspace,
            date.fromisoformat(day),
            text,
            kpi=kpi or None,
            settings=settings_of(request),
        )
    except UserError as exc:
        return _page(request, principal, workspace, q, status_code=422, note_error=sentence(exc))
    return redirect(f"/w/{workspace}/explore?{q.query_string()}#annotations")


@router.post(
    "/w/{workspace}/explore/annotations/{annotation_id}/delete",
    **needs(explore.delete_annotation),
)
def delete_annotation(
    workspace: str,
    annotation_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    query: Query = "",
) -> Response:
    explore.delete_annotation(principal, workspace, annotation_id, settings=settings_of(request))
    return redirect(f"/w/{workspace}/explore?{_asked_in_form(query).query_string()}#annotations")
