"""Signing in and out, password reset and change, who am I; workspaces, members, API tokens
and the audit log."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, Field

from mpm import auth
from mpm.app.deps import (
    PUBLIC,
    SESSION_COOKIE,
    SIGNED_IN,
    CurrentPrincipal,
    needs,
    settings_of,
)
from mpm.app.serialize import DEFAULT_LIMIT, MAX_ID, MAX_LIMIT, page, page_of, plain
from mpm.auth.sessions import SESSION_HOURS
from mpm.errors import UserError
from mpm.services import audit, workspaces
from mpm.store import Actor, acting_as, session_scope

router = APIRouter()

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Items per page.")]
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Items to skip.")]


class LoginIn(BaseModel):
    email: str = Field(max_length=320)
    password: str = Field(max_length=1000)


class ResetIn(BaseModel):
    token: str = Field(
        max_length=200, description="The one-time token from `mpm user reset-password`."
    )
    password: str = Field(min_length=1, max_length=1000)


class PasswordIn(BaseModel):
    current_password: str = Field(max_length=1000)
    new_password: str = Field(max_length=1000)


def _cookie_secure(request: Request) -> bool:
    configured = settings_of(request).cookie_secure
    return request.url.scheme == "https" if configured is None else configured


def set_session_cookie(request: Request, response: Response, secret: str) -> None:
    """The session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS (or as configured)."""
    response.set_cookie(
        SESSION_COOKIE,
        secret,
        httponly=True,
        secure=_cookie_secure(request),
        samesite="lax",
        max_age=SESSION_HOURS * 3600,
        path="/",
    )


@router.post("/auth/login", tags=["auth"], **needs(PUBLIC))
def login(body: LoginIn, request: Request, response: Response) -> dict[str, Any]:
    """Sign in with e-mail and password: sets the HttpOnly session cookie and returns the
    CSRF token to send as `X-CSRF-Token` with every write."""
    client = request.client.host if request.client else None
    request_id = getattr(request.state, "request_id", None)
    with acting_as(Actor(body.email.strip().lower()[:320], "api", request_id=request_id)):
        signed = auth.login(
            settings_of(request).app_database_url, body.email, body.password, client=client
        )
    set_session_cookie(request, response, signed.session_token)
    return {"email": signed.email, "csrf_token": signed.csrf_token, "expires_at": signed.expires_at}


@router.post("/auth/logout", tags=["auth"], status_code=204, **needs(PUBLIC))
def logout(request: Request, response: Response) -> None:
    """Sign out: the session ends on the server and the cookie is cleared."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        request_id = getattr(request.state, "request_id", None)
        actor = Actor("signed-out session", "api", request_id=request_id)
        with acting_as(actor), session_scope(settings_of(request).app_database_url) as session:
            auth.logout(session, secret)
    response.delete_cookie(SESSION_COOKIE, path="/")


@router.post("/auth/password-reset", tags=["auth"], **needs(PUBLIC))
def reset_password(body: ResetIn, request: Request) -> dict[str, Any]:
    """Choose a new password with a one-time reset token; the token is then used up."""
    request_id = getattr(request.state, "request_id", None)
    actor = Actor("password reset", "api", request_id=request_id)
    with acting_as(actor), session_scope(settings_of(request).app_database_url) as session:
        user = auth.reset_password(session, body.token, body.password)
    return {"email": user.email, "detail": "password set: sign in with it"}


@router.post("/auth/password", tags=["auth"], **needs(SIGNED_IN))
def change_password(
    body: PasswordIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Change your own password; every session of yours ends (sign in again)."""
    if principal.user_id is None:
        raise UserError("the command line has no password")
    with acting_as(principal.actor()), session_scope(settings_of(request).app_database_url) as s:
        auth.change_password(s, principal.user_id, body.current_password, body.new_password)
    return {"detail": "password changed: sign in again"}


@router.get("/me", tags=["auth"], **needs(SIGNED_IN))
def me(request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
    """Who you are and your role in each of your workspaces."""
    found = workspaces.list_workspaces(principal, settings=settings_of(request))
    return {
        "email": principal.label,
        "token": principal.token_id is not None,
        "workspaces": [{"workspace": w.workspace.slug, "role": w.role} for w in found],
    }


# --- workspaces ------------------------------------------------------------------------------


class WorkspaceIn(BaseModel):
    slug: str = Field(max_length=64, description="Lower-case letters, digits, '-' and '_'.")
    name: str | None = Field(default=None, max_length=200)
    base_currency: str = Field(default="USD", max_length=3)


class WorkspacePatch(BaseModel):
    name: str | None = Field(default=None, max_length=200)
    base_currency: str | None = Field(default=None, max_length=3)
    timezone: str | None = Field(default=None, max_length=64)
    fiscal_year_start_month: int | None = Field(default=None, ge=1, le=12)
    week_start: str | None = Field(default=None, max_length=9)
    locale: str | None = Field(
        default=None, max_length=35, description="How numbers and dates are written: de_DE."
    )


class DeleteIn(BaseModel):
    confirm: str = Field(max_length=64, description="The workspace's name, again.")


def _access(item: workspaces.WorkspaceAccess) -> dict[str, Any]:
    return {**plain(item.workspace), "role": item.role}


@router.get("/workspaces", tags=["workspaces"], **needs(SIGNED_IN))
def list_workspaces(
    request: Request, principal: CurrentPrincipal, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Your workspaces and your role in each."""
    found = workspaces.list_workspaces(principal, settings=settings_of(request))
    return page([_access(w) for w in found], limit, offset)


@router.post("/workspaces", tags=["workspaces"], status_code=201, **needs(SIGNED_IN))
def create_workspace(
    body: WorkspaceIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """A new workspace (one per client); you become its owner."""
    created = workspaces.create_workspace(
        principal,
        body.slug,
        name=body.name,
        base_currency=body.base_currency,
        settings=settings_of(request),
    )
    return _access(created)


@router.get("/workspaces/{workspace}", tags=["workspaces"], **needs(workspaces.get_workspace))
def get_workspace(workspace: str, request: Request, principal: CurrentPrincipal) -> dict[str, Any]:
    return plain(workspaces.get_workspace(principal, workspace, settings=settings_of(request)))


@router.patch("/workspaces/{workspace}", tags=["workspaces"], **needs(workspaces.update_workspace))
def update_workspace(
    workspace: str, body: WorkspacePatch, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Change the settings: name, base currency, time zone, fiscal-year start, week start,
    locale."""
    changed = workspaces.update_workspace(
        principal, workspace, settings=settings_of(request), **body.model_dump(exclude_none=True)
    )
    return plain(changed)


@router.post(
    "/workspaces/{workspace}/delete",
    tags=["workspaces"],
    status_code=204,
    **needs(workspaces.delete_workspace),
)
def delete_workspace(
    workspace: str, body: DeleteIn, request: Request, principal: CurrentPrincipal
) -> None:
    """Delete the workspace and all its data (confirm with its name)."""
    workspaces.delete_workspace(
        principal, workspace, confirm=body.confirm, settings=settings_of(request)
    )


# --- members ---------------------------------------------------------------------------------


class MemberIn(BaseModel):
    email: str = Field(max_length=320)
    role: str = Field(max_length=16, description="viewer, analyst, editor or owner")
    name: str | None = Field(default=None, max_length=200)


class RoleIn(BaseModel):
    role: str = Field(max_length=16, description="viewer, analyst, editor or owner")


@router.get("/workspaces/{workspace}/members", tags=["members"], **needs(workspaces.list_members))
def list_members(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    members = workspaces.list_members(principal, workspace, settings=settings_of(request))
    return page(members, limit, offset)


@router.post(
    "/workspaces/{workspace}/members",
    tags=["members"],
    status_code=201,
    **needs(workspaces.add_member),
)
def add_member(
    workspace: str, body: MemberIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Give someone a role here. A person new to this installation gets an account and a
    one-time `reset_token` (shown only now) to choose a password."""
    invited = workspaces.add_member(
        principal, workspace, body.email, body.role, name=body.name, settings=settings_of(request)
    )
    return plain(invited)


@router.patch(
    "/workspaces/{workspace}/members/{user_id}",
    tags=["members"],
    **needs(workspaces.set_member_role),
)
def set_member_role(
    workspace: str, user_id: Id, body: RoleIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    user = workspaces.set_member_role(
        principal, workspace, user_id, body.role, settings=settings_of(request)
    )
    return plain(user)


@router.delete(
    "/workspaces/{workspace}/members/{user_id}",
    tags=["members"],
    status_code=204,
    **needs(workspaces.remove_member),
)
def remove_member(
    workspace: str, user_id: Id, request: Request, principal: CurrentPrincipal
) -> None:
    """Take someone out of the workspace; their API tokens for it are revoked."""
    workspaces.remove_member(principal, workspace, user_id, settings=settings_of(request))


# --- API tokens ------------------------------------------------------------------------------


class TokenIn(BaseModel):
    email: str = Field(max_length=320, description="A member of the workspace.")
    role: str | None = Field(default=None, max_length=16, description="At most the member's role.")
    expires_days: int | None = Field(default=90, ge=1, le=366)
    name: str | None = Field(default=None, max_length=200)


@router.get("/workspaces/{workspace}/tokens", tags=["tokens"], **needs(workspaces.list_tokens))
def list_tokens(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """API tokens of the workspace (never the tokens themselves)."""
    found = workspaces.list_tokens(principal, workspace, settings=settings_of(request))
    return page(found, limit, offset)


@router.post(
    "/workspaces/{workspace}/tokens",
    tags=["tokens"],
    status_code=201,
    **needs(workspaces.create_token),
)
def create_token(
    workspace: str, body: TokenIn, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """A new API token for a member: `token` is shown only in this response."""
    secret, token = workspaces.create_token(
        principal,
        workspace,
        body.email,
        role=body.role,
        expires_days=body.expires_days,
        name=body.name,
        settings=settings_of(request),
    )
    return {"token": secret, **plain(token)}


@router.delete(
    "/workspaces/{workspace}/tokens/{token_id}",
    tags=["tokens"],
    **needs(workspaces.revoke_token),
)
def revoke_token(
    workspace: str, token_id: Id, request: Request, principal: CurrentPrincipal
) -> dict[str, Any]:
    """Revoke a token: it stops working at once."""
    return plain(
        workspaces.revoke_token(principal, workspace, token_id, settings=settings_of(request))
    )


# --- the audit log ---------------------------------------------------------------------------


@router.get("/workspaces/{workspace}/audit", tags=["audit"], **needs(audit.audit_log))
def audit_log(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    entity: Annotated[str | None, Query(max_length=64)] = None,
    actor: Annotated[str | None, Query(max_length=320)] = None,
    since: datetime | None = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Every change in the workspace, newest first: who, what, when, before and after."""
    found = audit.audit_log(
        principal,
        workspace,
        entity=entity,
        actor=actor,
        since=since,
        limit=limit,
        offset=offset,
        settings=settings_of(request),
    )
    return page_of(found.entries, found.total, limit, offset)


@router.get("/workspaces/{workspace}/audit/export", tags=["audit"], **needs(audit.audit_log))
def export_audit(
    workspace: str,
    request: Request,
    principal: CurrentPrincipal,
    format: Annotated[str, Query(pattern="^(csv|jsonl)$")] = "csv",
) -> StreamingResponse:
    """The whole audit log as CSV or JSON lines."""
    found = audit.audit_log(principal, workspace, limit=None, settings=settings_of(request))
    rows = [plain(e) for e in found.entries]
    if format == "jsonl":
        body = "".join(json.dumps(r) + "\n" for r in rows)
        media = "application/x-ndjson"
    else:
        out = io.StringIO()
        fields = [
            "id",
            "at",
            "actor",
            "via",
            "action",
            "entity",
            "entity_id",
            "before",
            "after",
            "request_id",
        ]
        writer = csv.DictWriter(out, fieldnames=fields)
        writer.writeheader()
        for r in rows:
            writer.writerow(
                {**r, "before": json.dumps(r["before"]), "after": json.dumps(r["after"])}
            )
        body, media = out.getvalue(), "text/csv"
    name = f"audit-{workspace}.{format}"
    return StreamingResponse(
        iter([body]),
        media_type=media,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
