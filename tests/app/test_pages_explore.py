"""The explore page against the real server: its table and downloads (CSV, Excel, PNG) are
the KPI layer's numbers, the question lives in the URL, errors are said next to the field,
saved views and notes round-trip, and viewers get neither controls nor writes."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date, timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import openpyxl
import pandas as pd
import pytest

from mpm import auth, explore
from mpm.app.pages.formatting import kpi_value
from mpm.auth import LIMITER
from mpm.services import data
from tests.app.conftest import Server
from tests.app.test_pages import form_token, sign_in

QUESTION = {
    "kpi": "revenue",
    "by": "channel",
    "grain": "month",
    "from": "last_90_days",
    "to": "last_90_days",
}
RANGE = {"start": "last_90_days", "end": "last_90_days"}


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def kpis(server: Server, kpi: str, **options: object) -> pd.DataFrame:
    with server.warehouses.using():  # the server holds the file: read it through its pool
        return data.kpi_query(
            auth.local_principal(), "acme", kpi, settings=server.settings, **options
        )


def cells(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", html)]


def test_the_table_and_the_downloads_are_the_kpi_layers_numbers(server: Server) -> None:
    client = sign_in(server, "viewer")
    page = client.get("/w/acme/explore", params=QUESTION)
    assert page.status_code == 200, page.text
    frame = kpis(
        server,
        "revenue",
        by=["channel"],
        grain="month",
        **RANGE,
        top=7,
    )
    assert len(frame) > 3
    assert cells(page.text) == [kpi_value(v, "currency", "USD") for v in frame["revenue"]]
    assert 'data-spec="explore-spec"' in page.text and "Revenue by channel, monthly" in page.text

    got = client.get("/w/acme/explore.csv", params=QUESTION)
    assert (
        got.headers["content-disposition"] == 'attachment; filename="revenue_by-channel_month.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert [(r["period"], r["channel"]) for r in rows] == list(
        zip(frame["period"].astype(str), frame["channel"], strict=True)
    )
    assert [float(r["revenue"]) for r in rows] == pytest.approx(list(frame["revenue"]))

    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/w/acme/explore.xlsx", params=QUESTION).content)
    )
    sheet = book["KPIs"]
    header = [c.value for c in sheet[1]]
    assert header == ["period", "channel", "revenue"]
    values = [r[2].value for r in sheet.iter_rows(min_row=2)]
    assert values == pytest.approx(list(frame["revenue"]))
    assert sheet["C2"].number_format == '#,##0.00 "USD"'

    png = client.get("/w/acme/explore.png", params=QUESTION)
    assert png.status_code == 200 and png.content.startswith(b"\x89PNG")
    width = int.from_bytes(png.content[16:20], "big")
    assert width >= 1800  # 900 px at twice the scale


def test_a_comparison_shows_the_previous_value_and_the_change(server: Server) -> None:
    client = sign_in(server, "viewer")
    question = {
        "kpi": "cpa",
        "by": "channel",
        "from": "last_30_days",
        "to": "last_30_days",
        "compare": "previous_period",
        "top": "all",
    }
    page = client.get("/w/acme/explore", params=question)
    frame = kpis(
        server,
        "cpa",
        by=["channel"],
        start="last_30_days",
        end="last_30_days",
        compare="previous_period",
    )
    shown = cells(page.text)
    assert len(shown) == 3 * len(frame)
    ranked = frame.sort_values("cpa", ascending=False, na_position="last")
    assert shown[0::3] == [kpi_value(v, "currency", "USD") for v in ranked["cpa"]]
    assert ">Previous<" in page.text and ">Change<" in page.text


def test_the_sql_of_the_question_is_shown_on_request(server: Server) -> None:
    client = sign_in(server, "analyst")
    page = client.get("/w/acme/explore", params=QUESTION | {"sql": "1"})
    with server.warehouses.using():
        sql = data.kpi_sql(
            auth.local_principal(),
            "acme",
            ["revenue"],
            by=["channel"],
            grain="month",
            **RANGE,
            top=7,
            settings=server.settings,
        )
    assert "The SQL of this question" in page.text
    assert sql.split("\n")[0].replace('"', "&#34;") in page.text


@pytest.mark.parametrize(
    ("params", "field", "words"),
    [
        ({"kpi": "revenu"}, "kpi", "Unknown KPI &#39;revenu&#39;"),
        ({"kpi": "revenue", "by": "colour"}, "by", "Unknown dimension &#39;colour&#39;"),
        ({"kpi": "revenue", "from": "2026-13-01"}, "from", "is not a date"),
        ({"kpi": "revenue", "where": "channel"}, "where", "DIM=VALUE"),
    ],
)
def test_a_question_that_cannot_be_answered_is_said_next_to_its_field(
    server: Server, params: dict[str, str], field: str, words: str
) -> None:
    page = sign_in(server, "viewer").get("/w/acme/explore", params=params)
    assert page.status_code == 422
    assert f'<p class="field-error" id="{field}-error">' in page.text
    assert words in page.text
    assert 'role="alert"' in page.text


def test_the_question_lives_in_the_url(server: Server) -> None:
    client = sign_in(server, "viewer")
    # the form's fields as a browser sends them: a preset range and an added filter
    page = client.get(
        "/w/acme/explore",
        params={
            "kpi": ["sessions", ""],
            "by": "device",
            "grain": "week",
            "range": "last_quarter",
            "from": "",
            "to": "",
            "filter": "channel=Email",
            "compare": "",
            "top": "7",
            "chart": "",
        },
    )
    assert page.status_code == 200, page.text
    link = re.search(r'href="(/w/acme/explore\.csv\?[^"]+)"', page.text)
    assert link
    query = parse_qs(urlparse(link.group(1).replace("&amp;", "&")).query)
    assert query == {
        "kpi": ["sessions"],
        "by": ["device"],
        "grain": ["week"],
        "from": ["last_quarter"],
        "to": ["last_quarter"],
        "where": ["channel=Email"],
    }
    assert 'value="channel=Email"' in page.text  # the filter is kept as a chip


def test_a_saved_view_opens_the_same_question_again(server: Server) -> None:
    analyst = sign_in(server, "analyst")
    page = analyst.get("/w/acme/explore", params=QUESTION)
    csrf = form_token(page.text, "csrf_token")
    query = re.search(r'name="query" value="([^"]*)"', page.text)
    assert query
    saved = analyst.post(
        "/w/acme/explore/views",
        data={
            "csrf_token": csrf,
            "name": "Q1 revenue by channel",
            "query": query.group(1).replace("&amp;", "&"),
        },
    )
    assert saved.status_code == 303
    back = analyst.get(saved.headers["location"])
    assert "Saved as “Q1 revenue by channel”." in back.text
    link = re.search(r'href="([^"]+)">Q1 revenue by channel</a>', back.text)
    assert link
    reopened = sign_in(server, "viewer").get(link.group(1).replace("&amp;", "&"))
    assert cells(reopened.text) == cells(page.text)
    # a name is needed; the error is said at the field and nothing is saved
    nameless = analyst.post(
        "/w/acme/explore/views", data={"csrf_token": csrf, "name": " ", "query": ""}
    )
    assert nameless.status_code == 422 and "Give the view a name." in nameless.text
    views = analyst.get("/api/v1/workspaces/acme/views").json()
    assert [v["name"] for v in views["items"]] == ["Q1 revenue by channel"]


def test_a_note_on_a_date_is_drawn_on_the_chart(server: Server) -> None:
    analyst = sign_in(server, "analyst")
    page = analyst.get("/w/acme/explore", params=QUESTION)
    csrf = form_token(page.text, "csrf_token")
    query = urlencode(QUESTION)
    added = analyst.post(
        "/w/acme/explore/annotations",
        data={
            "csrf_token": csrf,
            "day": (date.today() - timedelta(days=20)).isoformat(),
            "text": "Price change <b>",
            "query": query,
        },
    )
    assert added.status_code == 303
    shown = analyst.get(added.headers["location"])
    assert "Price change &lt;b&gt;" in shown.text
    assert "Price change \\u003cb\\u003e" in shown.text  # in the chart's spec, escaped
    bad = analyst.post(
        "/w/acme/explore/annotations",
        data={"csrf_token": csrf, "day": "", "text": "x", "query": query},
    )
    assert bad.status_code == 422 and "Pick the date the note is about." in bad.text


def test_a_viewer_sees_no_controls_and_a_forged_post_is_refused(server: Server) -> None:
    viewer = sign_in(server, "viewer")
    page = viewer.get("/w/acme/explore", params=QUESTION)
    assert "Save view" not in page.text and "Add note" not in page.text
    meta = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
    assert meta  # the session's own token: the post is not a CSRF, the role decides
    forged = viewer.post(
        "/w/acme/explore/views",
        data={"csrf_token": meta.group(1), "name": "Mine", "query": "kpi=spend"},
    )
    assert forged.status_code == 403 and "<h1" in forged.text
    names = [v.name for v in explore.list_views(workspace="acme", settings=server.settings)]
    assert "Mine" not in names


def test_a_workspace_without_data_says_what_to_do_first(server: Server) -> None:
    owner = sign_in(server, "owner")
    meta = re.search(r'name="csrf-token" content="([^"]+)"', owner.get("/w/acme/").text)
    assert meta
    made = owner.post(
        "/api/v1/workspaces",
        json={"slug": "empty-explore", "name": "Empty"},
        headers={"X-CSRF-Token": meta.group(1)},
    )
    assert made.status_code == 201, made.text
    page = owner.get("/w/empty-explore/explore")
    assert page.status_code == 200
    assert "No data yet" in page.text and 'href="/w/empty-explore/data"' in page.text


def test_periods_the_dates_cut_are_marked_partial(server: Server) -> None:
    client = sign_in(server, "viewer")
    today = date.today()
    ninety = client.get(
        "/w/acme/explore",
        params={"kpi": "revenue", "grain": "month", "from": "last_90_days", "to": "last_90_days"},
    )
    first = today - timedelta(days=90)
    heads = re.findall(r'<th scope="row">([^<]*)</th>', ninety.text)
    # the running month, cut at yesterday (whole when today is the first)
    assert heads[-1].endswith(" (partial)") == (today.day != 1)
    cut_first = first.day != 1
    assert heads[0].endswith(" (partial)") == cut_first
    assert all(not h.endswith("(partial)") for h in heads[1:-1])
    assert 'id="partial-note"' in ninety.text
    whole = client.get(
        "/w/acme/explore",
        params={"kpi": "revenue", "grain": "month", "from": "last_quarter", "to": "last_quarter"},
    )
    assert "(partial)" not in whole.text and 'id="partial-note"' not in whole.text
    days = client.get(
        "/w/acme/explore",
        params={"kpi": "revenue", "grain": "day", "from": "last_30_days", "to": "last_30_days"},
    )
    assert "(partial)" not in days.text  # a day is never cut
