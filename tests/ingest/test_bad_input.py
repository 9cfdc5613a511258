"""Bad input gets one clear error naming file, row and column, and the warehouse is unchanged."""

from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from mpm.config import Settings
from mpm.errors import IngestError, UserError
from mpm.ingest import IngestOptions, ingest_file
from tests.helpers import query, snapshot

HEADER = "date,platform,account,campaign_id,campaign,ad_group,currency,spend,impressions,clicks"
GOOD_ROWS = [
    "2025-09-01,google_ads,acme,1,Brand,Exact,USD,10.50,1000,50",
    "2025-09-01,google_ads,acme,2,Generic,Broad,USD,20.00,2000,40",
    "2025-09-02,google_ads,acme,1,Brand,Exact,USD,11.00,1100,55",
]


def csv_text(*rows: str, header: str = HEADER) -> str:
    return "\n".join([header, *rows]) + "\n"


@dataclass
class Case:
    name: str
    content: bytes | str
    message: str
    row: int | None = None
    column: str | None = None
    options: dict[str, object] = field(default_factory=dict)
    suffix: str = ".csv"


def with_row(row: str) -> str:
    return csv_text(*GOOD_ROWS, row)


CASES = [
    Case(
        "truncated file",
        csv_text(*GOOD_ROWS) + "2025-09-03,google_ads,acme,1,Br",
        "fields where the header has",
        row=5,
    ),
    Case(
        "unterminated quote",
        csv_text(*GOOD_ROWS) + '2025-09-03,google_ads,acme,1,"Brand,Exact,USD,1,1,1\n',
        "unterminated quoted field",
    ),
    Case(
        "wrong delimiter forced",
        csv_text(*GOOD_ROWS).replace(",", ";"),
        "missing required column",
        options={"delimiter": ","},
    ),
    Case("binary garbage", bytes(range(256)) * 40, "not a text table"),
    Case("empty file", b"", "the file is empty"),
    Case("only blank lines", b"\n\n\n", "the file is empty"),
    Case("header only", HEADER + "\n", "header but no data rows"),
    Case(
        "missing required column",
        csv_text("google_ads,acme,1,Brand,Exact,USD,1,1,1", header=HEADER.replace("date,", "")),
        "missing required column date",
    ),
    Case(
        "text in a numeric column",
        with_row("2025-09-03,google_ads,acme,1,Brand,Exact,USD,ten dollars,1000,5"),
        "not an amount",
        row=5,
        column="spend",
    ),
    Case(
        "fractional count",
        with_row("2025-09-03,google_ads,acme,1,Brand,Exact,USD,1,1000,5.5"),
        "not a whole number",
        row=5,
        column="clicks",
    ),
    Case(
        "negative spend",
        with_row("2025-09-03,google_ads,acme,1,Brand,Exact,USD,-5,1000,5"),
        "negative value",
        row=5,
        column="spend",
    ),
    Case(
        "clicks above impressions",
        with_row("2025-09-03,google_ads,acme,1,Brand,Exact,USD,5,10,50"),
        "clicks exceeds impressions",
        row=5,
        column="clicks",
    ),
    Case(
        "31 February",
        with_row("2025-02-31,google_ads,acme,1,Brand,Exact,USD,5,100,5"),
        "not a valid date",
        row=5,
        column="date",
    ),
    Case(
        "month 13",
        with_row("2025-13-01,google_ads,acme,1,Brand,Exact,USD,5,100,5"),
        "not a valid date",
        row=5,
        column="date",
    ),
    Case(
        "year 1900",
        with_row("1900-01-01,google_ads,acme,1,Brand,Exact,USD,5,100,5"),
        "date out of range",
        row=5,
        column="date",
    ),
    Case(
        "far future",
        with_row("2999-01-01,google_ads,acme,1,Brand,Exact,USD,5,100,5"),
        "date out of range",
        row=5,
        column="date",
    ),
    Case(
        "unknown currency",
        with_row("2025-09-03,google_ads,acme,1,Brand,Exact,XYZ,5,100,5"),
        "unknown currency code",
        row=5,
        column="currency",
    ),
    Case(
        "currency without exchange rate",
        with_row("2025-09-03,google_ads,acme,1,Brand,Exact,EUR,5,100,5"),
        "no exchange rate EUR→USD",
        row=5,
        column="currency",
    ),
    Case(
        "duplicate keys", with_row(GOOD_ROWS[0].replace("10.50", "99")), "duplicate of row 2", row=5
    ),
    Case(
        "10k-character string",
        with_row("2025-09-03,google_ads,acme,1," + "x" * 10_000 + ",Exact,USD,5,100,5"),
        "longer than 1000 characters",
        row=5,
        column="campaign",
    ),
    Case(
        "formula injection",
        with_row(
            '2025-09-03,google_ads,acme,1,"=HYPERLINK(""http://evil.example"",""x"")",Exact,USD,5,100,5'
        ),
        "spreadsheet formula",
        row=5,
        column="campaign",
    ),
    Case(
        "formula injection with @",
        with_row("2025-09-03,google_ads,acme,1,@SUM(A1:A2),Exact,USD,5,100,5"),
        "spreadsheet formula",
        row=5,
        column="campaign",
    ),
    Case(
        "missing campaign value",
        with_row("2025-09-03,google_ads,acme,1,,Exact,USD,5,100,5"),
        "missing value",
        row=5,
        column="campaign",
    ),
    Case(
        "map to an absent column",
        csv_text(*GOOD_ROWS),
        "no column 'Cost' to map to spend",
        options={"columns": {"spend": "Cost"}},
    ),
    Case(
        "map to an unknown canonical column",
        csv_text(*GOOD_ROWS),
        "has no column 'spent'; did you mean spend",
        options={"columns": {"spent": "spend"}},
    ),
    Case(
        "unknown table",
        csv_text(*GOOD_ROWS),
        "unknown table 'ad_performence'; did you mean ad_performance",
        options={"table": "ad_performence"},
    ),
    Case(
        "unknown preset",
        csv_text(*GOOD_ROWS),
        "unknown preset 'google_ad'",
        options={"preset": "google_ad", "table": None},
    ),
    Case(
        "corrupt XLSX",
        b"PK\x03\x04" + b"not really a zip" * 20,
        "cannot read the XLSX",
        suffix=".xlsx",
    ),
    Case(
        "corrupt Parquet",
        b"PAR1" + b"\x00garbage" * 20,
        "cannot read the Parquet",
        suffix=".parquet",
    ),
    Case(
        "truncated gzip",
        gzip.compress(csv_text(*GOOD_ROWS * 200).encode())[:300],
        "cannot read the compressed file",
        suffix=".csv.gz",
    ),
]


def good_base(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "base.csv"
    path.write_text(csv_text(*GOOD_ROWS))
    ingest_file(
        path, options=IngestOptions(table="ad_performance", source_name="test"), settings=settings
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_refused_clearly_and_changes_nothing(
    case: Case, settings: Settings, tmp_path: Path
) -> None:
    good_base(settings, tmp_path)
    before = snapshot(settings)
    path = tmp_path / f"bad{case.suffix}"
    path.write_bytes(case.content if isinstance(case.content, bytes) else case.content.encode())
    options = {"table": "ad_performance", "source_name": "test", **case.options}
    with pytest.raises(UserError) as caught:
        ingest_file(path, options=IngestOptions(**options), settings=settings)  # type: ignore[arg-type]
    error = caught.value
    assert (
        path.name in str(error)
        or not isinstance(error, IngestError)
        or case.name.startswith("unknown")
    )
    assert case.message in str(error)
    if case.row is not None or case.column is not None:
        assert isinstance(error, IngestError)
        first = error.problems[0]
        if case.row is not None:
            assert first.row == case.row
        if case.column is not None:
            assert first.column == case.column
    assert snapshot(settings) == before


def test_many_problems_show_the_first_twenty_and_count_the_rest(
    settings: Settings, tmp_path: Path
) -> None:
    good_base(settings, tmp_path)
    rows = [f"2025-10-{d:02d},google_ads,acme,1,Brand,Exact,USD,-{d},100,5" for d in range(1, 31)]
    rows += [f"2025-11-{d:02d},google_ads,acme,1,Brand,Exact,USD,1,1,{d + 1}" for d in range(1, 21)]
    path = tmp_path / "many.csv"
    path.write_text(csv_text(*rows))
    with pytest.raises(IngestError) as caught:
        ingest_file(path, options=IngestOptions(table="ad_performance"), settings=settings)
    error = caught.value
    assert error.total == 50
    assert len(error.problems) == 20
    assert [p.row for p in error.problems] == list(range(2, 22))
    assert error.details()[-1] == "... and 30 more problems"
    assert "many.csv: 50 problems, nothing was loaded" in str(error)


def test_file_over_the_size_limit_is_refused(home: Path, tmp_path: Path) -> None:
    small = Settings(home=home, max_upload_bytes=100)
    path = tmp_path / "big.csv"
    path.write_text(csv_text(*GOOD_ROWS * 5))
    with pytest.raises(IngestError, match="larger than the limit of 100 bytes"):
        ingest_file(path, options=IngestOptions(table="ad_performance"), settings=small)


def test_semicolon_file_is_read_with_its_own_delimiter(settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / "semi.csv"
    path.write_text(csv_text(*GOOD_ROWS).replace(",", ";"))
    report = ingest_file(path, options=IngestOptions(table="ad_performance"), settings=settings)
    assert report.rows == 3
    assert query(settings, "SELECT sum(clicks) FROM ad_performance") == [(145,)]


def test_cli_error_is_one_line_on_stderr_with_non_zero_exit(mpm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "neg.csv"
    path.write_text(with_row("2025-09-03,google_ads,acme,1,Brand,Exact,USD,-5,1000,5"))
    result = mpm("ingest", str(path), "--table", "ad_performance")
    assert result.returncode == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert lines == ["error: neg.csv: row 5, column 'spend': negative value (value '-5')"]
    assert "Traceback" not in result.stderr
