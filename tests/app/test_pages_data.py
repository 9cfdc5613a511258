"""The data page against the real server: a refused upload lists each problem by file, row
and column and loads nothing; a good one shows its load report and appears in the history,
and a revert undoes it; viewers see no upload or revert control and a forged post of theirs
is refused; a new workspace is told what to upload."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from mpm import auth
from mpm.app.pages.data import STALE_DAYS, file_size, freshness
from mpm.auth import LIMITER
from mpm.services import data
from mpm.warehouse.stats import TableStats
from tests.app.conftest import Server
from tests.app.test_pages import form_token, sign_in
from tests.helpers import TEST_DATA

GOOGLE_ADS = TEST_DATA / "exports" / "google_ads_campaign_report_by_day.csv"


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def row_counts(server: Server, workspace: str) -> dict[str, int]:
    found = data.list_tables(auth.local_principal(), workspace, settings=server.settings)
    return {t.table: t.rows for t in found}


def load_ids(server: Server, workspace: str) -> list[int]:
    found = data.list_loads(auth.local_principal(), workspace, settings=server.settings)
    return [load.load_id for load in found]


def broken_export(tmp_path: Path) -> Path:
    """The Google Ads export with a date that is none (row 5) and a cost that is no amount
    (row 8); rows are the file's lines, as a spreadsheet numbers them."""
    lines = GOOGLE_ADS.read_text(encoding="utf-8").splitlines(keepends=True)
    table = list(csv.reader(io.StringIO("".join(lines[2:]))))
    cost = table[0].index("Cost")
    table[2][0] = "2025-13-45"  # line 5
    table[5][cost] = "lots"  # line 8
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(table)
    path = tmp_path / "campaigns broken.csv"
    path.write_text("".join(lines[:2]) + out.getvalue(), encoding="utf-8")
    return path


def form_csrf(html: str, action: str) -> str:
    """The CSRF token inside the form that posts to `action` (not the sign-out form's)."""
    assert f'action="{action}"' in html, f"no form posting to {action}"
    return form_token(html.split(f'action="{action}"', 1)[1].split("</form>", 1)[0], "csrf_token")


def upload(client: httpx.Client, workspace: str, path: Path, **fields: str) -> httpx.Response:
    """Upload through the page's form; a viewer (who has none) posts the session's token."""
    html, action = client.get(f"/w/{workspace}/data").text, f"/w/{workspace}/data/imports"
    csrf = form_csrf(html, action) if action in html else form_token(html, "csrf_token")
    with path.open("rb") as f:
        return client.post(
            f"/w/{workspace}/data/imports",
            data={"csrf_token": csrf, **fields},
            files={"file": (path.name, f, "text/csv")},
        )


def cells(html: str) -> list[list[str]]:
    """The rows of the problems table, as text."""
    body = html.split('class="data problems"', 1)[1].split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body.split("</tbody>", 1)[0], flags=re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
        for r in rows
    ]


def own_workspace(server: Server, slug: str) -> httpx.Client:
    """The owner signed in through the form, with a new workspace of theirs."""
    client = sign_in(server, "owner")
    csrf = form_token(client.get("/w/acme/data").text, "csrf_token")
    made = client.post("/api/v1/workspaces", json={"slug": slug}, headers={"X-CSRF-Token": csrf})
    assert made.status_code == 201, made.text
    return client


def test_a_broken_file_is_refused_by_row_and_column_and_nothing_is_loaded(
    server: Server, tmp_path: Path
) -> None:
    before, loads = row_counts(server, "acme"), load_ids(server, "acme")
    client = sign_in(server, "analyst")
    response = upload(client, "acme", broken_export(tmp_path))
    assert response.status_code == 422
    assert "Nothing was loaded." in response.text
    assert "campaigns broken.csv was not loaded" in response.text
    assert cells(response.text) == [
        ["campaigns broken.csv", "5", "Day", "not a valid date", "2025-13-45"],
        ["campaigns broken.csv", "8", "Cost", "not an amount", "lots"],
    ]
    assert 'enctype="multipart/form-data"' in response.text  # the form, to try again
    assert row_counts(server, "acme") == before
    assert load_ids(server, "acme") == loads


def test_the_upload_form_says_which_field_is_wrong(server: Server) -> None:
    client = sign_in(server, "analyst")
    csrf = form_csrf(client.get("/w/acme/data").text, "/w/acme/data/imports")
    response = client.post(
        "/w/acme/data/imports",
        data={"csrf_token": csrf, "map": "spend", "source": "google_adz"},
        files={"file": ("", b"", "application/octet-stream")},
    )
    assert response.status_code == 422
    text = response.text.replace("&#39;", "'")
    assert 'id="file-error">Choose a file to upload.' in text
    assert 'id="map-error">A column mapping expects canonical=value' in text
    assert "id=\"source-error\">Unknown preset 'google_adz'; did you mean" in text
    assert '<details class="upload-advanced" open>' in text  # the wrong option is shown


def test_a_good_file_shows_its_report_is_in_the_history_and_reverts(server: Server) -> None:
    client = own_workspace(server, "pages-data")
    empty = client.get("/w/pages-data/data")
    assert "No data yet" in empty.text and "tests/data/exports/" in empty.text
    assert "Google Ads campaign report" in empty.text  # what to download from where

    done = upload(client, "pages-data", GOOGLE_ADS)
    assert done.status_code == 303, done.text
    load_id = load_ids(server, "pages-data")[0]
    assert done.headers["location"].startswith(f"/w/pages-data/data?loaded={load_id}&skipped=")
    page = client.get(done.headers["location"])
    assert page.status_code == 200
    added = row_counts(server, "pages-data")["ad_performance"]
    assert added > 0
    report = page.text.split('id="report"', 1)[1].split("</section>", 1)[0]
    assert f"Loaded {GOOGLE_ADS.name}" in report and "<strong>ad_performance</strong>" in report
    assert re.search(rf"<dt>Rows added</dt><dd>{added}</dd>", report)
    assert "<dt>Rows skipped</dt><dd>5</dd>" in report  # the totals rows of the export
    assert "skipped 5 summary rows (totals)" in report
    history = page.text.split(f'id="load-{load_id}"', 1)[1].split("</tr>", 1)[0]
    assert GOOGLE_ADS.name in history and ">loaded<" in history and "Revert…" in history
    assert "No data yet" not in page.text

    revert = f"/w/pages-data/data/loads/{load_id}/revert"
    csrf = form_csrf(page.text, revert)
    undone = client.post(revert, data={"csrf_token": csrf})
    assert undone.status_code == 303
    after = client.get(undone.headers["location"])
    assert f"Load {load_id} ({GOOGLE_ADS.name}) is reverted: {added} rows removed" in after.text
    assert row_counts(server, "pages-data")["ad_performance"] == 0
    history = after.text.split(f'id="load-{load_id}"', 1)[1].split("</tr>", 1)[0]
    assert ">reverted<" in history and "Revert…" not in history

    again = client.post(revert, data={"csrf_token": csrf})
    assert again.status_code == 422
    assert f"Load {load_id} is already reverted." in again.text


def test_a_viewer_sees_no_upload_or_revert_and_a_forged_post_is_refused(
    server: Server,
) -> None:
    client = sign_in(server, "viewer")
    page = client.get("/w/acme/data")
    assert page.status_code == 200
    assert "Load history" in page.text and "Tables" in page.text
    assert "data/imports" not in page.text and "Revert…" not in page.text
    assert 'method="post"' not in page.text.replace('method="post" action="/logout"', "")
    before, loads = row_counts(server, "acme"), load_ids(server, "acme")
    forged = upload(client, "acme", GOOGLE_ADS)  # with the viewer's own, valid CSRF token
    assert forged.status_code == 403
    assert "text/html" in forged.headers["content-type"]
    csrf = form_token(page.text, "csrf_token")
    revert = client.post(f"/w/acme/data/loads/{loads[0]}/revert", data={"csrf_token": csrf})
    assert revert.status_code == 403
    assert row_counts(server, "acme") == before
    assert load_ids(server, "acme") == loads


def test_a_post_without_the_sessions_token_is_refused(server: Server) -> None:
    client = sign_in(server, "analyst")
    loads = load_ids(server, "acme")
    with GOOGLE_ADS.open("rb") as f:
        response = client.post(
            "/w/acme/data/imports",
            data={"csrf_token": "forged"},
            files={"file": (GOOGLE_ADS.name, f, "text/csv")},
        )
    assert response.status_code == 403
    assert load_ids(server, "acme") == loads


def test_tables_whose_newest_date_is_a_week_old_are_stale() -> None:
    today = date(2026, 12, 4)
    old, recent = date(2026, 11, 26), date(2026, 11, 27)  # 8 and 7 days before
    tables = [
        TableStats("ad_performance", 10, old, old, None, None),
        TableStats("web_traffic", 10, recent, recent, None, None),
        TableStats("orders", 0, None, None, None, None),
        TableStats("leads", 5, old, old, None, None),
    ]
    found = {f.table: f for f in freshness(tables, today)}
    assert STALE_DAYS == 7
    assert found["ad_performance"].stale and not found["web_traffic"].stale
    assert found["leads"].stale  # every table, not only platform ones
    assert not found["orders"].stale  # empty, not stale
    assert [f.table for f in freshness(tables, today)][-1] == "orders"  # empty tables last


def test_the_upload_limit_is_said_in_bytes_people_read() -> None:
    assert file_size(2 * 1024**3) == "2 GB"
    assert file_size(1536 * 1024) == "1.5 MB"
    assert file_size(500) == "500 bytes"
