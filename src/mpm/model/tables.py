"""The canonical marketing data model: every warehouse table with types, keys and checks.

Money is DECIMAL(38,9) in the row's currency; tables with money also carry the base-currency
value (`<column>_base`) converted through `fx_rates` at load. Counts are BIGINT; platform
conversions are DOUBLE because ad platforms report fractional (modelled) conversions.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    """What a column holds; decides how imports parse and validate it."""

    DATE = "date"
    TIMESTAMP = "timestamp"
    TEXT = "text"
    COUNT = "count"  # non-negative integer
    NUMBER = "number"  # double, may be fractional
    MONEY = "money"  # DECIMAL(38,9) in the row's currency
    CURRENCY = "currency"  # ISO 4217 code
    BOOLEAN = "boolean"


SQL_TYPES: dict[Kind, str] = {
    Kind.DATE: "DATE",
    Kind.TIMESTAMP: "TIMESTAMP",
    Kind.TEXT: "VARCHAR",
    Kind.COUNT: "BIGINT",
    Kind.NUMBER: "DOUBLE",
    Kind.MONEY: "DECIMAL(38,9)",
    Kind.CURRENCY: "VARCHAR",
    Kind.BOOLEAN: "BOOLEAN",
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str = ""
    required: bool = False
    non_negative: bool = False
    signed: bool = False  # money or numbers that may legitimately be negative

    @property
    def sql_type(self) -> str:
        return SQL_TYPES[self.kind]


class LoadMode(StrEnum):
    """How a re-import treats existing rows (DESIGN.md, Loads)."""

    PARTITION = "partition"  # replace all rows of the same source and account in the date range
    UPSERT = "upsert"  # replace rows with the same natural key


@dataclass(frozen=True)
class Check:
    """A row-level consistency rule: `smaller` must not exceed `larger`."""

    smaller: str
    larger: str


@dataclass(frozen=True)
class Table:
    name: str
    grain: str
    mode: LoadMode
    columns: tuple[Column, ...]
    natural_key: tuple[str, ...]
    date_column: str  # the column that places a row in time (date or timestamp)
    checks: tuple[Check, ...] = ()
    # channel for rows that name none; None derives it from the grouping rules
    default_channel: str | None = None

    def column(self, name: str) -> Column:
        for c in self.columns:
            if c.name == name:
                return c
        raise KeyError(name)

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def money_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.kind is Kind.MONEY)

    @property
    def has_currency(self) -> bool:
        return "currency" in self.column_names

    @property
    def has_account(self) -> bool:
        return "account" in self.column_names

    @property
    def stored_columns(self) -> tuple[tuple[str, str], ...]:
        """(name, SQL type) of every stored column, with base-currency twins and bookkeeping."""
        out: list[tuple[str, str]] = [(c.name, c.sql_type) for c in self.columns]
        out += [(f"{m}_base", SQL_TYPES[Kind.MONEY]) for m in self.money_columns]
        out += [("attributes", "MAP(VARCHAR, VARCHAR)")]
        out += [("_source", "VARCHAR"), ("_loaded_at", "TIMESTAMP"), ("_load_id", "BIGINT")]
        return tuple(out)


def _c(name: str, kind: Kind, description: str = "", **kw: bool) -> Column:
    return Column(name, kind, description, **kw)


D, TS, T, N, F, M, CUR = (
    Kind.DATE,
    Kind.TIMESTAMP,
    Kind.TEXT,
    Kind.COUNT,
    Kind.NUMBER,
    Kind.MONEY,
    Kind.CURRENCY,
)

_PLATFORM = _c(
    "platform", T, "google_ads, meta_ads, linkedin_ads, microsoft_ads, tiktok_ads, other"
)
_ACCOUNT = _c("account", T, "ad account, property or list owner; '' when the file has none")
_CHANNEL = _c("channel", T, "conformed channel (GA4 default channel grouping or workspace rules)")

AD_PERFORMANCE = Table(
    name="ad_performance",
    grain="day × platform × account × campaign × ad group × ad",
    mode=LoadMode.PARTITION,
    date_column="date",
    columns=(
        _c("date", D, "day of delivery", required=True),
        _PLATFORM,
        _ACCOUNT,
        _CHANNEL,
        _c("campaign_id", T, "platform campaign id"),
        _c("campaign", T, "campaign name (after campaign mapping)", required=True),
        _c("source_campaign", T, "campaign name as the platform gave it"),
        _c("campaign_type", T, "Search, Display, Video, Performance Max, ..."),
        _c("ad_group", T, "ad group / ad set"),
        _c("ad", T, "ad"),
        _c("currency", CUR, "currency of the money columns"),
        _c("spend", M, "media cost", non_negative=True),
        _c("impressions", N, non_negative=True),
        _c("clicks", N, non_negative=True),
        _c("conversions", F, "platform-reported conversions", non_negative=True),
        _c("conversion_value", M, "platform-reported conversion value", non_negative=True),
        _c("reach", N, non_negative=True),
        _c("video_views", N, non_negative=True),
    ),
    natural_key=("date", "platform", "account", "campaign_id", "campaign", "ad_group", "ad"),
    checks=(Check("clicks", "impressions"),),
)

WEB_TRAFFIC = Table(
    name="web_traffic",
    grain="day × channel × source × medium × campaign × landing page × device × country",
    mode=LoadMode.PARTITION,
    date_column="date",
    columns=(
        _c("date", D, required=True),
        _ACCOUNT,
        _CHANNEL,
        _c("source", T),
        _c("medium", T),
        _c("campaign", T),
        _c("source_campaign", T),
        _c("landing_page", T),
        _c("device", T),
        _c("country", T),
        _c("currency", CUR),
        _c("sessions", N, non_negative=True),
        _c("users", N, non_negative=True),
        _c("new_users", N, non_negative=True),
        _c("engaged_sessions", N, non_negative=True),
        _c("bounces", N, non_negative=True),
        _c("pageviews", N, non_negative=True),
        _c("engagement_seconds", F, "total engagement time in seconds", non_negative=True),
        _c("conversions", F, "key events / goal completions", non_negative=True),
        _c("revenue", M, non_negative=True),
    ),
    natural_key=(
        "date",
        "account",
        "channel",
        "source",
        "medium",
        "campaign",
        "landing_page",
        "device",
        "country",
    ),
    checks=(
        Check("engaged_sessions", "sessions"),
        Check("bounces", "sessions"),
        Check("new_users", "users"),
    ),
)

EMAIL_CAMPAIGNS = Table(
    name="email_campaigns",
    grain="send × campaign × list",
    mode=LoadMode.PARTITION,
    date_column="date",
    columns=(
        _c("date", D, "send day", required=True),
        _c("sent_at", TS, "send time (UTC)"),
        _ACCOUNT,
        _CHANNEL,
        _c("campaign", T, required=True),
        _c("source_campaign", T),
        _c("email_list", T, "list / audience"),
        _c("subject", T),
        _c("currency", CUR),
        _c("sent", N, "recipients", non_negative=True),
        _c("delivered", N, non_negative=True),
        _c("bounced", N, non_negative=True),
        _c("unique_opens", N, non_negative=True),
        _c("unique_clicks", N, non_negative=True),
        _c("unsubscribes", N, non_negative=True),
        _c("complaints", N, non_negative=True),
        _c("conversions", F, non_negative=True),
        _c("revenue", M, non_negative=True),
    ),
    natural_key=("date", "account", "campaign", "email_list", "sent_at"),
    default_channel="Email",
    checks=(
        Check("delivered", "sent"),
        Check("bounced", "sent"),
        Check("unique_opens", "delivered"),
        Check("unique_clicks", "delivered"),
    ),
)

SOCIAL_PERFORMANCE = Table(
    name="social_performance",
    grain="day × network × account (× post)",
    mode=LoadMode.PARTITION,
    date_column="date",
    columns=(
        _c("date", D, required=True),
        _c("network", T, "facebook, instagram, linkedin, x, tiktok, youtube, ...", required=True),
        _ACCOUNT,
        _CHANNEL,
        _c("post_id", T, "post, or '' for account-level rows"),
        _c("impressions", N, non_negative=True),
        _c("reach", N, non_negative=True),
        _c("engagements", N, non_negative=True),
        _c("clicks", N, non_negative=True),
        _c("video_views", N, non_negative=True),
        _c("followers", N, "followers at the end of the day", non_negative=True),
        _c("follower_change", N, "net new followers that day", signed=True),
    ),
    natural_key=("date", "network", "account", "post_id"),
    default_channel="Organic Social",
    checks=(Check("clicks", "impressions"), Check("reach", "impressions")),
)

COSTS = Table(
    name="costs",
    grain="day × category × channel",
    mode=LoadMode.PARTITION,
    date_column="date",
    columns=(
        _c("date", D, required=True),
        _ACCOUNT,
        _c("category", T, "agency fees, tools, content, salaries, ...", required=True),
        _CHANNEL,
        _c("campaign", T),
        _c("description", T),
        _c("currency", CUR),
        _c("amount", M, "non-media cost", non_negative=True),
    ),
    natural_key=("date", "account", "category", "channel", "campaign", "description"),
    default_channel="",  # a cost without a channel is unallocated
)

CUSTOM_METRICS = Table(
    name="custom_metrics",
    grain="day × metric × dims",
    mode=LoadMode.PARTITION,
    date_column="date",
    columns=(
        _c("date", D, required=True),
        _ACCOUNT,
        _c("metric", T, "e.g. brand_awareness, nps, mentions", required=True),
        _c("dimension", T, "optional breakdown, e.g. a country or segment"),
        _CHANNEL,
        _c("value", F, "the measurement", required=True, signed=True),
        _c("sample_size", N, "respondents, when the metric is a survey", non_negative=True),
    ),
    natural_key=("date", "account", "metric", "dimension", "channel"),
    default_channel="",
)

FX_RATES = Table(
    name="fx_rates",
    grain="day × currency",
    mode=LoadMode.UPSERT,
    date_column="date",
    columns=(
        _c("date", D, required=True),
        _c("currency", CUR, required=True),
        _c("base_currency", CUR, "currency the rate converts into", required=True),
        _c(
            "rate",
            F,
            "base-currency units per one unit of `currency`",
            required=True,
            non_negative=True,
        ),
    ),
    natural_key=("date", "currency", "base_currency"),
)

LEADS = Table(
    name="leads",
    grain="lead",
    mode=LoadMode.UPSERT,
    date_column="created_at",
    columns=(
        _c("lead_id", T, required=True),
        _c("created_at", TS, required=True),
        _CHANNEL,
        _c("source", T),
        _c("medium", T),
        _c("campaign", T),
        _c("source_campaign", T),
        _c("email", T, "personal data; hashed when the workspace asks for it"),
        _c("mql_at", TS),
        _c("sql_at", TS),
        _c("opportunity_at", TS),
        _c("won_at", TS),
        _c("lost_at", TS),
        _c("currency", CUR),
        _c("deal_value", M, non_negative=True),
        _c("customer_id", T),
    ),
    natural_key=("lead_id",),
)

ORDERS = Table(
    name="orders",
    grain="order",
    mode=LoadMode.UPSERT,
    date_column="ordered_at",
    columns=(
        _c("order_id", T, required=True),
        _c("customer_id", T),
        _c("ordered_at", TS, required=True),
        _c("currency", CUR),
        _c("revenue", M, "order revenue net of tax and shipping", signed=True),
        _c("gross_margin", M, signed=True),
        _CHANNEL,
        _c("source", T),
        _c("medium", T),
        _c("campaign", T),
        _c("source_campaign", T),
        _c("is_first_order", Kind.BOOLEAN),
    ),
    natural_key=("order_id",),
)

CUSTOMERS = Table(
    name="customers",
    grain="customer",
    mode=LoadMode.UPSERT,
    date_column="first_order_at",
    columns=(
        _c("customer_id", T, required=True),
        _c("first_order_at", TS),
        _c("acquisition_channel", T),
        _c("country", T),
        _c("age_band", T),
        _c("gender", T),
        _c("email", T, "personal data; hashed when the workspace asks for it"),
    ),
    natural_key=("customer_id",),
)

TOUCHPOINTS = Table(
    name="touchpoints",
    grain="user × interaction",
    mode=LoadMode.UPSERT,
    date_column="ts",
    columns=(
        _c("user_id", T, required=True),
        _c("ts", TS, required=True),
        _CHANNEL,
        _c("campaign", T),
        _c("source_campaign", T),
        _c("interaction", T, "impression, click, visit, email_open, ..."),
    ),
    natural_key=("user_id", "ts", "channel", "campaign", "interaction"),
)

CONVERSIONS = Table(
    name="conversions",
    grain="conversion",
    mode=LoadMode.UPSERT,
    date_column="ts",
    columns=(
        _c("conversion_id", T, required=True),
        _c("user_id", T, required=True),
        _c("ts", TS, required=True),
        _c("currency", CUR),
        _c("value", M, non_negative=True),
    ),
    natural_key=("conversion_id",),
)

EXPERIMENT_EXPOSURES = Table(
    name="experiment_exposures",
    grain="unit × experiment",
    mode=LoadMode.UPSERT,
    date_column="exposed_at",
    columns=(
        _c("experiment", T, required=True),
        _c("unit_id", T, required=True),
        _c("variant", T, required=True),
        _c("exposed_at", TS, required=True),
        _c("pre_period_value", F, "pre-period covariate (for CUPED)", signed=True),
        _c("converted", N, "1 if the unit converted, else 0", non_negative=True),
        _c("clicks", N, non_negative=True),
        _c("currency", CUR),
        _c("revenue", M, non_negative=True),
    ),
    natural_key=("experiment", "unit_id"),
)

TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        AD_PERFORMANCE,
        WEB_TRAFFIC,
        EMAIL_CAMPAIGNS,
        SOCIAL_PERFORMANCE,
        COSTS,
        CUSTOM_METRICS,
        FX_RATES,
        LEADS,
        ORDERS,
        CUSTOMERS,
        TOUCHPOINTS,
        CONVERSIONS,
        EXPERIMENT_EXPOSURES,
    )
}

PLATFORMS = ("google_ads", "meta_ads", "linkedin_ads", "microsoft_ads", "tiktok_ads", "other")


def get_table(name: str) -> Table:
    """The canonical table called `name`, or a UserError with the closest names."""
    from difflib import get_close_matches

    from mpm.errors import UserError

    if name in TABLES:
        return TABLES[name]
    close = get_close_matches(name, TABLES, n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UserError(f"unknown table {name!r}{hint} (tables: {', '.join(TABLES)})")
