"""The settings of a workspace: its name, currency, time zone, calendar and locale; members
and their roles; API tokens; and, to read, the channel grouping rules and the KPI catalog.
Everyone sees the settings and the read-only pages; owners change them (the services decide).
A one-time secret (an API token, an invited member's password link) is shown in the answer
to the form that made it, never in a URL, and the page is not cached."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode
from zoneinfo import available_timezones

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, Response

from mpm.app.api.access import Id
from mpm.app.deps import CurrentPrincipal, needs, settings_of
from mpm.app.pages import forms
from mpm.app.pages.render import redirect, render, sentence
from mpm.app.serialize import MAX_ID
from mpm.auth import ApiToken, Principal, Role, User
from mpm.errors import Conflict, Forbidden, NotFound, Unauthorized, UserError
from mpm.ingest import workspace_paths
from mpm.model import CURRENCIES
from mpm.model.channels import ChannelRule, load_grouping
from mpm.services import data, workspaces

router = APIRouter(include_in_schema=False)

Email = Annotated[str, Form(max_length=320)]
RoleName = Annotated[str, Form(max_length=16)]
Name = Annotated[str, Form(max_length=200)]
SECTIONS = (  # (key, label, path under settings/, least role that sees it)
    ("general", "General", "", Role.VIEWER),
    ("members", "Members", "members", Role.OWNER),
    ("tokens", "API tokens", "tokens", Role.OWNER),
    ("channels", "Channel rules", "channels", Role.VIEWER),
    ("metrics", "KPI catalog", "metrics", Role.VIEWER),
)
WEEKDAYS = tuple(day.lower() for day in calendar.day_name)
MONTHS = tuple(calendar.month_name[1:])
LOCALES = ("en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL", "pt_BR", "sv_SE")
TOKEN_DAYS = (7, 30, 90, 180, 366)
DIRECTIONS = {"higher": "Higher is better", "lower": "Lower is better", "none": "Neither"}
FIELD_WORDS = (  # words of a settings error -> the field it is about
    ("currency", "base_currency"),
    ("time zone", "timezone"),
    ("fiscal", "fiscal_year_start_month"),
    ("week start", "week_start"),
    ("locale", "locale"),
)
OWN_ERRORS = (Unauthorized, Forbidden, NotFound)  # shown as their own page, not in a form


def _no_store(response: Response) -> Response:
    """A page holding a secret is kept by no cache and no browser history store."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _render(
    request: Request,
    principal: Principal,
    workspace: str,
    template: str,
    section: str,
    *,
    status_code: int = 200,
    **context: Any,
) -> HTMLResponse:
    return render(
        request,
        f"settings/{template}",
        principal=principal,
        workspace=workspace,
        active="settings",
        section=section,
        sections=SECTIONS,
        status_code=status_code,
        **context,
    )


# --- general ---------------------------------------------------------------------------------


def _general(
    request: Request,
    principal: Principal,
    workspace: str,
    *,
    form: dict[str, Any] | None = None,
    errors: dict[str, str] | None = None,
    saved: bool = False,
    status_code: int = 200,
) -> HTMLResponse:
    current = workspaces.get_workspace(principal, workspace, settings=settings_of(request))
    return _render(
        request,
        principal,
        workspace,
        "index.html",
        "general",
        workspace_settings=current,
        form=form or {},
        errors=errors or {},
        saved=saved,
        currencies=sorted(CURRENCIES),
        timezones=sorted(available_timezones()),
        weekdays=WEEKDAYS,
        months=MONTHS,
        locales=LOCALES,
        status_code=status_code,
    )


@router.get("/w/{workspace}/settings", **needs(workspaces.get_workspace))
def general(
    workspace: str, request: Request, principal: CurrentPrincipal, saved: str = ""
) -> HTMLResponse:
    return _general(request, principal, workspace, saved=bool(saved))


@router.post("/w/{workspace}/settings", **needs(workspaces.update_workspace))
def update_settings(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    name: Name = "",
    base_currency: Annotated[str, Form(max_length=3)] = "",
    timezone: Annotated[str, Form(max_length=64)] = "",
    fiscal_year_start_month: Annotated[str, Form(max_length=2)] = "",
    week_start: Annotated[str, Form(max_length=9)] = "",
    locale: Annotated[str, Form(max_length=35)] = "",
) -> Response:
    """Change the settings the form shows; only values that differ are sent to the service,
    so the audit log records what changed."""
    settings = settings_of(request)
    form = {
        "name": name.strip(),
        "base_currency": base_currency.strip().upper(),
        "timezone": timezone.strip(),
        "fiscal_year_start_month": fiscal_year_start_month.strip(),
        "week_start": week_start.strip().lower(),
        "locale": locale.strip(),
    }
    errors = {key: "Fill this in." for key, value in form.items() if not value}
    month = form["fiscal_year_start_month"]
    if month and not (month.isdigit() and 1 <= int(month) <= 12):
        errors["fiscal_year_start_month"] = "Pick a month from the list."
    if errors:
        return _general(request, principal, workspace, form=form, errors=errors, status_code=422)
    current = workspaces.get_workspace(principal, workspace, settings=settings)
    wanted: dict[str, Any] = {**form, "fiscal_year_start_month": int(month)}
    changes = {k: v for k, v in wanted.items() if getattr(current, k) != v}
    if changes:
        try:
            workspaces.update_workspace(principal, workspace, settings=settings, **changes)
        except OWN_ERRORS:
            raise
        except UserError as exc:
            errors[forms.field_of(str(exc), FIELD_WORDS, "form")] = sentence(exc)
            return _general(
                request, principal, workspace, form=form, errors=errors, status_code=422
            )
    return redirect(f"/w/{workspace}/settings?saved=1")


# --- members ---------------------------------------------------------------------------------


def role_in(user: User, workspace: str) -> str:
    """The role of a member in this workspace."""
    return next((m.role for m in user.memberships if m.workspace == workspace), "")


def _members(
    request: Request,
    principal: Principal,
    workspace: str,
    *,
    said: dict[str, str] | None = None,
    notice: str = "",
    invite: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    member_errors: dict[int, str] | None = None,
    invited: workspaces.Invitation | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    found = workspaces.list_members(principal, workspace, settings=settings_of(request))
    notice = notice or member_notice(said or {}, {u.email for u in found})
    reset_link = None
    if invited is not None and invited.reset_token:
        base = str(request.base_url).rstrip("/")
        reset_link = f"{base}/reset-password?token={invited.reset_token}"
    return _render(
        request,
        principal,
        workspace,
        "members.html",
        "members",
        members=sorted(found, key=lambda u: (u.name or u.email).lower()),
        role_in=role_in,
        roles=[r.value for r in Role],
        notice=notice,
        invite=invite or {"role": Role.VIEWER.value},
        errors=errors or {},
        member_errors=member_errors or {},
        invited=invited,
        reset_link=reset_link,
        status_code=status_code,
    )


def member_notice(said: dict[str, str], emails: set[str]) -> str:
    """The confirmation of a change to the members, when the list agrees with it (a link
    cannot make the page claim what did not happen)."""
    if said.get("added") in emails:
        return f"{said['added']} is a member now."
    if said.get("changed") in emails:
        return f"The role of {said['changed']} is changed."
    removed = said.get("removed")
    if removed and removed not in emails:
        return f"{removed} is no longer a member; their API tokens here are revoked."
    return ""


def _members_url(workspace: str, **said: str) -> str:
    return f"/w/{workspace}/settings/members?{urlencode(said)}"


@router.get("/w/{workspace}/settings/members", **needs(workspaces.list_members))
def members(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    added: str = "",
    changed: str = "",
    removed: str = "",
) -> HTMLResponse:
    said = {"added": added, "changed": changed, "removed": removed}
    return _members(request, principal, workspace, said=said)


@router.post("/w/{workspace}/settings/members", **needs(workspaces.add_member))
def add_member(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    email: Email = "",
    role: RoleName = "",
    name: Name = "",
) -> Response:
    """Give someone a role here. A person new to this installation gets an account and a
    link to choose a password, shown only in this answer."""
    invite = {"email": email.strip(), "role": role.strip(), "name": name.strip()}
    errors: dict[str, str] = {}
    if not invite["email"]:
        errors["email"] = "Write the e-mail address of the person to invite."
    if not errors:
        try:
            invited = workspaces.add_member(
                principal,
                workspace,
                invite["email"],
                invite["role"] or Role.VIEWER.value,
                name=invite["name"] or None,
                settings=settings_of(request),
            )
        except OWN_ERRORS:
            raise
        except UserError as exc:
            errors["role" if "role" in str(exc).lower() else "email"] = sentence(exc)
        else:
            if invited.reset_token is None:
                return redirect(_members_url(workspace, added=invited.user.email))
            page = _members(
                request,
                principal,
                workspace,
                notice=f"{invited.user.email} is a member now.",
                invited=invited,
            )
            return _no_store(page)
    return _members(request, principal, workspace, invite=invite, errors=errors, status_code=422)


def _member_error(
    request: Request, principal: Principal, workspace: str, user_id: int, exc: UserError
) -> HTMLResponse:
    return _members(
        request,
        principal,
        workspace,
        member_errors={user_id: sentence(exc)},
        status_code=409 if isinstance(exc, Conflict) else 422,
    )


@router.post("/w/{workspace}/settings/members/{user_id}/role", **needs(workspaces.set_member_role))
def set_member_role(
    workspace: str,
    user_id: Id,
    request: Request,
    principal: CurrentPrincipal,
    role: RoleName,
) -> Response:
    try:
        user = workspaces.set_member_role(
            principal, workspace, user_id, role, settings=settings_of(request)
        )
    except OWN_ERRORS:
        raise
    except UserError as exc:  # the last owner, an unknown role
        return _member_error(request, principal, workspace, user_id, exc)
    if user.id == principal.user_id and role_in(user, workspace) != Role.OWNER.value:
        return redirect(f"/w/{workspace}/settings")  # no longer an owner: members are not theirs
    return redirect(_members_url(workspace, changed=user.email))


@router.post("/w/{workspace}/settings/members/{user_id}/remove", **needs(workspaces.remove_member))
def remove_member(
    workspace: str, user_id: Id, request: Request, principal: CurrentPrincipal
) -> Response:
    settings = settings_of(request)
    found = workspaces.list_members(principal, workspace, settings=settings)
    email = next((u.email for u in found if u.id == user_id), "")
    try:
        workspaces.remove_member(principal, workspace, user_id, settings=settings)
    except OWN_ERRORS:
        raise
    except UserError as exc:  # the last owner
        return _member_error(request, principal, workspace, user_id, exc)
    if user_id == principal.user_id:
        return redirect("/")  # they left the workspace
    return redirect(_members_url(workspace, removed=email))


# --- API tokens ------------------------------------------------------------------------------


def token_state(token: ApiToken) -> str:
    """active, revoked or expired."""
    if token.revoked_at is not None:
        return "revoked"
    return "active" if token.active else "expired"


def _tokens(
    request: Request,
    principal: Principal,
    workspace: str,
    *,
    revoked: int | None = None,
    notice: str = "",
    form: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    secret: str | None = None,
    created: ApiToken | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    settings = settings_of(request)
    found = workspaces.list_tokens(principal, workspace, settings=settings)
    people = workspaces.list_members(principal, workspace, settings=settings)
    gone = next((t for t in found if t.id == revoked and t.revoked_at is not None), None)
    if gone is not None:
        notice = f"Token “{gone.name}” is revoked: it stops working at once."
    return _render(
        request,
        principal,
        workspace,
        "tokens.html",
        "tokens",
        tokens=sorted(found, key=lambda t: (token_state(t) != "active", -t.id)),
        token_state=token_state,
        members=sorted(people, key=lambda u: u.email),
        role_in=role_in,
        roles=[r.value for r in Role],
        token_days=TOKEN_DAYS,
        notice=notice,
        form=form or {"expires_days": "90"},
        errors=errors or {},
        secret=secret,
        created=created,
        status_code=status_code,
    )


@router.get("/w/{workspace}/settings/tokens", **needs(workspaces.list_tokens))
def tokens(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    revoked: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
) -> HTMLResponse:
    return _tokens(request, principal, workspace, revoked=revoked)


@router.post("/w/{workspace}/settings/tokens", **needs(workspaces.create_token))
def create_token(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    email: Email = "",
    role: RoleName = "",
    expires_days: Annotated[str, Form(max_length=3)] = "90",
    name: Name = "",
) -> Response:
    """A new API token for a member; the token itself is shown in this answer only."""
    form = {
        "email": email.strip(),
        "role": role.strip(),
        "expires_days": expires_days.strip(),
        "name": name.strip(),
    }
    errors: dict[str, str] = {}
    if not form["email"]:
        errors["email"] = "Pick the member the token acts for."
    if not form["expires_days"].isdigit():
        errors["expires_days"] = "Pick how long the token works."
    if not errors:
        try:
            secret, token = workspaces.create_token(
                principal,
                workspace,
                form["email"],
                role=form["role"] or None,
                expires_days=int(form["expires_days"]),
                name=form["name"] or None,
                settings=settings_of(request),
            )
        except (Unauthorized, Forbidden):
            raise
        except UserError as exc:  # not a member, a role above theirs, too many days
            words = str(exc).lower()
            key = "expires_days" if "days" in words else "role" if "role" in words else "email"
            errors["role" if "token cannot" in words else key] = sentence(exc)
        else:
            page = _tokens(
                request,
                principal,
                workspace,
                notice=f"Token “{token.name}” is created.",
                secret=secret,
                created=token,
            )
            return _no_store(page)
    return _tokens(request, principal, workspace, form=form, errors=errors, status_code=422)


@router.post("/w/{workspace}/settings/tokens/{token_id}/revoke", **needs(workspaces.revoke_token))
def revoke_token(
    workspace: str, token_id: Id, request: Request, principal: CurrentPrincipal
) -> Response:
    token = workspaces.revoke_token(principal, workspace, token_id, settings=settings_of(request))
    return redirect(f"/w/{workspace}/settings/tokens?revoked={token.id}")


# --- channel rules and the KPI catalog (read-only) -------------------------------------------


@dataclass(frozen=True)
class RuleView:
    """A channel grouping rule as the page lists it."""

    position: int
    rule: ChannelRule
    own: bool  # from the workspace's channels.yml (tried before the defaults)


@router.get("/w/{workspace}/settings/channels", **needs(workspaces.get_workspace))
def channels(workspace: str, request: Request, principal: CurrentPrincipal) -> HTMLResponse:
    """The channel grouping: the workspace's own rules first, then the defaults; the first
    rule that matches names a row's channel."""
    settings = settings_of(request)
    current = workspaces.get_workspace(principal, workspace, settings=settings)
    error = ""
    try:
        grouping = load_grouping(workspace_paths(settings, current.slug)[1])
    except UserError as exc:  # the workspace's channels.yml does not read
        error = sentence(exc)
        grouping = load_grouping(None)
    own = len(grouping.rules) - len(load_grouping(None).rules)
    return _render(
        request,
        principal,
        workspace,
        "channels.html",
        "channels",
        grouping=grouping,
        rules=[RuleView(i, r, i <= own) for i, r in enumerate(grouping.rules, start=1)],
        own=own,
        error=error,
    )


@router.get("/w/{workspace}/settings/metrics", **needs(data.list_metrics))
def metrics(workspace: str, request: Request, principal: CurrentPrincipal) -> HTMLResponse:
    """The KPI catalog: built-ins and the workspace's own definitions."""
    catalog = data.list_metrics(principal, workspace, settings=settings_of(request))
    return _render(
        request,
        principal,
        workspace,
        "metrics.html",
        "metrics",
        catalog=catalog,
        directions=DIRECTIONS,
    )
