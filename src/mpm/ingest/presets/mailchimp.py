"""Mailchimp campaign reports: Analytics › Reports › Download (CSV), one row per sent campaign.

`Send Date` reads like `Sep 02, 2025 09:00 am` in the account's time zone: it gives both the send
day (`date`, the account's calendar day) and `sent_at` (converted to UTC from the workspace time
zone, so set the workspace time zone to the Mailchimp account's). Analytics columns hold `n/a`,
which is empty. Money has no currency in the file: the workspace base currency is assumed unless
`--set currency=XXX`. The shorter campaign-list export (Title, Subject, Audience, Send Date,
Total Recipients) loads too, with only `sent`.
"""

from __future__ import annotations

from mpm.ingest.mapping import Mapping
from mpm.ingest.presets.base import Preset, find, mapped
from mpm.ingest.readers import FileLayout
from mpm.ingest.sql import quote
from mpm.model.tables import Kind


def _build(layout: FileLayout) -> Mapping:
    cols = layout.columns
    sent_at = find(cols, "Send Date", "Send Time")
    columns = mapped(
        {
            "date": sent_at,
            "sent_at": sent_at,
            "campaign": find(cols, "Title", "Campaign Title"),
            "email_list": find(cols, "Audience", "List", "List Name"),
            "subject": find(cols, "Subject", "Subject Line"),
            "sent": find(cols, "Total Recipients", "Emails Sent"),
            "delivered": find(cols, "Successful Deliveries"),
            "bounced": find(cols, "Total Bounces"),
            "unique_opens": find(cols, "Unique Opens"),
            "unique_clicks": find(cols, "Unique Clicks"),
            "unsubscribes": find(cols, "Unsubscribes"),
            "complaints": find(cols, "Abuse Complaints"),
            "conversions": find(cols, "Total Orders"),
            "revenue": find(cols, "Total Revenue"),
        }
    )
    helpers: dict[str, tuple[str, Kind]] = {}
    derived: dict[str, str] = {}
    soft, hard = find(cols, "Soft Bounces"), find(cols, "Hard Bounces")
    if "bounced" not in columns and soft is not None and hard is not None:
        helpers = {"soft_bounces": (soft, Kind.COUNT), "hard_bounces": (hard, Kind.COUNT)}
        derived["bounced"] = f"{quote('soft_bounces')} + {quote('hard_bounces')}"
    return Mapping(
        table="email_campaigns",
        source="mailchimp",
        columns=columns,
        constants={"channel": "Email"},
        helpers=helpers,
        derived=derived,
        preset="mailchimp_campaigns",
        day_hint="Download the campaign report from Mailchimp › Analytics › Reports (it has "
        "the Send Date column).",
    )


MAILCHIMP_CAMPAIGNS = Preset(
    name="mailchimp_campaigns",
    label="Mailchimp campaign report",
    table="email_campaigns",
    signature=("Title", "Send Date", "Total Recipients"),
    build=_build,
    description=(
        "Mailchimp › Analytics › Reports › select the campaigns › Export (Download campaign "
        "reports, CSV): one row per sent campaign."
    ),
)
