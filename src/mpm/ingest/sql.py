"""Small, safe SQL building blocks for the import pipeline (DuckDB dialect).

Identifiers are always quoted with `quote`, values rendered with `literal`; file content never
reaches SQL text any other way.
"""

from __future__ import annotations

import duckdb

from mpm.warehouse import quote

NULL_TOKENS = ("", "--", "-", "n/a", "na", "#n/a", "null", "none", "nan")


def literal(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


SPACES = "' ' || chr(160)"  # trimmed around a cell: spaces and no-break spaces
# cells longer than every empty token, starting with a visible ASCII character and not ending
# in a space, are kept as they are without further tests (most cells: the fast path)
_PLAIN = (
    f"strlen(x) > {max(len(t.encode()) for t in NULL_TOKENS)} AND ascii(x) BETWEEN 33 AND 126 "
    "AND NOT suffix(x, ' ') AND NOT suffix(x, chr(160))"
)

MACROS = (
    # a cell's text, or NULL for the ways exports write "empty"
    # (list_contains, not IN: DuckDB turns a long IN list into a join outside the CASE)
    f"CREATE OR REPLACE TEMP MACRO mpm_text(x) AS CASE WHEN {_PLAIN} THEN x "
    "WHEN list_contains([" + ", ".join(literal(t) for t in NULL_TOKENS) + "], "
    f"lower(trim(x, {SPACES}))) THEN NULL ELSE trim(x, {SPACES}) END",
    # numbers: plain first (fast path), then without grouping, currency symbols and codes
    "CREATE OR REPLACE TEMP MACRO mpm_clean_dot(x) AS "
    "regexp_replace(mpm_text(x), '[\\s,$€£¥₹]|^[A-Z]{3}|[A-Z]{3}$', '', 'g')",
    "CREATE OR REPLACE TEMP MACRO mpm_clean_comma(x) AS "
    "replace(regexp_replace(mpm_text(x), '[\\s.$€£¥₹]|^[A-Z]{3}|[A-Z]{3}$', '', 'g'), ',', '.')",
    "CREATE OR REPLACE TEMP MACRO mpm_double(x, comma) AS CASE "
    "WHEN comma THEN TRY_CAST(mpm_clean_comma(x) AS DOUBLE) "
    "ELSE coalesce(TRY_CAST(x AS DOUBLE), TRY_CAST(mpm_clean_dot(x) AS DOUBLE)) END",
    # exact decimals; the 64-bit parse first, since a 128-bit parse is several times slower
    "CREATE OR REPLACE TEMP MACRO mpm_money(x, comma) AS CASE WHEN comma "
    "THEN TRY_CAST(mpm_clean_comma(x) AS DECIMAL(38,9)) ELSE coalesce("
    "CAST(TRY_CAST(x AS DECIMAL(18,9)) AS DECIMAL(38,9)), TRY_CAST(x AS DECIMAL(38,9)), "
    "TRY_CAST(mpm_clean_dot(x) AS DECIMAL(38,9))) END",
    # whole numbers only: DuckDB's cast of '5.5' to BIGINT would round it silently
    "CREATE OR REPLACE TEMP MACRO mpm_count_slow(x, comma) AS CASE "
    "WHEN mpm_double(x, comma) = round(mpm_double(x, comma)) "
    "THEN TRY_CAST(mpm_double(x, comma) AS BIGINT) END",
    "CREATE OR REPLACE TEMP MACRO mpm_count(x, comma) AS CASE WHEN comma "
    "THEN mpm_count_slow(x, comma) ELSE coalesce("
    "CASE WHEN NOT contains(x, '.') THEN TRY_CAST(x AS BIGINT) END, "
    "mpm_count_slow(x, comma)) END",
    "CREATE OR REPLACE TEMP MACRO mpm_bool(x) AS CASE "
    "WHEN lower(trim(x)) IN ('true', 'yes', 'y', '1', 't') THEN true "
    "WHEN lower(trim(x)) IN ('false', 'no', 'n', '0', 'f') THEN false END",
)


IMPORT_MEMORY = "1GB"  # DuckDB spills to disk beyond this: imports stay well under 2 GB


def install_macros(con: duckdb.DuckDBPyConnection) -> None:
    """Session settings and the cell-parsing macros the staging SQL uses."""
    con.execute("SET TimeZone = 'UTC'")
    con.execute(f"SET memory_limit = '{IMPORT_MEMORY}'")
    for statement in MACROS:
        con.execute(statement)


def scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The one number a statement returns: a count, or the rows an INSERT or DELETE touched."""
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


__all__ = ["NULL_TOKENS", "install_macros", "literal", "quote", "scalar"]
