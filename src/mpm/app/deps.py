"""Who is asking (a session cookie or a bearer token), CSRF protection for cookie-signed
writes, and what each route needs, declared from the service it calls.

Every route states its access with `needs(...)`: `PUBLIC` (sign-in, sign-out, password
reset, health), `SIGNED_IN` (any principal: the workspaces list, creating a workspace) or a
service function, whose declared permission is checked in the route's workspace before the
request body is even read. The service checks it again when it runs; the route-level check
only makes sure an outsider learns nothing from validation errors. The route table test reads
these declarations, so a route without one cannot be added unnoticed.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from mpm.app.problems import is_page
from mpm.auth import Permission, Principal, authorize, session_principal, token_principal
from mpm.config import Settings
from mpm.errors import Forbidden, Unauthorized
from mpm.services.access import permission_of
from mpm.store import session_scope

SESSION_COOKIE = "mpm_session"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
ACCESS = "x-mpm-access"  # in each operation of the OpenAPI document
PUBLIC = "public"
SIGNED_IN = "signed-in"


def settings_of(request: Request) -> Settings:
    return request.app.state.settings  # type: ignore[no-any-return]


async def _csrf_sent(request: Request) -> str | None:
    sent = request.headers.get(CSRF_HEADER)
    if sent:
        return sent
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        return value if isinstance(value, str) else None
    return None


def _principal(
    settings: Settings, header: str, cookie: str | None, request_id: str | None, via: str
) -> tuple[Principal, str | None]:
    """The principal of a bearer token or a session cookie, and the session's CSRF token;
    `via` says whether a session acts through the pages ("web") or the API."""
    if header:
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized("send an API token as 'Authorization: Bearer <token>'")
        with session_scope(settings.app_database_url) as session:
            return token_principal(session, secret.strip(), request_id=request_id), None
    if cookie is not None:
        with session_scope(settings.app_database_url) as session:
            return session_principal(session, cookie, via=via, request_id=request_id)
    raise Unauthorized("sign in, or send an API token as 'Authorization: Bearer <token>'")


async def current_principal(request: Request) -> Principal:
    """The principal of the request (cached on it); Unauthorized without valid credentials,
    Forbidden for a cookie-signed write without the session's CSRF token."""
    cached = getattr(request.state, "principal", None)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    principal, csrf = await run_in_threadpool(
        _principal,
        settings_of(request),
        request.headers.get("authorization", ""),
        request.cookies.get(SESSION_COOKIE),
        getattr(request.state, "request_id", None),
        "web" if is_page(request) else "api",
    )
    if csrf is not None and request.method not in SAFE_METHODS:
        sent = await _csrf_sent(request)
        if not sent or not secrets.compare_digest(sent, csrf):
            raise Forbidden(
                f"the CSRF token is missing or wrong: send the session's token in the "
                f"{CSRF_HEADER} header (it comes with the sign-in)"
            )
    request.state.principal = principal
    request.state.csrf_token = csrf  # for the forms of pages
    return principal


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def _workspace_gate(permission: Permission) -> Callable[..., Any]:
    def gate(request: Request, principal: CurrentPrincipal) -> None:
        slug = request.path_params.get("workspace")
        if slug is None:  # a programming error: a workspace service on a route without one
            raise RuntimeError(f"{request.url.path} has no {{workspace}} in its path")
        with session_scope(settings_of(request).app_database_url) as session:
            authorize(session, principal, str(slug), permission)

    return gate


def needs(access: str | Callable[..., Any]) -> dict[str, Any]:
    """Keyword arguments for a route decorator: its access in the OpenAPI document, and the
    checks that go with it."""
    if access == PUBLIC:
        return {"openapi_extra": {ACCESS: PUBLIC}}
    if access == SIGNED_IN:
        return {"openapi_extra": {ACCESS: SIGNED_IN}, "dependencies": [Depends(current_principal)]}
    if isinstance(access, str):
        raise ValueError(f"unknown access {access!r}")
    permission = permission_of(access)
    return {
        "openapi_extra": {ACCESS: permission.role.value},
        "dependencies": [Depends(_workspace_gate(permission))],
    }
