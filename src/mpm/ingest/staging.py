"""Parse, conform and validate a raw file into `_staged`, before anything is written.

One DuckDB statement reads the file (the `_raw` view) and writes `_staged`: every field
parsed and conformed, every row rule tested on the way (a failing row stops the statement).
Rules on the file's values (currency codes, exchange rates, duplicate keys) follow on small
scans. Only when something fails is the file staged again with row numbers and parse flags,
to say where; millions of rows never pass through Python.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from difflib import get_close_matches
from functools import partial

import duckdb

from mpm.errors import IngestError
from mpm.ingest import pii
from mpm.ingest.conform import CONFORMED, build_final, inline_final, unknown_channels
from mpm.ingest.currency import insert_select, prepare_rates, same_currency_select
from mpm.ingest.dates import DateFormat, detect_date_format, parse_sql
from mpm.ingest.mapping import Mapping
from mpm.ingest.readers import RAW, RAW_FAST, FileLayout, rejected_rows, typed_reader
from mpm.ingest.sql import literal, quote, scalar
from mpm.ingest.validation import (
    GUARD_ERROR,
    Check,
    currency_checks,
    find_problems,
    hash_new_keys,
    keys_repeat,
    table_checks,
)
from mpm.model.campaigns import CampaignRule
from mpm.model.channels import ChannelGrouping
from mpm.model.tables import SQL_TYPES, Kind, Table, get_table

STAGED = "_staged"
DATE_SAMPLE_ROWS = 100_000  # rows read to recognise a date format


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
    insert_select: str  # SELECT over `_staged` giving the stored columns, money converted
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
    hash_pii: bool = False  # personal data replaced by its keyed hash (`pii.install_macros`)


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


@dataclass
class Plan:
    """How a file becomes rows of a table: fields, formats and rules, before reading it all."""

    table: Table
    layout: FileLayout
    mapping: Mapping
    ctx: Context
    fields: list[Field]
    given: set[str]
    label: dict[str, str]
    unmapped: list[str]
    checks: list[Check]  # row rules, tested while the file is read
    staging_sql: Callable[..., str]
    reader_types: dict[str, str]
    fast: str | None  # the typed reader, when DuckDB's parser can convert some columns
    warnings: list[str]

    def load_warnings(self, skipped: int, unknown_channels: list[str]) -> list[str]:
        """What the load report says beside the counts."""
        out = list(self.warnings)  # no currency, ambiguous dates
        if skipped:
            out.append(f"skipped {skipped} {self.mapping.skip_label}")
        if unknown_channels:
            out.append(
                "channel labels kept as given (not in the grouping): " + ", ".join(unknown_channels)
            )
        if self.unmapped and not self.mapping.keep_extra:
            out.append(
                "columns not imported (use --keep-extra to keep them as attributes): "
                + ", ".join(self.unmapped)
            )
        return out

    def skipped(self, con: duckdb.DuckDBPyConnection, rows: int) -> int:
        """Rows the mapping skips (totals, summary rows): one more count over the file."""
        if not self.mapping.skip_rows:
            return 0
        return scalar(con, f"SELECT count(*) FROM {RAW_FAST}") - rows


def plan(
    con: duckdb.DuckDBPyConnection, layout: FileLayout, mapping: Mapping, ctx: Context
) -> Plan:
    """Check the mapping against the file and the table, recognise date formats from a
    sample, and gather the row rules."""
    table = get_table(mapping.table)
    mapping.validate_names()
    _check_required(layout, mapping, table)
    warnings: list[str] = []
    money_given = set(table.money_columns) & (set(mapping.columns) | set(mapping.derived))
    if table.has_currency and "currency" not in {**mapping.columns, **mapping.constants}:
        mapping = mapping.with_overrides(constants={"currency": ctx.base_currency})
        if money_given:
            warnings.append(f"no currency in the file: amounts taken as {ctx.base_currency}")
    fields = _fields(layout, mapping, table)
    formats = _date_formats(con, fields, mapping, warnings)
    used = {f.file_column for f in fields if f.file_column}
    unmapped = [c for c in layout.columns if c not in used]
    given = {f.name for f in fields} | set(mapping.derived)
    label = {f.name: (f.file_column or f.name) for f in fields}
    flagged = {f.name for f in fields if f.kind in PARSE_MESSAGES}
    checks = [
        Check(quote("!" + f.name), label[f.name], PARSE_MESSAGES[f.kind])
        for f in fields
        if f.kind in PARSE_MESSAGES
    ]
    checks += [
        Check(f"coalesce({c.condition}, false)", c.column, c.message) for c in mapping.row_checks
    ]
    checks += table_checks(table, given, label, ctx.today, flagged=flagged)
    if ctx.hash_pii:
        warnings.append(_hashed_note(table, given, label, unmapped if mapping.keep_extra else []))
    reader_types = _reader_types(layout, fields, mapping, formats)
    return Plan(
        table=table,
        layout=layout,
        mapping=mapping,
        ctx=ctx,
        fields=fields,
        given=given,
        label=label,
        unmapped=unmapped,
        checks=checks,
        staging_sql=partial(_staging_sql, table, fields, mapping, formats, ctx, unmapped),
        reader_types=reader_types,
        fast=typed_reader(layout, reader_types),
        warnings=warnings,
    )


def _hashed_note(table: Table, given: set[str], label: dict[str, str], kept: list[str]) -> str:
    """What the load report says about personal data under `hash_pii`."""
    hashed = []
    for column in table.columns:
        kind = pii.column_kind(table.name, column.name)
        if kind is None or column.name not in given:
            continue
        shown = label.get(column.name, column.name)
        named = column.name if shown == column.name else f"{column.name} ({shown})"
        hashed.append(f"{named} where an e-mail" if kind is pii.PiiKind.IDENTIFIER else named)
    hashed += [f"attribute {c!r}" for c in kept if pii.attribute_kind(c) is not None]
    if not hashed:
        return "--hash-pii: this file has no personal-data columns; nothing was hashed"
    return "personal data hashed (HMAC-SHA256): " + ", ".join(hashed)


def direct_select(plan: Plan) -> str:
    """One SELECT from the file to the stored columns, conformed inline, for a load that
    reads the file once. It assumes amounts in the base currency: a row in another currency,
    like a row breaking a rule, raises GUARD_ERROR (then `stage` takes over)."""
    table, ctx = plan.table, plan.ctx
    guard = list(plan.checks)
    if table.money_columns and table.has_currency:
        base = literal(ctx.base_currency)
        guard.append(Check(f"currency <> {base}", "currency", "needs an exchange rate"))
    if plan.fast is not None:
        staged = plan.staging_sql(source=plan.fast, typed=set(plan.reader_types), guard=guard)
    else:
        staged = plan.staging_sql(source=RAW_FAST, guard=guard)
    final = inline_final(table, staged, plan.given, ctx.grouping, ctx.campaign_rules)
    return same_currency_select(table, f"({final})")


def stage(con: duckdb.DuckDBPyConnection, plan: Plan) -> Staged:
    """Build `_staged` from `_raw`; raise IngestError with the first problems, or return."""
    table, layout, checks = plan.table, plan.layout, plan.checks
    con.execute(f"DROP TABLE IF EXISTS {STAGED}")
    # row order does not matter until problems must be located (then RAW numbers the rows)
    con.execute("SET preserve_insertion_order = false")
    conform = partial(_conform, con, table, plan.given, plan.label, plan.ctx)
    final, rows = _stage_valid(
        con,
        layout,
        partial(plan.staging_sql, guard=checks),
        plan.fast,
        set(plan.reader_types),
        conform,
    ) or _explain_problems(con, layout, table, plan.staging_sql, checks, conform)
    skipped = plan.skipped(con, rows)
    select = insert_select(con, table, final)
    unknown = unknown_channels(con, plan.ctx.grouping) if "channel" in plan.given else []
    day = f"CAST({quote(table.date_column)} AS DATE)"
    accounts = "list(DISTINCT account ORDER BY account)" if table.has_account else "[]"
    min_date, max_date, account_list = con.execute(
        f"SELECT min({day}), max({day}), {accounts} FROM {STAGED}"
    ).fetchone() or (None, None, [])
    return Staged(
        table,
        rows,
        skipped,
        min_date,
        max_date,
        list(account_list),
        plan.unmapped,
        select,
        plan.load_warnings(skipped, unknown),
    )


def _date_formats(
    con: duckdb.DuckDBPyConnection, fields: list[Field], mapping: Mapping, warnings: list[str]
) -> dict[str, DateFormat]:
    """The format of each date field: forced by the mapping, or recognised from a sample."""
    formats: dict[str, DateFormat] = {}
    sample = f"(SELECT * FROM {RAW_FAST} LIMIT {DATE_SAMPLE_ROWS})"
    for f in fields:
        if f.kind not in (Kind.DATE, Kind.TIMESTAMP):
            continue
        if mapping.date_format:
            formats[f.name] = DateFormat(mapping.date_format)
            continue
        fmt = detect_date_format(
            con, f.source_sql, timestamp=f.kind is Kind.TIMESTAMP, table=sample
        )
        if fmt is None:
            continue
        formats[f.name] = fmt
        if fmt.ambiguous_with:
            warnings.append(
                f"{f.file_column or f.name}: dates are ambiguous; read as {fmt.format}, "
                f"use --date-format {fmt.ambiguous_with!r} if that is wrong"
            )
    return formats


def _staging_sql(
    table: Table,
    fields: list[Field],
    mapping: Mapping,
    formats: dict[str, DateFormat],
    ctx: Context,
    unmapped: list[str],
    *,
    source: str,
    typed: set[str] | None = None,
    guard: list[Check] | None = None,
) -> str:
    """Parse (inner), derive with parse flags (middle) and conform (outer), in one statement.

    `source` is RAW (with spreadsheet row numbers, a serial pass over the file), RAW_FAST, or
    a typed reader whose `typed` columns DuckDB has already converted. With a `guard`, a row
    failing any of its checks raises GUARD_ERROR, and the parse flags are not kept.
    """
    numbered = source == RAW
    typed = typed or set()
    parsed = ["_row"] if numbered else []
    flags = []
    for f in fields:
        native = f.file_column in typed
        value = _native_sql(f) if native else _typed_sql(f, mapping, formats, ctx)
        parsed.append(f"{value} AS {quote(f.name)}")
        if f.kind in PARSE_MESSAGES:
            raw = quote("~" + f.name)
            parsed.append(f"{f.source_sql} AS {raw}")
            # cheap tests first: the cell cleaning runs only where parsing failed
            check = "" if native else f" AND mpm_text({raw}) IS NOT NULL"
            flags.append(
                f"({raw} IS NOT NULL AND {quote(f.name)} IS NULL{check}) AS {quote('!' + f.name)}"
            )
    if mapping.keep_extra and unmapped:
        keys = ", ".join(literal(c) for c in unmapped)
        values = ", ".join(_attribute_sql(c, ctx.hash_pii) for c in unmapped)
        parsed.append(f"map([{keys}], [{values}]) AS attributes")
    helpers = [quote(name) for name in mapping.helpers if name in {f.name for f in fields}]
    where = " AND ".join(f"NOT coalesce({cond}, false)" for cond in mapping.skip_rows) or "true"
    given = {f.name for f in fields} | set(mapping.derived)
    middle = ", ".join(
        [
            *(["_row"] if numbered else []),
            _canonical_select(
                table, given, mapping, bool(mapping.keep_extra and unmapped), ctx.hash_pii
            ),
            *flags,
            *helpers,
        ]
    )
    keys = _empty_keys(table)
    replace = f" REPLACE ({keys})" if keys else ""
    sql = (
        f"SELECT *{replace} FROM (SELECT {middle} FROM ("
        f"SELECT {', '.join(parsed)} FROM {source} WHERE {where}))"
    )
    if not guard:
        return sql
    names = [quote("!" + f.name) for f in fields if f.kind in PARSE_MESSAGES]
    exclude = f" EXCLUDE ({', '.join(names)})" if names else ""
    failing = " OR ".join(f"({c.condition})" for c in guard)
    return (
        f"SELECT *{exclude} FROM ({sql}) "
        f"WHERE CASE WHEN {failing} THEN error({literal(GUARD_ERROR)}) ELSE true END"
    )


READER_TYPES = {Kind.COUNT: "DOUBLE", Kind.NUMBER: "DOUBLE", Kind.MONEY: "DECIMAL(18,9)"}


def _reader_types(
    layout: FileLayout, fields: list[Field], mapping: Mapping, formats: dict[str, DateFormat]
) -> dict[str, str]:
    """File columns DuckDB's CSV parser can convert itself: plain numbers and ISO dates of a
    generic mapping. Anything unusual in them is rejected by the reader, and the whole file
    then takes the text path."""
    if mapping.skip_rows or mapping.helpers or mapping.derived or mapping.decimal_comma:
        return {}
    wanted: dict[str, set[str]] = {}
    for f in fields:
        if f.file_column is None:
            continue
        kind = READER_TYPES.get(f.kind)
        fmt = formats.get(f.name)
        if f.kind is Kind.DATE and fmt is not None and fmt.format == "%Y-%m-%d":
            kind = "DATE"
        wanted.setdefault(f.file_column, set()).add(kind or "VARCHAR")
    return {c: next(iter(k)) for c, k in wanted.items() if len(k) == 1 and "VARCHAR" not in k}


def _native_sql(f: Field) -> str:
    """A field DuckDB's reader already converted: counts must still be whole numbers."""
    src = f.source_sql
    if f.kind is Kind.COUNT:
        return f"CASE WHEN {src} = round({src}) THEN CAST({src} AS BIGINT) END"
    return f"CAST({src} AS {SQL_TYPES[f.kind]})"


def _attribute_sql(column: str, hash_pii: bool) -> str:
    """A kept extra column's value: its text, hashed when it is personal data."""
    value = f"mpm_text({quote(column)})"
    kind = pii.attribute_kind(column) if hash_pii else None
    return pii.sql(kind, value) if kind is not None else value


def _canonical_select(
    table: Table, given: set[str], mapping: Mapping, extra: bool, hash_pii: bool = False
) -> str:
    parts = []
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
        kind = pii.column_kind(table.name, name) if hash_pii else None
        if kind is not None and expr != "NULL":
            expr = pii.sql(kind, f"CAST({expr} AS VARCHAR)")
        parts.append(f"CAST({expr} AS {column.sql_type}) AS {quote(name)}")
    parts.append("attributes" if extra else "CAST(NULL AS MAP(VARCHAR, VARCHAR)) AS attributes")
    return ", ".join(parts)


def _empty_keys(table: Table) -> str:
    """Text key columns are never null: '' stands for "none", so re-imports match rows."""
    return ", ".join(
        f"coalesce({quote(k)}, '') AS {quote(k)}"
        for k in table.natural_key
        if table.column(k).kind is Kind.TEXT and k not in CONFORMED
    )


def _stage_valid(
    con: duckdb.DuckDBPyConnection,
    layout: FileLayout,
    guarded_sql: Callable[..., str],
    fast: str | None,
    typed: set[str],
    conform: Callable[[], tuple[str, list[Check]]],
) -> tuple[str, int] | None:
    """Stage and conform the file, the row rules tested while it is read (a failing row
    stops the statement); (`_final`, rows), or None when some row breaks a rule."""
    if fast is not None and not _create_staged(con, guarded_sql(source=fast, typed=typed)):
        return None
    if (fast is None or rejected_rows(con)) and not _create_staged(
        con, guarded_sql(source=RAW_FAST)
    ):  # the text path reads every cell, and explains what the typed reader rejected
        return None
    rows = scalar(con, f"SELECT count(*) FROM {STAGED}")
    if rows == 0:
        raise IngestError.single(layout.name, "the file has a header but no data rows")
    final, failing = conform()
    if failing or keys_repeat(con):
        return None
    return final, rows


def _explain_problems(
    con: duckdb.DuckDBPyConnection,
    layout: FileLayout,
    table: Table,
    staging_sql: Callable[..., str],
    checks: list[Check],
    conform: Callable[[], tuple[str, list[Check]]],
) -> tuple[str, int]:
    """Stage again with spreadsheet row numbers (the rare path) and raise IngestError with
    the first problems; returns like `_stage_valid` if all that failed was a hash collision."""
    con.execute("SET preserve_insertion_order = true")
    con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGED} AS {staging_sql(source=RAW)}")
    final, failing = conform()
    problems, total = find_problems(con, final, checks + failing, table.natural_key, layout.columns)
    if total:  # (none: two different keys only shared a 64-bit hash)
        raise IngestError(layout.name, problems, total)
    return final, scalar(con, f"SELECT count(*) FROM {STAGED}")


def _conform(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    given: set[str],
    label: dict[str, str],
    ctx: Context,
) -> tuple[str, list[Check]]:
    """Conform `_staged` into `_final` and hash its keys; return the rules on the file's
    values that fail: unknown currency codes, missing exchange rates."""
    failing = _currency_check(con, table, label)
    final = build_final(con, table, STAGED, given, ctx.grouping, ctx.campaign_rules)
    if table.money_columns and (rate := prepare_rates(con, table, final, ctx.base_currency)):
        failing.append(rate)
    hash_new_keys(con, final, table.natural_key)
    return final, failing


def _currency_check(
    con: duckdb.DuckDBPyConnection, table: Table, label: dict[str, str]
) -> list[Check]:
    """The unknown-currency rule for the codes `_staged` uses (one small scan per column)."""
    used = {
        c.name: {
            r[0]
            for r in con.execute(f"SELECT DISTINCT {quote(c.name)} FROM {STAGED}").fetchall()
            if r[0] is not None
        }
        for c in table.columns
        if c.kind is Kind.CURRENCY
    }
    return currency_checks(table, label, used)


def _create_staged(con: duckdb.DuckDBPyConnection, sql: str) -> bool:
    """Create `_staged`; False when a row failed the rules tested while reading."""
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGED} AS {sql}")
    except duckdb.Error as exc:
        if GUARD_ERROR in str(exc):
            return False
        raise
    return True
