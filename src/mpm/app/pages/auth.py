"""Signing in and out, changing one's password, and choosing a new one with a one-time reset
token (printed by `mpm user reset-password`)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from mpm import auth
from mpm.app.api.access import set_session_cookie
from mpm.app.deps import PUBLIC, SESSION_COOKIE, SIGNED_IN, CurrentPrincipal, needs, settings_of
from mpm.app.pages.render import redirect, render, safe_next, sentence
from mpm.errors import TooManyRequests, Unauthorized, UserError
from mpm.store import Actor, acting_as, session_scope

router = APIRouter(include_in_schema=False)

LOGIN_COOKIE = "mpm_login"  # double-submit token of the sign-in form (login CSRF)
Text = Annotated[str, Form(max_length=1000)]


def _login_page(
    request: Request, *, next_url: str, email: str = "", error: str = "", status_code: int = 200
) -> HTMLResponse:
    token = secrets.token_urlsafe(24)
    response = render(
        request,
        "auth/login.html",
        login_token=token,
        next_url=next_url,
        email=email,
        error=error,
        status_code=status_code,
    )
    response.set_cookie(
        LOGIN_COOKIE, token, httponly=True, samesite="strict", max_age=3600, path="/login"
    )
    return response


@router.get("/login", **needs(PUBLIC))
def login_form(request: Request, next: str = "/") -> HTMLResponse:
    return _login_page(request, next_url=safe_next(next))


@router.post("/login", **needs(PUBLIC))
def login(
    request: Request,
    email: Text,
    password: Text,
    login_token: Text = "",
    next: Text = "/",
) -> Response:
    next_url = safe_next(next)
    sent = request.cookies.get(LOGIN_COOKIE, "")
    if not sent or not login_token or not secrets.compare_digest(sent, login_token):
        return _login_page(
            request,
            next_url=next_url,
            email=email,
            error="The sign-in form expired. Please sign in again.",
            status_code=403,
        )
    client = request.client.host if request.client else None
    request_id = getattr(request.state, "request_id", None)
    try:
        with acting_as(Actor(email.strip().lower()[:320], "web", request_id=request_id)):
            signed = auth.login(
                settings_of(request).app_database_url, email, password, client=client
            )
    except (Unauthorized, TooManyRequests) as exc:
        status = 429 if isinstance(exc, TooManyRequests) else 401
        return _login_page(
            request,
            next_url=next_url,
            email=email,
            error=sentence(exc),
            status_code=status,
        )
    response = redirect(next_url)
    set_session_cookie(request, response, signed.session_token)
    response.delete_cookie(LOGIN_COOKIE, path="/login")
    return response


@router.post("/logout", **needs(PUBLIC))
def logout(request: Request, csrf_token: Text = "") -> Response:
    """Sign out (a form post with the session's CSRF token): the session ends on the server.
    A post without the token (from another site) signs nobody out."""
    secret = request.cookies.get(SESSION_COOKIE)
    if secret:
        url = settings_of(request).app_database_url
        try:
            with session_scope(url) as session:
                principal, csrf = auth.session_principal(
                    session, secret, via="web", request_id=request.state.request_id
                )
        except Unauthorized:
            principal, csrf = None, ""
        if principal is not None:
            if not csrf_token or not secrets.compare_digest(csrf_token, csrf):
                return redirect("/")
            with acting_as(principal.actor()), session_scope(url) as session:
                auth.logout(session, secret)
    response = redirect("/login?signed_out=1")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/account/password", **needs(SIGNED_IN))
def password_form(request: Request, principal: CurrentPrincipal) -> HTMLResponse:
    return render(request, "auth/password.html", principal=principal, errors={})


@router.post("/account/password", **needs(SIGNED_IN))
def change_password(
    request: Request,
    principal: CurrentPrincipal,
    current_password: Text,
    new_password: Text,
    confirm_password: Text,
) -> Response:
    errors: dict[str, str] = {}  # field -> message
    if principal.user_id is None:
        errors["current_password"] = "The command line has no password."  # noqa: S105
    elif new_password != confirm_password:
        errors["confirm_password"] = "The two new passwords differ."  # noqa: S105
    else:
        actor = principal.actor()
        try:
            with acting_as(actor), session_scope(settings_of(request).app_database_url) as s:
                auth.change_password(s, principal.user_id, current_password, new_password)
        except Unauthorized:
            errors["current_password"] = "This is not your current password."  # noqa: S105
        except UserError as exc:
            errors["new_password"] = sentence(exc)
    if errors:
        return render(
            request, "auth/password.html", principal=principal, errors=errors, status_code=422
        )
    response = redirect("/login?password_changed=1")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response


@router.get("/reset-password", **needs(PUBLIC))
def reset_form(request: Request, token: str = "") -> HTMLResponse:
    return render(request, "auth/reset.html", token=token[:200], error="")


@router.post("/reset-password", **needs(PUBLIC))
def reset(request: Request, token: Text, password: Text, confirm_password: Text) -> Response:
    error = ""
    if password != confirm_password:
        error = "The two passwords differ."
    else:
        actor = Actor("password reset", "web", request_id=request.state.request_id)
        try:
            with acting_as(actor), session_scope(settings_of(request).app_database_url) as s:
                auth.reset_password(s, token, password)
        except (Unauthorized, UserError) as exc:
            error = sentence(exc)
    if error:
        return render(request, "auth/reset.html", token=token, error=error, status_code=422)
    return redirect("/login?password_set=1")
