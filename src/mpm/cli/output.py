"""Render records as a table (for people), JSON (a list of flat records) or CSV."""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ") if value.tzinfo is None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, float):
        return f"{value:,.2f}"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    return str(_plain(value))


def emit(
    records: Sequence[dict[str, Any]],
    fmt: Format,
    *,
    title: str | None = None,
    empty: str = "nothing to show",
) -> None:
    """Print records to stdout in the chosen format."""
    if fmt is Format.table:
        _table(records, title, empty)
        return
    rows = [{k: _plain(v) for k, v in r.items()} for r in records]
    if fmt is Format.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    if fmt is Format.csv:
        buffer = io.StringIO()
        if rows:
            writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow(
                    {k: json.dumps(v) if isinstance(v, list) else v for k, v in row.items()}
                )
        sys.stdout.write(buffer.getvalue())


NUMBER_TEXT = re.compile(r"^[+-]?[\d,]*\.?\d+[%kMB]?(–[+-]?[\d,]*\.?\d+[%kMB]?)?$")


def _numeric(value: Any) -> bool:
    """Numbers, and numbers already formatted as text (percentages)."""
    if value is None or isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(NUMBER_TEXT.match(value))


def _table(rows: Sequence[dict[str, Any]], title: str | None, empty: str) -> None:
    console = Console()
    if not rows:
        console.print(f"[dim]{empty}[/dim]")
        return
    table = Table(title=title, header_style="bold")
    keys = list(rows[0])
    cells = [[_cell(r.get(k)) for k in keys] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(keys))]
    numeric = [all(_numeric(r.get(k)) for r in rows) for k in keys]
    # text keeps its usual width (up to 24) when the table fits the terminal, else folds
    usual = [
        w if n else min(max(w, len(k)), 24) for k, w, n in zip(keys, widths, numeric, strict=True)
    ]
    fits = sum(usual) + 3 * len(keys) + 1 <= console.width
    for key, width, number, keep in zip(keys, widths, numeric, usual, strict=True):
        if number:  # numbers are never cut
            table.add_column(key, justify="right", no_wrap=True, min_width=width)
        else:
            table.add_column(key, overflow="fold", min_width=keep if fits else min(len(key), 12))
    for row in cells:
        table.add_row(*(Text(c) for c in row))  # user text is never read as markup
    console.print(table)


def emit_one(record: dict[str, Any], fmt: Format) -> None:
    """A single result: a JSON object, one CSV row, or a two-column table."""
    if fmt is Format.json:
        sys.stdout.write(
            json.dumps({k: _plain(v) for k, v in record.items()}, ensure_ascii=False) + "\n"
        )
        return
    if fmt is Format.csv:
        emit([record], fmt)
        return
    table = Table(show_header=False, box=None)
    table.add_column(style="bold")
    table.add_column()
    for key, value in record.items():
        table.add_row(key, Text(_cell(value)))
    Console().print(table)
