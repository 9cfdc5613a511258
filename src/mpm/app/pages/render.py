"""Rendering pages: the Jinja2 environment (autoescaped), the context every page has (who is
signed in, their workspaces and role, the CSRF token for forms, the navigation) and the filters
that format numbers in the workspace's currency and locale."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup

from mpm import __version__
from mpm.app.deps import settings_of
from mpm.app.pages import formatting
from mpm.auth import Principal, Role
from mpm.metrics import Calendar
from mpm.services import workspaces

TEMPLATES = Path(__file__).parent.parent / "templates"

NAV = (  # (key, label, path under /w/<workspace>/)
    ("overview", "Overview", ""),
    ("explore", "Explore", "explore"),
    ("objectives", "Objectives", "objectives"),
    ("plans", "Plans & budgets", "plans"),
    ("campaigns", "Campaigns", "campaigns"),
    ("data", "Data", "data"),
    ("settings", "Settings", "settings"),
)


def _json_script(value: Any) -> Markup:
    """JSON for a `<script type="application/json">` block: `<`, `>` and `&` escaped so no
    value can close the element."""
    text = json.dumps(value, separators=(",", ":"), default=str)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # noqa: S704 - escaped above


templates = Jinja2Templates(directory=str(TEMPLATES))
templates.env.filters["json_script"] = _json_script
templates.env.globals["version"] = __version__


@dataclass(frozen=True)
class Here:
    """The workspace a page is about, and the signed-in principal's place in it."""

    slug: str
    name: str
    currency: str
    locale: str
    timezone: str
    role: Role
    week_start: str
    fiscal_year_start_month: int

    @property
    def calendar(self) -> Calendar:
        """The workspace's weeks and fiscal year, as the KPI layer counts periods."""
        return Calendar(self.week_start, self.fiscal_year_start_month)

    def can(self, role: str) -> bool:
        """Whether the principal's role is at least `role` (to show or hide controls; the
        service layer decides what is allowed)."""
        return self.role.rank >= Role(role).rank

    def url(self, path: str = "", **query: Any) -> str:
        base = f"/w/{self.slug}/{path}"
        kept = {k: v for k, v in query.items() if v not in (None, "", [])}
        return f"{base}?{urlencode(kept, doseq=True)}" if kept else base

    def value(self, value: Any, unit: str, *, compact: bool = False) -> str:
        return formatting.kpi_value(value, unit, self.currency, self.locale, compact=compact)

    @property
    def today(self) -> date:
        """Today in the workspace's time zone."""
        return datetime.now(ZoneInfo(self.timezone)).date()

    def change(self, value: Any) -> str:
        return formatting.change(value, self.locale)

    def money(self, value: Any) -> str:
        return formatting.money(value, self.currency, self.locale)

    def day(self, value: Any) -> str:
        return formatting.day(value, self.locale)

    def period(self, value: Any, grain: str) -> str:
        return formatting.period(value, grain, self.locale)


def place(
    request: Request, principal: Principal, slug: str | None
) -> tuple[list[Any], Here | None]:
    """The principal's workspaces, and the one of this page (None on pages of no workspace)."""
    mine = getattr(request.state, "workspaces", None)
    if mine is None:
        mine = workspaces.list_workspaces(principal, settings=settings_of(request))
        request.state.workspaces = mine
    access = next((a for a in mine if a.workspace.slug == slug), None)
    if access is None:
        return mine, None
    ws = access.workspace
    return mine, Here(
        ws.slug,
        ws.name,
        ws.base_currency,
        ws.locale,
        ws.timezone,
        Role(access.role),
        ws.week_start,
        ws.fiscal_year_start_month,
    )


def here_of(request: Request, principal: Principal, slug: str) -> Here:
    """The workspace of a page whose route has let the principal in."""
    _, here = place(request, principal, slug)
    assert here is not None  # the route's gate let the principal in
    return here


def render(
    request: Request,
    template: str,
    *,
    principal: Principal | None = None,
    workspace: str | None = None,
    active: str = "",
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    """A page with the context every page has."""
    mine, here = ([], None) if principal is None else place(request, principal, workspace)
    return templates.TemplateResponse(
        request,
        template,
        {
            "principal": principal,
            "workspaces": mine,
            "here": here,
            "nav": NAV,
            "active": active,
            "csrf_token": getattr(request.state, "csrf_token", None) or "",
            **context,
        },
        status_code=status_code,
    )


def redirect(url: str) -> RedirectResponse:
    """See other: after a form post, the browser loads the page with a GET."""
    return RedirectResponse(url, status_code=303)


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go on to after signing in; anything else (other hosts, schemes,
    protocol-relative URLs) goes to `default`."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


def sentence(error: Exception | str) -> str:
    """An error message as a sentence for a page: capitalised, with a full stop."""
    text = str(error).strip()
    if not text:
        return "Something went wrong."
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."
