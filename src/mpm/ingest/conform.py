"""Conformed dimensions of staged rows: channel (grouping rules) and campaign (mapping rules).

The rules are regular expressions, so they run once per distinct combination of their inputs
(a few hundred), not once per row, and the result is joined back: `_final` is the staged file
as it will be stored.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import duckdb

from mpm.ingest.sql import literal, quote
from mpm.model.campaigns import CampaignRule
from mpm.model.channels import FIELDS, ChannelGrouping
from mpm.model.tables import Table

FINAL = "_final"
CONFORMED = ("channel", "campaign")


def _channel_sql(table: Table, given: set[str], grouping: ChannelGrouping) -> str:
    """Conform a channel the file gives; derive it from the grouping rules otherwise."""
    conform_cases = (
        " ".join(f"WHEN {literal(k)} THEN {literal(v)}" for k, v in grouping.aliases.items())
        + " "
        + " ".join(f"WHEN {literal(c.lower())} THEN {literal(c)}" for c in grouping.channels)
    )
    conformed = f"CASE lower(channel) {conform_cases} ELSE channel END"
    columns = set(table.column_names)

    def field_sql(name: str) -> str:
        if name == "campaign" and "source_campaign" in columns:
            return "lower(coalesce(source_campaign, campaign, ''))"
        return f"lower(coalesce({quote(name)}, ''))" if name in columns else "''"

    whens = []
    for rule in grouping.rules:
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


def _campaign_sql(rules: tuple[CampaignRule, ...], columns: set[str]) -> str:
    if not rules:
        return "source_campaign"
    whens = []
    for rule in rules:
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


def _inputs(table: Table, names: list[str]) -> list[str]:
    columns = set(table.column_names)
    return [n for n in names if n in columns]


def same_keys(alias: str, keys: Sequence[str]) -> str:
    """Rows of `s` and `alias` with equal keys (NULL equal to NULL)."""
    return " AND ".join(f"s.{quote(k)} IS NOT DISTINCT FROM {alias}.{quote(k)}" for k in keys)


def build_final(
    con: duckdb.DuckDBPyConnection,
    table: Table,
    staged: str,
    given: set[str],
    grouping: ChannelGrouping,
    campaign_rules: tuple[CampaignRule, ...],
) -> str:
    """Create the view `_final` (staged rows with conformed channel and campaign)."""
    columns = set(table.column_names)
    joins, replace = [], []
    if "channel" in columns:
        keys = _inputs(
            table,
            [*(f if f != "campaign" else "source_campaign" for f in FIELDS), "campaign", "channel"],
        )
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _channel_lookup AS SELECT *, "
            f"{_channel_sql(table, given, grouping)} AS _channel FROM "
            f"(SELECT DISTINCT {', '.join(quote(k) for k in keys)} FROM {staged})"
        )
        joins.append(f"LEFT JOIN _channel_lookup ch ON {same_keys('ch', keys)}")
        replace.append("coalesce(ch._channel, '') AS channel")
    if "source_campaign" in columns and campaign_rules:
        keys = _inputs(table, ["platform", "campaign_id", "source_campaign"])
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE _campaign_lookup AS SELECT *, "
            f"{_campaign_sql(campaign_rules, columns)} AS _campaign FROM "
            f"(SELECT DISTINCT {', '.join(quote(k) for k in keys)} FROM {staged} "
            "WHERE source_campaign IS NOT NULL)"
        )
        joins.append(f"LEFT JOIN _campaign_lookup ca ON {same_keys('ca', keys)}")
        empty = ", ''" if "campaign" in table.natural_key else ""
        replace.append(f"coalesce(ca._campaign, s.campaign{empty}) AS campaign")
    elif "campaign" in table.natural_key:
        replace.append("coalesce(s.campaign, '') AS campaign")
    projection = f"s.* REPLACE ({', '.join(replace)})" if replace else "s.*"
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {FINAL} AS SELECT {projection} FROM {staged} s "
        + " ".join(joins)
    )
    return FINAL


def inline_final(
    table: Table,
    staged: str,
    given: set[str],
    grouping: ChannelGrouping,
    campaign_rules: tuple[CampaignRule, ...],
) -> str:
    """The SELECT over the SELECT `staged` that `build_final` would give, with the rules run
    on every row instead of once per distinct input (no pass over the file beforehand)."""
    columns = set(table.column_names)
    replace = []
    if "channel" in columns:
        replace.append(f"coalesce({_channel_sql(table, given, grouping)}, '') AS channel")
    empty = ", ''" if "campaign" in table.natural_key else ""
    if "source_campaign" in columns and campaign_rules:
        rules = _campaign_sql(campaign_rules, columns)
        replace.append(
            f"coalesce(CASE WHEN source_campaign IS NOT NULL THEN {rules} END, campaign{empty}) "
            "AS campaign"
        )
    elif empty:
        replace.append("coalesce(campaign, '') AS campaign")
    projection = f"* REPLACE ({', '.join(replace)})" if replace else "*"
    return f"SELECT {projection} FROM ({staged})"


def unknown_channels(
    con: duckdb.DuckDBPyConnection,
    grouping: ChannelGrouping,
    rows: str = "_channel_lookup",
    column: str = "_channel",
) -> list[str]:
    """Channel labels a file gave that the grouping does not know (kept as given)."""
    known = ", ".join(literal(c) for c in grouping.channels)
    return [
        r[0]
        for r in con.execute(
            f"SELECT DISTINCT {column} FROM {rows} WHERE {column} <> '' "
            f"AND {column} NOT IN ({known}) ORDER BY 1 LIMIT 10"
        ).fetchall()
    ]
