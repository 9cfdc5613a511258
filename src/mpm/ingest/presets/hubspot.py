"""HubSpot CRM exports (Contacts or Deals › Export view, CSV or XLSX) into `leads`.

Headers are property labels; `Record ID` comes first; timestamps (`YYYY-MM-DD HH:MM`) are in the
portal's time zone, read in the workspace time zone. `Original Source` may be a label
(`Paid Search`, `Social Media`, `Offline Sources`) or an internal value (`PAID_SEARCH`); both
conform through the channel aliases.

Deals are not leads, but a deal is where a lead's opportunity, win or loss and value live. The
deals preset loads each deal as a `leads` row of its own, keyed `deal-<Record ID>`:
created_at and opportunity_at = Create Date; won_at / lost_at = Close Date when the stage is
Closed Won / Closed Lost; deal_value = Amount in company currency (else Amount, with the deal's
Currency when exported); email = the address in `Associated Contact` ("Name (name@x)"). Counting
leads over both imports counts a contact and its deal twice: count leads from the contacts source
(`_source = 'hubspot_contacts'`), opportunities, wins and deal value from the deals.
"""

from __future__ import annotations

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, find, mapped
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import literal, quote
from mpm.model.tables import Kind

CONTACTS_DESCRIPTION = (
    "HubSpot › CRM › Contacts › (a view with Create Date, Original Source, Original Source "
    "Drill-Down 1 and 2 and the Became a … Date properties) › Export view (CSV)."
)
DEALS_DESCRIPTION = (
    "HubSpot › CRM › Deals › (a view with Deal Stage, Amount, Create Date, Close Date and "
    "Associated Contact) › Export view (CSV)."
)
ORIGINAL_SOURCE = ("Original Source", "Original Traffic Source")  # older and newer labels
EMAIL_IN_PARENTHESES = r"\(\s*([^()\s;,]+@[^()\s;,]+)\s*\)"


def _contacts(layout: FileLayout) -> Mapping:
    cols = layout.columns
    columns = mapped(
        {
            "lead_id": find(cols, "Record ID", "Contact ID"),
            "created_at": find(cols, "Create Date"),
            "channel": find(cols, *ORIGINAL_SOURCE),
            "source": find(cols, *(f"{name} Drill-Down 1" for name in ORIGINAL_SOURCE)),
            "campaign": find(cols, *(f"{name} Drill-Down 2" for name in ORIGINAL_SOURCE)),
            "email": find(cols, "Email"),
            "mql_at": find(cols, "Became a Marketing Qualified Lead Date"),
            "sql_at": find(cols, "Became a Sales Qualified Lead Date"),
            "opportunity_at": find(cols, "Became an Opportunity Date"),
            "won_at": find(cols, "Became a Customer Date"),
        }
    )
    return Mapping(
        table="leads", source="hubspot_contacts", columns=columns, preset="hubspot_contacts"
    )


def _stage_is(stage: str) -> str:
    """SQL: the deal stage (label or internal value) is `closedwon` / `closedlost`."""
    squashed = f"regexp_replace(lower({quote('deal_stage')}), '[^a-z]', '', 'g')"
    return f"contains({squashed}, {literal(stage)})"


def _deals(layout: FileLayout) -> Mapping:
    cols = layout.columns
    created = find(cols, "Create Date")
    amount_company = find(cols, "Amount in company currency")
    columns = mapped(
        {
            "created_at": created,
            "opportunity_at": created,
            "channel": find(cols, *ORIGINAL_SOURCE),
            "deal_value": amount_company or find(cols, "Amount"),
            "currency": None if amount_company else find(cols, "Currency", "Deal currency code"),
        }
    )
    helpers: dict[str, tuple[str, Kind]] = {}
    derived: dict[str, str] = {}
    if (record := find(cols, "Record ID")) is not None:
        helpers["record_id"] = (record, Kind.TEXT)
        derived["lead_id"] = f"'deal-' || {quote('record_id')}"
    stage, close = find(cols, "Deal Stage"), find(cols, "Close Date")
    if stage is not None and close is not None:
        helpers["deal_stage"] = (stage, Kind.TEXT)
        helpers["close_date"] = (close, Kind.TIMESTAMP)
        derived["won_at"] = f"CASE WHEN {_stage_is('closedwon')} THEN {quote('close_date')} END"
        derived["lost_at"] = f"CASE WHEN {_stage_is('closedlost')} THEN {quote('close_date')} END"
    contact = find(cols, "Associated Contact", "Associated Contacts")
    if contact is not None:
        helpers["associated_contact"] = (contact, Kind.TEXT)
        derived["email"] = (
            f"nullif(regexp_extract({quote('associated_contact')}, "
            f"{literal(EMAIL_IN_PARENTHESES)}, 1), '')"
        )
    return Mapping(
        table="leads",
        source="hubspot_deals",
        columns=columns,
        helpers=helpers,
        derived=derived,
        preset="hubspot_deals",
    )


HUBSPOT_CONTACTS = Preset(
    name="hubspot_contacts",
    label="HubSpot contacts export",
    table="leads",
    signature=("Record ID", "Email", "Create Date"),
    absent=("Deal Stage",),
    build=_contacts,
    description=CONTACTS_DESCRIPTION,
)

HUBSPOT_DEALS = Preset(
    name="hubspot_deals",
    label="HubSpot deals export",
    table="leads",
    signature=("Record ID", "Deal Name", "Deal Stage"),
    build=_deals,
    description=DEALS_DESCRIPTION,
)
