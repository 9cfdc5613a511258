"""Money in the workspace base currency, through `fx_rates` (latest rate on or before the day)."""

from __future__ import annotations

import duckdb

from mpm.ingest.sql import literal, quote
from mpm.ingest.validation import Check
from mpm.model.tables import Table

RATES = "_rates"


def prepare_rates(
    con: duckdb.DuckDBPyConnection, table: Table, staged: str, base: str
) -> Check | None:
    """Look up one rate per (currency, day) pair that is not the base currency.

    Returns the check that refuses rows whose pair has no rate, or None when all have one.
    """
    day = f"CAST({quote(table.date_column)} AS DATE)"
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {RATES} AS "
        f"SELECT p.currency, p.day, f.rate FROM ("
        f"SELECT DISTINCT currency, {day} AS day FROM {staged} "
        f"WHERE currency <> {literal(base)}) p "
        f"ASOF LEFT JOIN (SELECT date, currency, rate FROM fx_rates "
        f"WHERE base_currency = {literal(base)}) f ON f.currency = p.currency AND p.day >= f.date"
    )
    missing = con.execute(
        f"SELECT string_agg(DISTINCT currency, '/' ORDER BY currency), min(day) "
        f"FROM {RATES} WHERE rate IS NULL"
    ).fetchone()
    if not missing or missing[0] is None:
        return None
    currencies, first_day = missing
    return Check(
        f"currency <> {literal(base)} AND (currency, {day}) IN "
        f"(SELECT (currency, day) FROM {RATES} WHERE rate IS NULL)",
        "currency",
        f"no exchange rate {currencies}→{base} on or before the row's day (the first missing "
        f"is {first_day}); import fx_rates first",
    )


def _plain_columns(table: Table) -> list[str]:
    return [
        quote(c)
        for c, _ in table.stored_columns
        if not c.startswith("_") and not c.endswith("_base")
    ]


def same_currency_select(table: Table, rows: str) -> str:
    """The stored columns of `rows` (a table or a parenthesised SELECT) whose amounts are all
    in the base currency: `<money>_base` is not stored (the canonical view shows the amount)."""
    bases = [f"NULL AS {quote(m + '_base')}" for m in table.money_columns]
    return f"SELECT {', '.join([*_plain_columns(table), *bases])} FROM {rows}"


def insert_select(con: duckdb.DuckDBPyConnection, table: Table, staged: str) -> str:
    """The SELECT that gives the stored columns of `staged`, `<money>_base` converted where
    the amount is in another currency."""
    if not table.money_columns:
        return same_currency_select(table, staged)
    pairs = con.execute(f"SELECT count(*) FROM {RATES}").fetchone()
    if not pairs or not pairs[0]:
        return same_currency_select(table, staged)
    plain = _plain_columns(table)
    bases = [
        f"CAST(s.{quote(m)} * r.rate AS DECIMAL(38,9)) AS {quote(m + '_base')}"
        for m in table.money_columns
    ]
    columns = [f"s.{c}" for c in plain]
    return (
        f"SELECT {', '.join([*columns, *bases])} FROM {staged} s LEFT JOIN {RATES} r "
        f"ON r.currency = s.currency AND r.day = CAST(s.{quote(table.date_column)} AS DATE)"
    )
