"""Validation of a staged file: every rule as a SQL condition, counted in one scan.

Only when something fails are the failing rows listed (the first 20, with the file's raw cell
values) and counted exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import duckdb

from mpm.errors import Problem
from mpm.ingest.readers import RAW
from mpm.ingest.sql import literal, quote
from mpm.model.currencies import CURRENCIES
from mpm.model.tables import Kind, Table

MAX_TEXT = 1000
MIN_DATE = date(2000, 1, 1)
FORMULA = r"^[=+\-@][A-Za-z_ ]*[A-Za-z_]+\s*\("
SHOWN = 20
GUARD_ERROR = "mpm: a row breaks a validation rule"  # raised by error() inside a statement


@dataclass(frozen=True)
class Check:
    """Rows where `condition` holds are refused with `message`, at `column` (the file's name)."""

    condition: str
    column: str | None
    message: str


def table_checks(
    table: Table,
    given: set[str],
    label: dict[str, str],
    today: date,
    flagged: set[str] | None = None,
) -> list[Check]:
    """The model's rules for a table: required values, signs, ranges, text, row checks.

    `flagged` fields have a parse flag: a cell that did not parse is reported as such, not
    also as missing.
    """
    latest = today + timedelta(days=366)
    checks = []
    for column in table.columns:
        name, q = column.name, quote(column.name)
        shown = label.get(name, name)
        if column.required:
            empty = f" OR {q} = ''" if column.kind is Kind.TEXT else ""
            unparsed = f" AND NOT {quote('!' + name)}" if name in (flagged or set()) else ""
            checks.append(Check(f"({q} IS NULL{empty}){unparsed}", shown, "missing value"))
        if name not in given:
            continue
        if column.non_negative:
            checks.append(Check(f"{q} < 0", shown, "negative value"))
        if column.kind in (Kind.DATE, Kind.TIMESTAMP):
            checks.append(
                Check(
                    f"CAST({q} AS DATE) NOT BETWEEN DATE '{MIN_DATE}' AND DATE '{latest}'",
                    shown,
                    f"date out of range (expected {MIN_DATE.year} to {latest.year})",
                )
            )
        if column.kind is Kind.TEXT:
            checks.append(
                Check(
                    # bytes first (constant time): characters are counted only past the limit
                    f"strlen({q}) > {MAX_TEXT} AND length({q}) > {MAX_TEXT}",
                    shown,
                    f"text longer than {MAX_TEXT} characters",
                )
            )
            checks.append(
                Check(
                    # the first character's code first (= + - @): the regex runs only on
                    # the rare cells that start like a formula
                    f"ascii({q}) IN (61, 43, 45, 64) AND regexp_matches({q}, {literal(FORMULA)})",
                    shown,
                    "looks like a spreadsheet formula (formula injection); remove the leading "
                    "'=', '+', '-' or '@'",
                )
            )
    for rule in table.checks:
        if rule.smaller in given and rule.larger in given:
            larger = label.get(rule.larger, rule.larger)
            larger_label = f" ({larger})" if larger != rule.larger else ""
            checks.append(
                Check(
                    f"{quote(rule.smaller)} > {quote(rule.larger)}",
                    label.get(rule.smaller, rule.smaller),
                    f"{rule.smaller} exceeds {rule.larger}{larger_label}",
                )
            )
    return checks


def currency_checks(
    table: Table, label: dict[str, str], currencies: dict[str, set[str]]
) -> list[Check]:
    """Rows with a currency code outside ISO 4217; `currencies` are the codes each currency
    column of the file uses (one distinct scan), so only unknown ones are tested row by row."""
    checks = []
    for name, codes in currencies.items():
        unknown = sorted(codes - CURRENCIES)
        if unknown:
            listed = ", ".join(literal(c) for c in unknown)
            shown = label.get(name, name)
            checks.append(Check(f"{quote(name)} IN ({listed})", shown, "unknown currency code"))
    return checks


def _key_hash(natural_key: Sequence[str]) -> str:
    return f"hash({', '.join(quote(k) for k in natural_key)})"


NEW_KEYS = "_new_keys"


def hash_new_keys(con: duckdb.DuckDBPyConnection, final: str, natural_key: Sequence[str]) -> None:
    """One 64-bit hash of each new row's natural key: the duplicate test, and (at load) the
    count of replaced rows, then read this small column instead of the whole file again."""
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {NEW_KEYS} AS SELECT {_key_hash(natural_key)} AS h "
        f"FROM {final}"
    )


def _failing(con: duckdb.DuckDBPyConnection, source: str, checks: Sequence[Check]) -> list[Check]:
    """The checks some row of `source` fails: every rule counted in one scan."""
    if not checks:
        return []
    counts_sql = ", ".join(f"count(*) FILTER (WHERE {c.condition})" for c in checks)
    counts = con.execute(f"SELECT {counts_sql} FROM {source}").fetchone() or ()
    return [c for c, n in zip(checks, counts, strict=True) if n]


def keys_repeat(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether two new rows share a natural-key hash (maybe a duplicate; exact test later)."""
    repeats = con.execute(f"SELECT count(*) - count(DISTINCT h) FROM {NEW_KEYS}").fetchone()
    return bool(repeats and repeats[0])


def find_problems(
    con: duckdb.DuckDBPyConnection,
    source: str,
    checks: Sequence[Check],
    natural_key: Sequence[str],
    raw_columns: Sequence[str],
) -> tuple[list[Problem], int]:
    """The first 20 problems (by row) and how many there are in all."""
    failing = _failing(con, source, checks)
    duplicates = keys_repeat(con)
    if not failing and not duplicates:
        return [], 0
    selects = [
        f"SELECT _row, {literal(c.column) if c.column else 'NULL'} AS col, "
        f"{literal(c.message)} AS msg FROM {source} WHERE {c.condition}"
        for c in failing
    ]
    if duplicates:
        keys = ", ".join(quote(k) for k in natural_key)
        selects.append(
            f"SELECT _row, NULL AS col, 'duplicate of row ' || first_row || "
            f"' (same {', '.join(natural_key)})' AS msg FROM ("
            f"SELECT _row, min(_row) OVER (PARTITION BY {keys}) AS first_row FROM {source}"
            f") WHERE _row <> first_row"
        )
    found = con.execute(
        f"SELECT _row, col, msg, count(*) OVER () AS total FROM ({' UNION ALL '.join(selects)}) "
        f"ORDER BY _row, col NULLS FIRST LIMIT {SHOWN}"
    ).fetchall()
    if not found:
        return [], 0
    values = _raw_values(con, found, raw_columns)
    problems = [Problem(row, col, msg, values.get((row, col))) for row, col, msg, _ in found]
    return problems, int(found[0][3])


def _raw_values(
    con: duckdb.DuckDBPyConnection, found: list[tuple], raw_columns: Sequence[str]
) -> dict[tuple[int, str | None], str | None]:
    """The file's own cell text of each problem, read in one pass."""
    wanted = sorted({col for _, col, _, _ in found if col in set(raw_columns)})
    rows = sorted({row for row, col, _, _ in found if col in wanted})
    if not wanted or not rows:
        return {}
    cells = con.execute(
        f"SELECT _row, {', '.join(quote(c) for c in wanted)} FROM {RAW} "
        f"WHERE _row IN ({', '.join(str(r) for r in rows)})"
    ).fetchall()
    out: dict[tuple[int, str | None], str | None] = {}
    for record in cells:
        for index, col in enumerate(wanted, start=1):
            out[(record[0], col)] = None if record[index] is None else str(record[index])
    return out
