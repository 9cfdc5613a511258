"""Around every request: a request id, one structured log line, security headers, a size
limit on request bodies, and the server's shared warehouse connections.

The log line is JSON: time, request id, method, path, status, duration, principal and client.
It never holds headers, cookies, query strings or bodies, so no password, token or session id
can end up in a log.
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from mpm.auth.principal import one_request
from mpm.warehouse import SharedWarehouses

access_log = logging.getLogger("mpm.access")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
STATIC_CACHE = (b"cache-control", b"public, max-age=86400")


class TooLarge(Exception):
    pass


def _problem(status: int, detail: str, path: str, request_id: str) -> bytes:
    return json.dumps(
        {
            "type": f"https://mpm.dev/problems/{status}",
            "title": "Too large",
            "status": status,
            "detail": detail,
            "instance": path,
            "request_id": request_id,
        }
    ).encode()


class RequestMiddleware:
    """Request id, access log, security headers and the body limit (pure ASGI)."""

    def __init__(self, app: ASGIApp, *, max_body_bytes: int, warehouses: SharedWarehouses) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.warehouses = warehouses

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        scope.setdefault("state", {})["request_id"] = request_id
        started = time.perf_counter()
        status = {"code": 500}
        https = scope.get("scheme") == "https"
        limit = self.max_body_bytes
        declared = dict(scope.get("headers") or []).get(b"content-length")
        path = scope.get("path", "")

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                status["code"] = message["status"]
                headers = list(message.get("headers", []))
                spent = (time.perf_counter() - started) * 1000  # until the response starts
                headers += [
                    *HEADERS,
                    (b"x-request-id", request_id.encode()),
                    (b"server-timing", f"app;dur={spent:.1f}".encode()),
                ]
                if https:
                    headers.append(HSTS)
                if path.startswith("/static/") and message["status"] == 200:
                    headers.append(STATIC_CACHE)  # pages link them with ?v=<version>
                message["headers"] = headers
            await send(message)

        async def limited_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                received["bytes"] += len(message.get("body", b""))
                if received["bytes"] > limit:
                    raise TooLarge
            return message

        received = {"bytes": 0}
        try:
            if declared is not None and declared.isdigit() and int(declared) > limit:
                raise TooLarge
            with self.warehouses.using(), one_request():
                await self.app(scope, limited_receive, send_with_headers)
        except TooLarge:
            body = _problem(
                413, f"the request is larger than the limit of {limit:,} bytes", path, request_id
            )
            await send_with_headers(
                {
                    "type": "http.response.start",
                    "status": 413,
                    "headers": [
                        (b"content-type", b"application/problem+json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"connection", b"close"),
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
        finally:
            principal: Any = scope.get("state", {}).get("principal")
            access_log.info(
                json.dumps(
                    {
                        "ts": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
                        "request_id": request_id,
                        "method": scope.get("method"),
                        "path": path,
                        "status": status["code"],
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "principal": getattr(principal, "label", None),
                        "client": (scope.get("client") or ("-",))[0],
                    }
                )
            )
