"""Shopify admin › Orders › Export (CSV for Excel or plain CSV) into `orders`.

The export has one row per line item; order-level fields (Financial Status, Subtotal, Id, …) are
filled only on an order's first row, so the other rows are dropped. `Created at` carries its UTC
offset (`2026-05-12 12:54:07 -0700`) and is stored in UTC.

revenue = Subtotal − Refunded Amount, at most down to 0: Subtotal is the line items after
discounts, before shipping and taxes; Refunded Amount may include refunded shipping and taxes,
which the cap keeps from making a fully refunded order negative. Voided orders (no money was
taken) have revenue 0. gross_margin and is_first_order are left empty (the export has no cost of
goods and no customer history). customer_id is the Email, the only customer key in the export:
personal data. source, medium and campaign come from `utm_source`, `utm_medium` and
`utm_campaign` lines in Note Attributes when the store records them there.
"""

from __future__ import annotations

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, find, mapped
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import literal, quote
from mpm.model.tables import Kind

ORDER_LEVEL = ("Financial Status", "Id")  # filled on an order's first row only


def _note_attribute(key: str) -> str:
    """SQL: the value of a `key: value` line of Note Attributes, or NULL."""
    pattern = rf"(?im)^\s*{key}\s*[:=]\s*(\S[^\r\n]*?)\s*$"
    return f"nullif(regexp_extract({quote('note_attributes')}, {literal(pattern)}, 1), '')"


def _build(layout: FileLayout) -> Mapping:
    cols = layout.columns
    columns = mapped(
        {
            "order_id": find(cols, "Name"),
            "customer_id": find(cols, "Email"),
            "ordered_at": find(cols, "Created at"),
            "currency": find(cols, "Currency"),
        }
    )
    helpers: dict[str, tuple[str, Kind]] = {}
    derived: dict[str, str] = {}
    subtotal, refunded = find(cols, "Subtotal"), find(cols, "Refunded Amount")
    if subtotal is not None:
        helpers["subtotal"] = (subtotal, Kind.MONEY)
        net = quote("subtotal")
        if refunded is not None:
            helpers["refunded"] = (refunded, Kind.MONEY)
            net = f"{net} - least(coalesce({quote('refunded')}, 0), {net})"
        if (status := find(cols, "Financial Status")) is not None:
            helpers["financial_status"] = (status, Kind.TEXT)
            net = f"CASE WHEN lower({quote('financial_status')}) = 'voided' THEN 0 ELSE {net} END"
        derived["revenue"] = net
    if (notes := find(cols, "Note Attributes")) is not None:
        helpers["note_attributes"] = (notes, Kind.TEXT)
        derived |= {
            "source": _note_attribute("utm_source"),
            "medium": _note_attribute("utm_medium"),
            "campaign": _note_attribute("utm_campaign"),
        }
    first_row = [c for c in (find(cols, name) for name in ORDER_LEVEL) if c is not None]
    continuation = " AND ".join(f"mpm_text({quote(c)}) IS NULL" for c in first_row)
    return Mapping(
        table="orders",
        source="shopify",
        columns=columns,
        helpers=helpers,
        derived=derived,
        skip_rows=(continuation,) if continuation else (),
        skip_label="line-item rows after the first of each order",
        preset="shopify_orders",
    )


SHOPIFY_ORDERS = Preset(
    name="shopify_orders",
    label="Shopify orders export",
    table="orders",
    signature=("Name", "Created at", "Financial Status", "Lineitem name"),
    build=_build,
    description=(
        "Shopify admin › Orders › Export › All orders (or a date range) › CSV for Excel or "
        "plain CSV file: one row per line item, the order's first row holds its totals."
    ),
)
