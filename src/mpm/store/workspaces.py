"""Workspaces: create on first use, read and change their settings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import available_timezones

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.errors import NotFound, UserError
from mpm.model.currencies import CURRENCIES
from mpm.store.models import WorkspaceRow

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


@dataclass(frozen=True)
class WorkspaceSettings:
    """What a workspace's numbers depend on: base currency, time zone, fiscal year, week start."""

    id: int
    slug: str
    name: str
    base_currency: str
    timezone: str
    fiscal_year_start_month: int
    week_start: str
    locale: str = "en_US"  # how pages and reports write numbers, money and dates


def _settings(row: WorkspaceRow) -> WorkspaceSettings:
    return WorkspaceSettings(
        id=row.id,
        slug=row.slug,
        name=row.name,
        base_currency=row.base_currency,
        timezone=row.timezone,
        fiscal_year_start_month=row.fiscal_year_start_month,
        week_start=row.week_start,
        locale=row.locale,
    )


def check_locale(text: str) -> str:
    """A locale Babel knows (en_US, de_DE, fr_FR, ...), in its canonical spelling."""
    from babel import Locale, UnknownLocaleError

    try:
        return str(Locale.parse(text.strip().replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UserError(
            f"unknown locale {text!r} (use a language and country like en_US, de_DE, fr_FR)"
        ) from None


def check_slug(slug: str) -> str:
    if not SLUG.match(slug):
        raise UserError(
            f"invalid workspace name {slug!r}: use lower-case letters, digits, '-' and '_'"
        )
    return slug


def get_workspace(session: Session, slug: str) -> WorkspaceSettings:
    row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
    if row is None:
        raise NotFound(f"workspace {slug!r} does not exist")
    return _settings(row)


def ensure_workspace(
    session: Session, slug: str, *, base_currency: str = "USD"
) -> WorkspaceSettings:
    """The workspace called `slug`, created with default settings on first use."""
    check_slug(slug)
    row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
    if row is None:
        row = WorkspaceRow(
            slug=slug,
            name=slug,
            base_currency=_check_currency(base_currency),
            timezone="UTC",
            fiscal_year_start_month=1,
            week_start="monday",
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )
        session.add(row)
        session.flush()
    return _settings(row)


def list_workspaces(session: Session) -> list[WorkspaceSettings]:
    rows = session.scalars(select(WorkspaceRow).order_by(WorkspaceRow.slug))
    return [_settings(r) for r in rows]


def update_workspace(
    session: Session,
    slug: str,
    *,
    base_currency: str | None = None,
    timezone: str | None = None,
    fiscal_year_start_month: int | None = None,
    week_start: str | None = None,
    name: str | None = None,
    locale: str | None = None,
) -> WorkspaceSettings:
    """Change settings; each value is checked and a bad one is refused with the allowed values."""
    row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
    if row is None:
        raise NotFound(f"workspace {slug!r} does not exist")
    if base_currency is not None:
        row.base_currency = _check_currency(base_currency)
    if timezone is not None:
        if timezone not in available_timezones():
            raise UserError(f"unknown time zone {timezone!r} (use an IANA name like Europe/Berlin)")
        row.timezone = timezone
    if fiscal_year_start_month is not None:
        if not 1 <= fiscal_year_start_month <= 12:
            raise UserError("fiscal-year start month must be 1 to 12")
        row.fiscal_year_start_month = fiscal_year_start_month
    if week_start is not None:
        if week_start.lower() not in WEEKDAYS:
            raise UserError(f"week start must be one of {', '.join(WEEKDAYS)}")
        row.week_start = week_start.lower()
    if name is not None:
        row.name = name
    if locale is not None:
        row.locale = check_locale(locale)
    session.flush()
    return _settings(row)


def _check_currency(code: str) -> str:
    code = code.upper()
    if code not in CURRENCIES:
        raise UserError(f"unknown currency {code!r} (use an ISO 4217 code like USD, EUR, GBP)")
    return code
