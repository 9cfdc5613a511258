"""Errors as RFC 9457 problem details (`application/problem+json`): a type, a title, the
HTTP status, a detail in words and the request it concerns; validation problems list each
field. Domain errors map to statuses by kind; anything unexpected is a 500 without internals."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from mpm.errors import (
    Conflict,
    Forbidden,
    IngestError,
    MpmError,
    NotFound,
    TooManyRequests,
    Unauthorized,
    UserError,
)

PROBLEM = "application/problem+json"
log = logging.getLogger("mpm.app")

TITLES = {
    400: "Bad request",
    401: "Not signed in",
    403: "Forbidden",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Too large",
    415: "Unsupported media type",
    422: "Invalid request",
    429: "Too many requests",
    500: "Internal error",
}


def problem(
    request: Request,
    status: int,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    body = {
        "type": f"https://mpm.dev/problems/{status}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": request.url.path,
        **extra,
    }
    request_id = getattr(request.state, "request_id", None)
    if request_id:
        body["request_id"] = request_id
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def is_page(request: Request) -> bool:
    """Whether the request is for a web page (answered in HTML) rather than the API."""
    path = request.url.path
    return not path.startswith(("/api/", "/static/")) and path != "/healthz"


def page_problem(request: Request, status: int, detail: str) -> Response:
    """An error of a page, in words on a page; not signed in: to the sign-in page and back."""
    if status == 401:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        login = f"/login?{urlencode({'next': target})}"
        if request.headers.get("hx-request"):
            return Response(status_code=401, headers={"HX-Redirect": login})
        return RedirectResponse(login, status_code=303)
    from mpm.app.pages.render import render, sentence  # pages import this module

    principal = getattr(request.state, "principal", None)
    return render(
        request,
        "errors/error.html",
        principal=principal,
        status_code=status,
        status=status,
        title=TITLES.get(status, "Error"),
        detail=sentence(detail),
        request_id=getattr(request.state, "request_id", None),
    )


def status_of(exc: MpmError) -> int:
    for kind, status in (
        (Unauthorized, 401),
        (Forbidden, 403),
        (NotFound, 404),
        (Conflict, 409),
        (TooManyRequests, 429),
        (IngestError, 422),
        (UserError, 400),
    ):
        if isinstance(exc, kind):
            return status
    return 500


def install(app: FastAPI) -> None:
    @app.exception_handler(MpmError)
    async def domain_error(request: Request, exc: MpmError) -> Response:
        status = status_of(exc)
        if status == 500:
            log.exception("internal error", exc_info=exc)
        if is_page(request):
            shown = str(exc) if status != 500 else "something went wrong on the server"
            return page_problem(request, status, shown)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else {}
        extra: dict[str, Any] = {}
        if isinstance(exc, TooManyRequests):
            headers["Retry-After"] = str(exc.retry_after)
        if isinstance(exc, IngestError):
            extra["file"] = exc.file
            extra["total"] = exc.total
            extra["problems"] = [
                {"row": p.row, "column": p.column, "message": p.message, "value": p.value}
                for p in exc.problems
            ]
            detail = exc.summary()
        else:
            detail = str(exc)
        if status == 500:
            detail = "something went wrong on the server; the request id is in the log"
        return problem(request, status, detail, headers=headers or None, **extra)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        errors = [
            {
                "field": ".".join(str(p) for p in e.get("loc", ()) if p != "body"),
                "message": e.get("msg", ""),
            }
            for e in exc.errors()
        ]
        first = errors[0] if errors else {"field": "", "message": "invalid"}
        detail = f"{first['field'] or 'request'}: {first['message']}"
        if is_page(request):
            return page_problem(request, 422, detail)
        return problem(request, 422, detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_page(request):
            return page_problem(request, exc.status_code, str(exc.detail))
        return problem(
            request, exc.status_code, str(exc.detail), headers=dict(exc.headers or {}) or None
        )

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("internal error", exc_info=exc)
        if is_page(request):
            return page_problem(request, 500, "something went wrong on the server")
        return problem(
            request, 500, "something went wrong on the server; the request id is in the log"
        )
