"""How the columns of a file become canonical columns: a mapping, from a preset or the user.

A saved mapping is YAML:

    table: ad_performance
    source: facebook_kaggle        # value of _source; re-imports under the same name replace
    columns: {campaign: xyz_campaign_id, spend: Spent, impressions: Impressions}
    constants: {platform: meta_ads, date: 2017-08-17}
    date_format: "%d/%m/%Y"        # optional; otherwise detected
    decimal_comma: false
    keep_extra: false
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from mpm.errors import UserError
from mpm.model.tables import Kind, get_table


class RowCheck(NamedTuple):
    """A preset's rule for rows that parse but must not load (e.g. a row covering a month).

    `condition` is SQL over the parsed fields (canonical names and helpers, quoted) that is true
    for a bad row; the problem names the file `column` and says `message`.
    """

    condition: str
    column: str
    message: str


@dataclass(frozen=True)
class Mapping:
    """A file → canonical-table mapping. `derived` and `helpers` are for presets only."""

    table: str
    source: str
    columns: dict[str, str] = field(default_factory=dict)  # canonical → file column
    constants: dict[str, str] = field(default_factory=dict)  # canonical → value for every row
    helpers: dict[str, tuple[str, Kind]] = field(default_factory=dict)  # name → (column, kind)
    derived: dict[str, str] = field(default_factory=dict)  # canonical → SQL over parsed fields
    skip_rows: tuple[str, ...] = ()  # SQL conditions over raw cells: rows to drop (totals)
    skip_label: str = "summary rows (totals)"  # what the skipped rows are, for the load report
    row_checks: tuple[RowCheck, ...] = ()  # rows to refuse, with the reason
    date_format: str | None = None
    decimal_comma: bool = False
    keep_extra: bool = False
    preset: str | None = None
    day_hint: str | None = None  # how to export by day, for the no-date error

    def with_overrides(
        self,
        *,
        columns: dict[str, str] | None = None,
        constants: dict[str, str] | None = None,
        date_format: str | None = None,
        decimal_comma: bool | None = None,
        keep_extra: bool | None = None,
        source: str | None = None,
    ) -> Mapping:
        return replace(
            self,
            columns={**self.columns, **(columns or {})},
            constants={**self.constants, **(constants or {})},
            date_format=date_format or self.date_format,
            decimal_comma=self.decimal_comma if decimal_comma is None else decimal_comma,
            keep_extra=self.keep_extra if keep_extra is None else keep_extra,
            source=source or self.source,
        )

    def validate_names(self) -> None:
        """Every canonical name must exist in the table (with a did-you-mean)."""
        from difflib import get_close_matches

        table = get_table(self.table)
        names = set(table.column_names)
        for canonical in [*self.columns, *self.constants, *self.derived]:
            if canonical not in names:
                close = get_close_matches(canonical, names, n=3)
                hint = f"; did you mean {', '.join(close)}?" if close else ""
                raise UserError(
                    f"{self.table} has no column {canonical!r}{hint} "
                    f"(columns: {', '.join(table.column_names)})"
                )


def parse_pairs(pairs: list[str], option: str) -> dict[str, str]:
    """`canonical=value` options from the command line."""
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise UserError(f"{option} expects canonical=value, got {pair!r}")
        key, value = pair.split("=", 1)
        out[key.strip()] = value
    return out


def load_mapping_file(path: Path) -> Mapping:
    """A saved mapping (YAML), checked against the canonical model."""
    try:
        doc: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UserError(f"{path}: cannot read the mapping: {exc}") from exc
    if not isinstance(doc, dict) or "table" not in doc:
        raise UserError(f"{path}: a mapping needs at least 'table' and 'columns'")
    allowed = {
        "table",
        "source",
        "columns",
        "constants",
        "date_format",
        "decimal_comma",
        "keep_extra",
    }
    unknown = set(doc) - allowed
    if unknown:
        raise UserError(
            f"{path}: unknown key(s) {', '.join(sorted(unknown))}; allowed: "
            f"{', '.join(sorted(allowed))}"
        )
    mapping = Mapping(
        table=str(doc["table"]),
        source=str(doc.get("source") or path.stem),
        columns={str(k): str(v) for k, v in (doc.get("columns") or {}).items()},
        constants={str(k): str(v) for k, v in (doc.get("constants") or {}).items()},
        date_format=doc.get("date_format"),
        decimal_comma=bool(doc.get("decimal_comma", False)),
        keep_extra=bool(doc.get("keep_extra", False)),
    )
    mapping.validate_names()
    return mapping


def identity_mapping(table: str, columns: tuple[str, ...]) -> dict[str, str]:
    """Columns whose names already are canonical names map to themselves."""
    canonical = set(get_table(table).column_names)
    return {c: c for c in columns if c in canonical}
