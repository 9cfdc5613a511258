"""What a preset is: how to recognise a platform export and map it onto a canonical table."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from mpm.ingest.mapping import Mapping
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import literal, quote


@dataclass(frozen=True)
class Preset:
    """A platform export: its header signature and a function building the mapping."""

    name: str
    label: str
    table: str
    # header cells that must all be present (case-insensitive); "A|B" accepts either name
    signature: tuple[str, ...]
    build: Callable[[FileLayout], Mapping]
    description: str = ""
    absent: tuple[str, ...] = ()  # header cells that must not be present (to tell look-alikes)

    def matches(self, cells: Sequence[str]) -> bool:
        have = {c.strip().lower() for c in cells}

        def present(cell: str) -> bool:
            return any(name.lower() in have for name in cell.split("|"))

        return all(present(s) for s in self.signature) and not any(present(a) for a in self.absent)


def find(columns: Sequence[str], *candidates: str) -> str | None:
    """The first file column equal (case-insensitive) to one of the candidates."""
    lowered = {c.lower(): c for c in columns}
    for candidate in candidates:
        if candidate.lower() in lowered:
            return lowered[candidate.lower()]
    return None


def find_pattern(columns: Sequence[str], pattern: str) -> str | None:
    """The first file column matching a regular expression (case-insensitive)."""
    rx = re.compile(pattern, re.IGNORECASE)
    return next((c for c in columns if rx.search(c)), None)


def currency_in_name(column: str | None) -> str | None:
    """`Amount spent (EUR)` → `EUR`."""
    if column is None:
        return None
    match = re.search(r"\(([A-Z]{3})\)\s*$", column)
    return match.group(1) if match else None


def any_cell_matches(columns: Sequence[str], pattern: str) -> str:
    """SQL: true when any raw cell of the row matches `pattern` (totals rows, footers)."""
    return " OR ".join(
        f"regexp_matches(coalesce({quote(c)}, ''), {literal(pattern)})" for c in columns
    )


def mapped(pairs: dict[str, str | None]) -> dict[str, str]:
    """Drop the canonical columns whose file column is absent."""
    return {k: v for k, v in pairs.items() if v is not None}


PERIOD_FORMATS = ("%B %d, %Y", "%d %B %Y", "%b %d, %Y", "%Y%m%d", "%Y-%m-%d", "%m/%d/%Y")


def parse_day(text: str) -> date | None:
    text = text.strip().strip('"')
    for fmt in PERIOD_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def single_day(start: str | None, end: str | None) -> str | None:
    """ISO day when a report period covers exactly one day, else None."""
    if start is None or end is None:
        return None
    first, last = parse_day(start), parse_day(end)
    if first is not None and first == last:
        return first.isoformat()
    return None
