"""Parse, conform and validate a raw file into `_staged`, before anything is written.

Everything runs as DuckDB SQL over the temp table `_raw`, so millions of rows never pass
through Python. Problems are located by spreadsheet row and the file's own column name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from difflib import get_close_matches

import duckdb

from mpm.errors import IngestError, Problem
from mpm.ingest.dates import DateFormat, detect_date_format, parse_sql
from mpm.ingest.mapping import Mapping, RowCheck
from mpm.ingest.readers import RAW, FileLayout
from mpm.ingest.sql import literal, quote
from mpm.model.campaigns import CampaignRule
from mpm.model.channels import ChannelGrouping
from mpm.model.currencies import CURRENCIES
from mpm.model.tables import SQL_TYPES, Kind, Table, get_table

MAX_TEXT = 1000
MIN_DATE = date(2000, 1, 1)
FORMULA = r"^[=+\-@][A-Za-z_ ]*[A-Za-z_]+\s*\("
SHOWN = 20
PARSED = "_parsed"
STAGED = "_staged"


@dataclass
class Staged:
    """A validated file in temp table `_staged`, ready to load."""

    table: Table
    rows: int
    skipped_rows: int
    min_date: date | None
    max_date: date | None
    accounts: list[str]
    unmapped: list[str]
    warnings: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    source_sql: str  # quoted raw column or a literal
    file_column: str | None  # for messages; None for constants


@dataclass(frozen=True)
class Context:
    """Workspace facts that staging needs."""

    base_currency: str
    timezone: str
    grouping: ChannelGrouping
    campaign_rules: tuple[CampaignRule, ...]
    today: date


def _fields(layout: FileLayout, mapping: Mapping, table: Table) -> list[Field]:
    fields: list[Field] = []
    available = set(layout.columns)
    for canonical, column in mapping.columns.items():
        if column not in available:
            close = get_close_matches(column, layout.columns, n=3)
            hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
            raise IngestError.single(
                layout.name,
                f"no column {column!r} to map to {canonical}{hint} "
                f"(the file has: {', '.join(layout.columns)})",
            )
        fields.append(Field(canonical, table.column(canonical).kind, quote(column), column))
    for canonical, value in mapping.constants.items():
        if canonical not in mapping.columns:
            fields.append(Field(canonical, table.column(canonical).kind, literal(value), None))
    for name, (column, kind) in mapping.helpers.items():
        if column in available:
            fields.append(Field(name, kind, quote(column), column))
    return fields


def _check_required(layout: FileLayout, mapping: Mapping, table: Table) -> None:
    given = set(mapping.columns) | set(mapping.constants) | set(mapping.derived)
    missing = [c.name for c in table.columns if c.required and c.name not in given]
    if not missing:
        return
    if table.date_column in missing and mapping.day_hint:
        raise IngestError.single(
            layout.name,
            f"this export has no day column, so its rows cannot be placed in time. "
            f"{mapping.day_hint}",
        )
    columns = ", ".join(layout.columns)
    how = " ".join(f"--map {m}=COLUMN or --set {m}=VALUE;" for m in missing)
    raise IngestError.single(
        layout.name,
        f"missing required column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
        f"for {table.name} ({how.rstrip(';')}); the file has columns: {columns}",
    )


def _typed_sql(f: Field, mapping: Mapping, formats: dict[str, DateFormat], ctx: Context) -> str:
    comma = "true" if mapping.decimal_comma else "false"
    src = f.source_sql
    if f.kind is Kind.TEXT:
        return f"mpm_text({src})"
    if f.kind is Kind.COUNT:
        return f"mpm_count({src}, {comma})"
    if f.kind is Kind.NUMBER:
        return f"mpm_double({src}, {comma})"
    if f.kind is Kind.MONEY:
        return f"mpm_money({src}, {comma})"
    if f.kind is Kind.CURRENCY:
        return f"upper(mpm_text({src}))"
    if f.kind is Kind.BOOLEAN:
        return f"mpm_bool({src})"
    timestamp = f.kind is Kind.TIMESTAMP
    fmt = formats.get(f.name)
    if fmt is None:
        return f"CAST(NULL AS {SQL_TYPES[f.kind]})"
    return parse_sql(src, fmt, timestamp=timestamp, timezone=ctx.timezone)


PARSE_MESSAGES = {
    Kind.COUNT: "not a whole number",
    Kind.NUMBER: "not a number",
    Kind.MONEY: "not an amount",
    Kind.BOOLEAN: "not true/false or yes/no",
    Kind.DATE: "not a valid date",
    Kind.TIMESTAMP: "not a valid date and time",
}


def _channel_sql(table: Table, given: set[str], ctx: Context) -> str:
    """Conform a channel the file gives; derive it from the grouping rules otherwise."""
    conform_cases = (
        " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in ctx.grouping.aliases.items())
        + " "
        + " ".join(f"WHEN {literal(c.lower())} THEN {literal(c)}" for c in ctx.grouping.channels)
    )
    conformed = f"CASE lower(channel) {conform_cases} ELSE channel END"
    columns = set(table.column_names)

    def field_sql(name: str) -> str:
        if name == "campaign" and "source_campaign" in columns:
            return "lower(coalesce(source_campaign, campaign, ''))"
        return f"lower(coalesce({quote(name)}, ''))" if name in columns else "''"

    whens = []
    for rule in ctx.grouping.rules:
        alternatives = []
        for conditions in rule.conditions:
            parts = [f"regexp_matches({field_sql(k)}, {literal(v)})" for k, v in conditions]
            alternatives.append("(" + (" AND ".join(parts) or "true") + ")")
        whens.append(f"WHEN {' OR '.join(alternatives)} THEN {literal(rule.channel)}")
    derived = f"CASE {' '.join(whens)} ELSE 'Other' END"
    if table.default_channel is not None:
        derived = literal(table.default_channel)
    if "channel" in given:
        return f"coalesce({conformed}, {derived})"
    return derived


def _template_sql(template: str, pattern: str) -> str:
    """SQL for a campaign template whose \\1, \\2 ... are groups of `pattern`."""
    parts = []
    for index, piece in enumerate(re.split(r"\\(\d)", template)):
        if index % 2:
            parts.append(f"regexp_extract(source_campaign, {literal(pattern)}, {int(piece)})")
        elif piece:
            parts.append(literal(piece))
    return "concat(" + ", ".join(parts) + ")" if parts else "''"


def _campaign_sql(ctx: Context, columns: set[str]) -> str:
    if not ctx.campaign_rules:
        return "source_campaign"
    whens = []
    for rule in ctx.campaign_rules:
        conds = []
        if rule.platform and "platform" in columns:
            conds.append(f"platform = {literal(rule.platform)}")
        if rule.campaign_id is not None and "campaign_id" in columns:
            conds.append(f"campaign_id = {literal(rule.campaign_id)}")
        if rule.match is not None:
            conds.append(f"regexp_matches(source_campaign, {literal(rule.match)})")
            value = _template_sql(rule.campaign, rule.match)
        else:
            value = literal(rule.campaign)
        if conds:
            whens.append(f"WHEN {' AND '.join(conds)} THEN {value}")
    return f"CASE {' '.join(whens)} ELSE source_campaign END" if whens else "source_campaign"


def stage(
    con: duckdb.DuckDBPyConnection, layout: FileLayout, mapping: Mapping, ctx: Context
) -> Staged:
    """Build `_staged` from `_raw`; raise IngestError with the first problems, or return."""
    table = get_table(mapping.table)
    mapping.validate_names()
    _check_required(layout, mapping, table)
    fields = _fields(layout, mapping, table)
    warnings: list[str] = []

    formats: dict[str, DateFormat] = {}
    for f in fields:
        if f.kind in (Kind.DATE, Kind.TIMESTAMP):
            if mapping.date_format:
                formats[f.name] = DateFormat(mapping.date_format)
                continue
            fmt = detect_date_format(con, f.source_sql, timestamp=f.kind is Kind.TIMESTAMP)
            if fmt is not None:
                formats[f.name] = fmt
                if fmt.ambiguous_with:
                    warnings.append(
                        f"{f.file_column or f.name}: dates are ambiguous; read as {fmt.format}, "
                        f"use --date-format {fmt.ambiguous_with!r} if that is wrong"
                    )

    # 1. parse every field, with a flag where a non-empty cell did not parse
    selects = ["_row"]
    for f in fields:
        typed = _typed_sql(f, mapping, formats, ctx)
        selects.append(f"{typed} AS {quote(f.name)}")
        if f.kind not in (Kind.TEXT, Kind.CURRENCY):
            selects.append(
                f"(mpm_text({f.source_sql}) IS NOT NULL AND {typed} IS NULL) "
                f"AS {quote('!' + f.name)}"
            )
    used = {f.file_column for f in fields if f.file_column}
    unmapped = [c for c in layout.columns if c not in used]
    if mapping.keep_extra and unmapped:
        keys = ", ".join(literal(c) for c in unmapped)
        values = ", ".join(f"mpm_text({quote(c)})" for c in unmapped)
        selects.append(f"map([{keys}], [{values}]) AS attributes")
    where = " AND ".join(f"NOT coalesce({cond}, false)" for cond in mapping.skip_rows) or "true"
    con.execute(f"DROP TABLE IF EXISTS {PARSED}")
    con.execute(
        f"CREATE TEMP TABLE {PARSED} AS SELECT {', '.join(selects)} FROM {RAW} WHERE {where}"
    )
    raw_count = _scalar(con, f"SELECT count(*) FROM {RAW}")
    rows = _scalar(con, f"SELECT count(*) FROM {PARSED}")
    skipped = raw_count - rows
    if skipped:
        warnings.append(f"skipped {skipped} {mapping.skip_label}")
    if rows == 0:
        raise IngestError.single(layout.name, "the file has a header but no data rows")

    # 2. derive and conform into the canonical columns
    given = {f.name for f in fields} | set(mapping.derived)
    con.execute(f"DROP TABLE IF EXISTS {STAGED}")
    conform = _conform(table, given, ctx)
    replace = f" REPLACE ({conform})" if conform else ""
    con.execute(
        f"CREATE TEMP TABLE {STAGED} AS SELECT *{replace} "
        f"FROM (SELECT {_canonical_select(table, given, mapping)} FROM {PARSED})"
    )
    columns = set(table.column_names)

    # 3. validate
    problems, total = _problems(con, layout, table, fields, ctx, mapping.row_checks)
    if total:
        raise IngestError(layout.name, problems, total)

    # 4. money in base currency
    if table.money_columns:
        warnings += _convert_currency(con, layout, table, given, ctx)

    unknown_channels = _unknown_channels(con, table, ctx) if "channel" in given else []
    if unknown_channels:
        warnings.append(
            "channel labels kept as given (not in the grouping): " + ", ".join(unknown_channels)
        )
    if unmapped and not mapping.keep_extra:
        warnings.append(
            "columns not imported (use --keep-extra to keep them as attributes): "
            + ", ".join(unmapped)
        )
    min_date, max_date = con.execute(
        f"SELECT min(CAST({quote(table.date_column)} AS DATE)), "
        f"max(CAST({quote(table.date_column)} AS DATE)) FROM {STAGED}"
    ).fetchone() or (None, None)
    accounts = (
        [r[0] for r in con.execute(f"SELECT DISTINCT account FROM {STAGED} ORDER BY 1").fetchall()]
        if "account" in columns
        else []
    )
    return Staged(table, rows, skipped, min_date, max_date, accounts, unmapped, warnings)


def _canonical_select(table: Table, given: set[str], mapping: Mapping) -> str:
    parts = ["_row"]
    for column in table.columns:
        name = column.name
        if name == "source_campaign" and "campaign" in given:
            expr = quote("campaign")
        elif name in mapping.derived:
            expr = mapping.derived[name]
        elif name in given:
            expr = quote(name)
        else:
            expr = "NULL"
        parts.append(f"CAST({expr} AS {column.sql_type}) AS {quote(name)}")
    parts.append(
        "attributes" if mapping.keep_extra else "CAST(NULL AS MAP(VARCHAR, VARCHAR)) AS attributes"
    )
    return ", ".join(parts)


def _conform(table: Table, given: set[str], ctx: Context) -> str:
    """Channel from the grouping, campaign names from the mapping rules, '' for empty keys."""
    columns = set(table.column_names)
    parts = {}
    if "channel" in columns:
        parts["channel"] = _channel_sql(table, given, ctx)
    if "source_campaign" in columns:
        parts["campaign"] = _campaign_sql(ctx, columns)
    for key in table.natural_key:
        if table.column(key).kind is Kind.TEXT:
            inner = parts.get(key, quote(key))
            parts[key] = f"coalesce({inner}, '')"
    return ", ".join(f"{expr} AS {quote(name)}" for name, expr in parts.items())


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    row = con.execute(sql).fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def _problems(
    con: duckdb.DuckDBPyConnection,
    layout: FileLayout,
    table: Table,
    fields: list[Field],
    ctx: Context,
    row_checks: tuple[RowCheck, ...] = (),
) -> tuple[list[Problem], int]:
    """All validation failures as (row, column, message); the first 20 and the count."""
    label = {f.name: (f.file_column or f.name) for f in fields}
    checks: list[str] = []

    def add(where: str, column: str, message: str, source: str = STAGED) -> None:
        checks.append(
            f"SELECT _row, {literal(column)} AS col, {literal(message)} AS msg "
            f"FROM {source} WHERE {where}"
        )

    for f in fields:
        if f.kind in PARSE_MESSAGES:
            add(quote("!" + f.name), label[f.name], PARSE_MESSAGES[f.kind], PARSED)
    for check in row_checks:
        add(f"coalesce({check.condition}, false)", check.column, check.message, PARSED)
    given = {f.name for f in fields}
    latest = ctx.today + timedelta(days=366)
    for column in table.columns:
        name, q = column.name, quote(column.name)
        shown = label.get(name, name)
        if column.required:
            empty = f" OR {q} = ''" if column.kind is Kind.TEXT else ""
            add(f"{q} IS NULL{empty}", shown, "missing value")
        if column.non_negative and name in given | set():
            add(f"{q} < 0", shown, "negative value")
        if column.kind in (Kind.DATE, Kind.TIMESTAMP):
            add(
                f"CAST({q} AS DATE) < DATE '{MIN_DATE}' OR CAST({q} AS DATE) > DATE '{latest}'",
                shown,
                f"date out of range (expected {MIN_DATE.year} to {latest.year})",
            )
        if column.kind is Kind.CURRENCY and name in given:
            codes = ", ".join(literal(c) for c in sorted(CURRENCIES))
            add(f"{q} IS NOT NULL AND {q} NOT IN ({codes})", shown, "unknown currency code")
        if column.kind is Kind.TEXT and name in given:
            add(f"length({q}) > {MAX_TEXT}", shown, f"text longer than {MAX_TEXT} characters")
            add(
                f"regexp_matches({q}, {literal(FORMULA)})",
                shown,
                "looks like a spreadsheet formula (formula injection); remove the leading "
                "'=', '+', '-' or '@'",
            )
    for check in table.checks:
        if check.smaller in given and check.larger in given:
            add(
                f"{quote(check.smaller)} > {quote(check.larger)}",
                label[check.smaller],
                f"{check.smaller} exceeds {check.larger} ({label[check.larger]})",
            )
    key = ", ".join(quote(k) for k in table.natural_key)
    checks.append(
        f"SELECT _row, NULL AS col, 'duplicate of row ' || first_row || "
        f"' (same {', '.join(table.natural_key)})' AS msg FROM ("
        f"SELECT _row, min(_row) OVER (PARTITION BY {key}) AS first_row FROM {STAGED}"
        f") WHERE _row <> first_row"
    )
    union = " UNION ALL ".join(checks)
    found = con.execute(
        f"SELECT _row, col, msg, count(*) OVER () AS total FROM ({union}) "
        f"ORDER BY _row, col NULLS FIRST LIMIT {SHOWN}"
    ).fetchall()
    if not found:
        return [], 0
    total = int(found[0][3])
    values = _raw_values(con, [(r[0], r[1]) for r in found], set(layout.columns))
    problems = [Problem(row, col, msg, values.get((row, col))) for row, col, msg, _ in found]
    return problems, total


def _raw_values(
    con: duckdb.DuckDBPyConnection, cells: list[tuple[int, str | None]], columns: set[str]
) -> dict[tuple[int, str | None], str | None]:
    out: dict[tuple[int, str | None], str | None] = {}
    for row, col in cells:
        if col is None or col not in columns:
            continue
        value = con.execute(f"SELECT {quote(col)} FROM {RAW} WHERE _row = ?", [row]).fetchone()
        out[(row, col)] = value[0] if value else None
    return out


def _convert_currency(
    con: duckdb.DuckDBPyConnection, layout: FileLayout, table: Table, given: set[str], ctx: Context
) -> list[str]:
    """Add `<money>_base` through fx_rates (latest rate on or before the row's day)."""
    warnings = []
    base = literal(ctx.base_currency)
    currency = "s.currency"
    if "currency" not in given:
        currency = base
        if given & set(table.money_columns):
            warnings.append(f"no currency in the file: amounts taken as {ctx.base_currency}")
    day = f"CAST(s.{quote(table.date_column)} AS DATE)"
    rate = f"CASE WHEN {currency} = {base} THEN 1.0 ELSE f.rate END"
    bases = ", ".join(
        f"CAST(s.{quote(m)} * _rate AS DECIMAL(38,9)) AS {quote(m + '_base')}"
        for m in table.money_columns
    )
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE _converted AS SELECT s.* REPLACE ({currency} AS currency), "
        f"{rate} AS _rate FROM {STAGED} s ASOF LEFT JOIN ("
        f"SELECT date, currency, rate FROM fx_rates WHERE base_currency = {base}) f "
        f"ON f.currency = {currency} AND {day} >= f.date"
    )
    missing = con.execute(
        f"SELECT _row, currency, CAST({quote(table.date_column)} AS DATE), count(*) OVER () "
        f"FROM _converted WHERE _rate IS NULL ORDER BY _row LIMIT {SHOWN}"
    ).fetchall()
    if missing:
        problems = [
            Problem(
                r[0],
                "currency",
                f"no exchange rate {r[1]}→{ctx.base_currency} on or before "
                f"{r[2]}; import fx_rates first",
            )
            for r in missing
        ]
        raise IngestError(layout.name, problems, int(missing[0][3]))
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {STAGED} AS SELECT s.* EXCLUDE (_rate), {bases} "
        f"FROM _converted s"
    )
    con.execute("DROP TABLE _converted")
    return warnings


def _unknown_channels(con: duckdb.DuckDBPyConnection, table: Table, ctx: Context) -> list[str]:
    known = ", ".join(literal(c) for c in ctx.grouping.channels)
    return [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT channel FROM {STAGED} WHERE channel IS NOT NULL "
            f"AND channel NOT IN ({known}) ORDER BY 1 LIMIT 10"
        ).fetchall()
    ]
