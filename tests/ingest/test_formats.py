"""Every supported format and encoding gives the same rows; saved mappings work like options."""

from __future__ import annotations

import gzip
from pathlib import Path

import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from mpm.config import Settings
from mpm.ingest import IngestOptions, ingest_file
from tests.helpers import query

HEADER = ["Day", "Campagne", "Kosten", "Impressionen", "Klicks"]
ROWS = [
    ["2025-09-01", "Été – Soldes", "12.50", "1000", "10"],
    ["2025-09-01", 'Winter "Sale", multi\nline', "7.25", "500", "5"],
    ["2025-09-02", "Été – Soldes", "13.00", "1100", "11"],
]
MAP = {
    "date": "Day",
    "campaign": "Campagne",
    "spend": "Kosten",
    "impressions": "Impressionen",
    "clicks": "Klicks",
}
EXPECTED = [
    ("2025-09-01", 'Winter "Sale", multi\nline', 7.25, 500, 5),
    ("2025-09-01", "Été – Soldes", 12.5, 1000, 10),
    ("2025-09-02", "Été – Soldes", 13.0, 1100, 11),
]


def delimited(delimiter: str) -> str:
    def cell(value: str) -> str:
        if any(ch in value for ch in f'"\n{delimiter}'):
            return '"' + value.replace('"', '""') + '"'
        return value

    return "\n".join(delimiter.join(cell(v) for v in row) for row in [HEADER, *ROWS]) + "\n"


def write_xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Report: September"])  # a title line above the table
    sheet.append(HEADER)
    for day, campaign, cost, impressions, clicks in ROWS:
        sheet.append([day, campaign, float(cost), int(impressions), int(clicks)])
    book.save(path)


WRITERS = {
    "utf8.csv": lambda p: p.write_text(delimited(","), encoding="utf-8"),
    "utf8-bom.csv": lambda p: p.write_text(delimited(","), encoding="utf-8-sig"),
    "latin1.csv": lambda p: p.write_bytes(delimited(";").replace("–", "-").encode("latin-1")),
    "utf16.txt": lambda p: p.write_text(delimited("\t"), encoding="utf-16"),
    "tabs.tsv": lambda p: p.write_text(delimited("\t"), encoding="utf-8"),
    "pipes.csv": lambda p: p.write_text(delimited("|"), encoding="utf-8"),
    "gzipped.csv.gz": lambda p: p.write_bytes(gzip.compress(delimited(",").encode())),
    "table.parquet": lambda p: pq.write_table(
        pa.table({h: [r[i] for r in ROWS] for i, h in enumerate(HEADER)}), p
    ),
    "sheet.xlsx": write_xlsx,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_every_format_gives_the_same_rows(name: str, settings: Settings, tmp_path: Path) -> None:
    path = tmp_path / name
    WRITERS[name](path)
    report = ingest_file(
        path, options=IngestOptions(table="ad_performance", columns=MAP), settings=settings
    )
    assert report.rows == 3
    rows = query(
        settings,
        "SELECT date::VARCHAR, campaign, spend::DOUBLE, impressions, clicks FROM ad_performance "
        "ORDER BY date, campaign",
    )
    expected = EXPECTED
    if name == "latin1.csv":
        expected = [(d, c.replace("–", "-"), s, i, k) for d, c, s, i, k in EXPECTED]
    assert sorted(rows) == sorted(expected)


def test_saved_mapping_file_equals_command_line_options(settings: Settings, tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text(delimited(","), encoding="utf-8")
    mapping = tmp_path / "campaigns.yml"
    mapping.write_text(
        "table: ad_performance\n"
        "source: my_dsp\n"
        "columns: {date: Day, campaign: Campagne, spend: Kosten, impressions: Impressionen,"
        " clicks: Klicks}\n"
        "constants: {platform: other, currency: EUR}\n"
        "keep_extra: true\n"
    )
    fx = tmp_path / "fx.csv"
    fx.write_text("date,currency,base_currency,rate\n2025-08-31,EUR,USD,1.5\n")
    ingest_file(fx, options=IngestOptions(table="fx_rates"), settings=settings)
    report = ingest_file(data, options=IngestOptions(mapping_file=mapping), settings=settings)
    assert report.source == "my_dsp" and report.rows == 3
    assert query(settings, "SELECT DISTINCT platform, currency, _source FROM ad_performance") == [
        ("other", "EUR", "my_dsp")
    ]
    assert query(settings, "SELECT sum(spend_base)::DOUBLE FROM ad_performance") == [(49.125,)]


def test_mapping_file_with_an_unknown_key_is_refused(tmp_path: Path, settings: Settings) -> None:
    mapping = tmp_path / "bad.yml"
    mapping.write_text("table: ad_performance\ncolumns: {spend: Cost}\nfilter: x\n")
    data = tmp_path / "d.csv"
    data.write_text("Cost\n1\n")
    with pytest.raises(Exception, match="unknown key\\(s\\) filter"):
        ingest_file(data, options=IngestOptions(mapping_file=mapping), settings=settings)


def test_cli_generic_mapping_with_map_and_set(mpm, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    data = tmp_path / "data.csv"
    data.write_text(delimited(","), encoding="utf-8")
    args = ["ingest", str(data), "--table", "ad_performance", "--format", "json"]
    for canonical, column in MAP.items():
        args += ["--map", f"{canonical}={column}"]
    result = mpm(*args, "--set", "platform=tiktok_ads", "--keep-extra", check=True)
    assert '"rows": 3' in result.stdout and '"table": "ad_performance"' in result.stdout


def test_typed_fast_read_and_text_path_give_the_same_numbers(
    settings: Settings, tmp_path: Path
) -> None:
    """Plain numbers are converted by DuckDB's reader; one formatted cell sends the whole file
    through the text path. Both must store the same values."""
    header = "date,campaign,spend,impressions,clicks,conversions\n"
    plain = tmp_path / "plain.csv"
    plain.write_text(header + "2025-09-01,A,1234.50,10000,100,2.5\n2025-09-02,A,0.10,5,1,0\n")
    formatted = tmp_path / "formatted.csv"
    formatted.write_text(
        header + '2025-09-01,A,"$1,234.50","10,000",100,2.5\n2025-09-02,A,0.10,5,1,0\n'
    )
    sql = (
        "SELECT date::VARCHAR, spend, impressions, clicks, conversions FROM ad_performance "
        "ORDER BY date"
    )
    options = IngestOptions(table="ad_performance", constants={"platform": "other"})
    ingest_file(plain, options=options, settings=settings)
    typed_rows = query(settings, sql)
    ingest_file(formatted, options=options, settings=settings)
    assert query(settings, sql) == typed_rows
    assert [float(r[1]) for r in typed_rows] == [1234.5, 0.1]
