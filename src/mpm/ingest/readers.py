"""Read any supported file into a DuckDB temp table of raw cells, one row per record.

Formats: CSV/TSV with any delimiter (UTF-8 with or without BOM, UTF-16, Latin-1; quoted fields
with newlines), gzip'd CSV, Parquet, XLSX. Text files stream through DuckDB's CSV reader, never a
whole-file pandas frame. The raw table has `_row` (the spreadsheet row number, header = row of the
header line) and one column per header cell, named after it (duplicates get " (2)", ...).
"""

from __future__ import annotations

import codecs
import csv
import gzip
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import duckdb

from mpm.errors import HeaderNotFound, IngestError
from mpm.ingest.sql import literal
from mpm.warehouse import quote

SAMPLE_BYTES = 256 * 1024
HEADER_SEARCH_LINES = 40
DELIMITERS = (",", "\t", ";", "|")
RAW = "_raw"  # the file as text cells, with `_row` (spreadsheet row number)
RAW_FAST = "_raw_fast"  # the same without `_row`: read in parallel, for the happy path


@dataclass(frozen=True)
class FileLayout:
    """Where the table sits in a file and how to parse it."""

    path: Path
    format: str  # csv | parquet | xlsx
    encoding: str = "utf-8"  # utf-8 | utf-16 | latin-1 (DuckDB built-in encodings)
    compression: str = "none"  # none | gzip
    delimiter: str = ","
    header_line: int = 0  # 0-based physical line of the header
    columns: tuple[str, ...] = ()
    preamble: tuple[str, ...] = ()
    footer_lines: int = 0  # lines after the table, past a blank line (e.g. a copyright notice)

    @property
    def name(self) -> str:
        return self.path.name


HeaderMatcher = Callable[[Sequence[str]], bool]


def detect_format(path: Path) -> tuple[str, str]:
    """(format, compression) from the file's first bytes, not its name."""
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(b"PAR1"):
        return "parquet", "none"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx", "none"
    if head.startswith(b"\x1f\x8b"):
        return "csv", "gzip"
    return "csv", "none"


def _sample_bytes(path: Path, compression: str) -> bytes:
    opener = gzip.open if compression == "gzip" else open
    try:
        with opener(path, "rb") as fh:  # type: ignore[operator]
            return fh.read(SAMPLE_BYTES)
    except (OSError, EOFError) as exc:
        raise IngestError.single(path.name, f"cannot read the compressed file: {exc}") from exc


def detect_encoding(sample: bytes) -> str:
    """utf-8, utf-16 (by BOM) or latin-1 (when the sample is not valid UTF-8)."""
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        # a multi-byte character cut by the sample boundary is still UTF-8
        if exc.start < len(sample) - 4:
            return "latin-1"
    return "utf-8"


def _decode(sample: bytes, encoding: str) -> str:
    if encoding == "utf-16":
        return sample.decode("utf-16", errors="ignore")
    text = sample.decode("utf-8" if encoding == "utf-8" else "latin-1", errors="ignore")
    return text.removeprefix("\ufeff")


def _looks_binary(text: str) -> bool:
    if "\x00" in text:
        return True
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\r\n\t\f")
    return control > 8


def _choose_delimiter(lines: list[str], header_index: int) -> str:
    """The candidate that splits the header and the next lines into the same, largest width."""
    best, best_width = ",", 1
    window = lines[header_index : header_index + 10]
    for delim in DELIMITERS:
        widths = [len(next(csv.reader([ln], delimiter=delim), [])) for ln in window if ln.strip()]
        if not widths:
            continue
        header_width = widths[0]
        consistent = sum(1 for w in widths[1:] if w == header_width)
        if header_width > best_width and (consistent >= len(widths[1:]) // 2):
            best, best_width = delim, header_width
    return best


def dedupe(names: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    out = []
    for raw in names:
        name = raw.strip() or f"column {len(out) + 1}"
        seen[name] = seen.get(name, 0) + 1
        out.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return tuple(out)


def inspect_text(
    path: Path,
    *,
    compression: str,
    delimiter: str | None = None,
    header: HeaderMatcher | None = None,
    encoding: str | None = None,
) -> FileLayout:
    """Find encoding, delimiter and header line of a delimited text file."""
    sample = _sample_bytes(path, compression)
    if not sample.strip(b"\xef\xbb\xbf\xff\xfe \r\n\t"):
        raise IngestError.single(path.name, "the file is empty")
    enc = encoding or detect_encoding(sample)
    text = _decode(sample, enc)
    if _looks_binary(text):
        raise IngestError.single(
            path.name,
            "this is not a text table (binary content); export it as CSV, XLSX or Parquet",
        )
    lines = text.splitlines()[:HEADER_SEARCH_LINES]
    header_index = _find_header(lines, delimiter, header)
    if header_index is None:
        raise HeaderNotFound.single(
            path.name,
            "could not find the header line of the expected export in the first "
            f"{HEADER_SEARCH_LINES} lines",
        )
    delim = delimiter or _choose_delimiter(lines, header_index)
    cells = next(csv.reader([lines[header_index]], delimiter=delim), [])
    return FileLayout(
        path=path,
        format="csv",
        encoding=enc,
        compression=compression,
        delimiter=delim,
        header_line=header_index,
        columns=dedupe(cells),
        preamble=tuple(lines[:header_index]),
        footer_lines=_footer_lines(_tail(path, sample, enc, compression), delim, len(cells)),
    )


def _tail(path: Path, sample: bytes, encoding: str, compression: str) -> str:
    """The file's last few KB as text ('' for compressed files, which cannot seek)."""
    size = path.stat().st_size
    if compression != "none":
        return ""
    if size <= len(sample):
        return _decode(sample, encoding)
    with path.open("rb") as fh:
        fh.seek(size - 4096)
        tail = fh.read()
    if encoding == "utf-16":
        codec = "utf-16-be" if sample.startswith(codecs.BOM_UTF16_BE) else "utf-16-le"
        return tail.decode(codec, errors="ignore")
    return tail.decode("utf-8" if encoding == "utf-8" else "latin-1", errors="ignore")


def _footer_lines(tail: str, delimiter: str, width: int) -> int:
    """Single-cell lines that end the file after a blank line, like Microsoft Advertising's
    `"©2025 Microsoft Corporation. All rights reserved."`; 0 when there are none.

    A truncated last row is not a footer: it has no blank line before it, or unbalanced quotes.
    """
    lines = tail.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    count = 0
    while lines and lines[-1].strip():
        line = lines.pop()
        cells = next(csv.reader([line], delimiter=delimiter), [])
        if width < 2 or len(cells) != 1 or line.count('"') % 2:
            return 0
        count += 1
    return count if lines else 0


def _find_header(
    lines: list[str], delimiter: str | None, header: HeaderMatcher | None
) -> int | None:
    for index, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if header is None:
            return index
        for delim in [delimiter] if delimiter else DELIMITERS:
            cells = [c.strip() for c in next(csv.reader([line], delimiter=delim), [])]
            if header(cells):
                return index
    return None


CSV_LINE = re.compile(r"Line:\s*(\d+)")


def load_raw(con: duckdb.DuckDBPyConnection, layout: FileLayout) -> None:
    """Make `_raw` available: a view that streams the file, or (XLSX, footers) a small table.

    A view means the file is read once, by the statement that stages it; CSV errors therefore
    surface there, and `csv_error` turns them into an IngestError.
    """
    con.execute(f"DROP VIEW IF EXISTS {RAW_FAST}")
    con.execute(f"DROP VIEW IF EXISTS {RAW}")
    con.execute(f"DROP TABLE IF EXISTS {RAW}")
    if layout.format == "parquet":
        _load_parquet(con, layout)
    elif layout.format == "xlsx":
        _load_xlsx(con, layout)
    else:
        _load_csv(con, layout)
    if not con.execute(  # a literal, not a parameter: parameters make DuckDB import pandas
        f"SELECT 1 FROM duckdb_views() WHERE view_name = {literal(RAW_FAST)} AND temporary"
    ).fetchone():
        con.execute(f"CREATE TEMP VIEW {RAW_FAST} AS SELECT * EXCLUDE (_row) FROM {RAW}")


def _csv_reader(layout: FileLayout, types: dict[str, str] | None = None) -> str:
    """DuckDB's CSV reader over the file's table; columns are text unless `types` says so.

    With `types`, cells that do not convert are set aside in `_rejects` instead of failing.
    """
    types = types or {}
    columns = ", ".join(
        f"'c{i}': {literal(types.get(name, 'VARCHAR'))}" for i, name in enumerate(layout.columns)
    )
    padding = "true" if layout.footer_lines else "false"
    rejects = ", store_rejects=true, rejects_table='_rejects', rejects_scan='_reject_scans'"
    return (
        f"read_csv({literal(str(layout.path))}, header=false, skip={layout.header_line + 1}, "
        f"columns={{{columns}}}, delim={literal(layout.delimiter)}, quote='\"', escape='\"', "
        f"encoding={literal(layout.encoding)}, compression={literal(layout.compression)}, "
        f"auto_detect=false, strict_mode=true, null_padding={padding}, "
        f"max_line_size=20000000{rejects if types else ''})"
    )


def _named(layout: FileLayout) -> str:
    """The reader's positional columns under the file's header names."""
    return ", ".join(f"c{i} AS {quote(name)}" for i, name in enumerate(layout.columns))


def typed_reader(layout: FileLayout, types: dict[str, str]) -> str | None:
    """A SELECT reading the file with some columns typed by DuckDB's own parser (fast), or
    None when the layout needs the text path (not CSV, or a footer to drop)."""
    if layout.format != "csv" or layout.footer_lines or not types:
        return None
    return f"(SELECT {_named(layout)} FROM {_csv_reader(layout, types)})"


def rejected_rows(con: duckdb.DuckDBPyConnection) -> int:
    """Rows the last typed read set aside (0 when none, or no typed read ran)."""
    if not con.execute("SELECT 1 FROM duckdb_tables() WHERE table_name = '_rejects'").fetchone():
        return 0
    row = con.execute("SELECT count(*) FROM _rejects").fetchone()
    return int(row[0]) if row else 0


def _load_csv(con: duckdb.DuckDBPyConnection, layout: FileLayout) -> None:
    first_row = layout.header_line + 2  # spreadsheet row of the first record
    select = _named(layout)
    reader = _csv_reader(layout)
    body = (
        f"SELECT (row_number() OVER () + {first_row - 1})::BIGINT AS _row, {select} FROM {reader}"
    )
    if not layout.footer_lines:
        con.execute(f"CREATE TEMP VIEW {RAW} AS {body}")
        con.execute(f"CREATE TEMP VIEW {RAW_FAST} AS SELECT {select} FROM {reader}")
        return
    try:  # a footer (copyright line) is dropped: such exports are small, so read them here
        con.execute(f"CREATE TEMP TABLE {RAW} AS {body}")
    except duckdb.Error as exc:
        raise csv_error(layout, exc) from exc
    con.execute(
        f"DELETE FROM {RAW} WHERE _row > (SELECT max(_row) FROM {RAW}) - {layout.footer_lines}"
    )


def csv_error(layout: FileLayout, exc: Exception) -> IngestError:
    message = str(exc)
    match = CSV_LINE.search(message)
    row = int(match.group(1)) if match else None
    first = message.splitlines()[0] if message else "unreadable file"
    lowered = message.lower()
    if (
        "expected number of columns" in lowered
        or "too many columns" in lowered
        or ("found" in lowered and "columns" in lowered)
    ):
        found = re.search(r"Found:\s*(\d+)", message)
        text = (
            f"has {found.group(1)} fields where the header has {len(layout.columns)}"
            if found
            else f"does not have the {len(layout.columns)} fields of the header"
        )
        return IngestError.single(
            layout.name, f"{text} (truncated file or wrong delimiter?)", row=row
        )
    if "unterminated quote" in lowered or "quote" in lowered:
        return IngestError.single(
            layout.name, "unterminated quoted field (truncated file?)", row=row
        )
    if "unicode" in lowered or "utf" in lowered:
        return IngestError.single(
            layout.name, "the text is not valid in the detected encoding; save it as UTF-8", row=row
        )
    if "gzip" in lowered or "compress" in lowered:
        return IngestError.single(layout.name, f"cannot read the compressed file: {first}")
    if "maximum line size" in lowered:
        return IngestError.single(layout.name, "a line is longer than 20 MB", row=row)
    return IngestError.single(layout.name, f"cannot parse the file: {first}", row=row)


def _load_parquet(con: duckdb.DuckDBPyConnection, layout: FileLayout) -> None:
    # columns by position (#1, #2, ...): the names were read once, by inspect_parquet
    select = ", ".join(
        f"CAST(#{i} AS VARCHAR) AS {quote(name)}" for i, name in enumerate(layout.columns, 1)
    )
    con.execute(
        f"CREATE TEMP VIEW {RAW} AS SELECT (file_row_number + 2)::BIGINT AS _row, {select} "
        f"FROM read_parquet({literal(str(layout.path))}, file_row_number=true)"
    )


def _xlsx_rows(path: Path, *, limit: int | None = None) -> list[list[object]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_path(str(path))
        sheet = book.get_sheet_by_index(0)
        rows = sheet.to_python(nrows=limit) if limit else sheet.to_python()
    except Exception as exc:  # calamine raises its own error types for broken workbooks
        raise IngestError.single(path.name, f"cannot read the XLSX workbook: {exc}") from exc
    return [list(r) for r in rows]


def _cell_text(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat(sep=" ") if hasattr(value, "hour") else value.isoformat()  # type: ignore[call-arg]
    return str(value)


def inspect_xlsx(path: Path, header: HeaderMatcher | None = None) -> FileLayout:
    rows = _xlsx_rows(path, limit=HEADER_SEARCH_LINES)
    for index, row in enumerate(rows):
        cells = [(_cell_text(v) or "").strip() for v in row]
        if not any(cells):
            continue
        if header is None or header(cells):
            while cells and not cells[-1]:
                cells.pop()
            return FileLayout(
                path=path,
                format="xlsx",
                header_line=index,
                columns=dedupe(cells),
                preamble=tuple(",".join(str(c or "") for c in r) for r in rows[:index]),
            )
    raise HeaderNotFound.single(path.name, "could not find the header line in the first sheet")


def _load_xlsx(con: duckdb.DuckDBPyConnection, layout: FileLayout) -> None:
    import pyarrow as pa

    rows = _xlsx_rows(layout.path)[layout.header_line + 1 :]
    width = len(layout.columns)
    columns: list[list[str | None]] = [[] for _ in range(width)]
    for row in rows:
        for i in range(width):
            columns[i].append(_cell_text(row[i]) if i < len(row) else None)
    first_row = layout.header_line + 2
    arrays = [pa.array(range(first_row, first_row + len(rows)), pa.int64())]
    arrays += [pa.array(col, pa.string()) for col in columns]
    table = pa.Table.from_arrays(arrays, names=["_row", *layout.columns])
    con.register("_xlsx_arrow", table)
    con.execute(f"CREATE TEMP TABLE {RAW} AS SELECT * FROM _xlsx_arrow")
    con.unregister("_xlsx_arrow")


def inspect_parquet(path: Path) -> FileLayout:
    import pyarrow.parquet as pq

    try:
        names = pq.read_schema(path).names
    except Exception as exc:  # pyarrow raises several types for broken files
        raise IngestError.single(path.name, f"cannot read the Parquet file: {exc}") from exc
    return FileLayout(path=path, format="parquet", columns=dedupe(names))


def inspect_file(
    path: Path,
    *,
    delimiter: str | None = None,
    header: HeaderMatcher | None = None,
    encoding: str | None = None,
) -> FileLayout:
    """The layout of any supported file; `header` recognises a preset's header line."""
    if not path.exists():
        raise IngestError.single(path.name, "file not found")
    if path.stat().st_size == 0:
        raise IngestError.single(path.name, "the file is empty")
    fmt, compression = detect_format(path)
    if fmt == "parquet":
        return inspect_parquet(path)
    if fmt == "xlsx":
        return inspect_xlsx(path, header)
    return inspect_text(
        path, compression=compression, delimiter=delimiter, header=header, encoding=encoding
    )


__all__ = [
    "RAW",
    "RAW_FAST",
    "FileLayout",
    "HeaderMatcher",
    "detect_format",
    "inspect_file",
    "load_raw",
    "rejected_rows",
    "typed_reader",
]
