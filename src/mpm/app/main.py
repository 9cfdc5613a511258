"""The mpm server: the web pages, the REST API under /api/v1 (OpenAPI at /api/openapi.json,
docs at /api/docs, both for signed-in users), /healthz, and static assets. `create_app`
builds it for a settings object; `mpm serve` runs it with Uvicorn."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import swagger_ui_bundle
from fastapi import APIRouter, FastAPI, Request
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from mpm import __version__
from mpm.app import pages, problems
from mpm.app.api import access, data, explore, planning, privacy
from mpm.app.deps import PUBLIC, SIGNED_IN, needs
from mpm.app.middleware import RequestMiddleware
from mpm.config import Settings, get_settings
from mpm.services.status import warm_in_background
from mpm.store import engine_for, list_workspaces, session_scope
from mpm.warehouse import SharedWarehouses

STATIC = Path(__file__).parent / "static"
DOCS_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>mpm API</title>
<link rel="stylesheet" href="/static/swagger/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/static/swagger/swagger-ui-bundle.js"></script>
<script src="/static/swagger/swagger-ui-standalone-preset.js"></script>
<script src="/static/api-docs.js"></script></body></html>"""


def create_app(settings: Settings | None = None, *, warm: bool = True) -> FastAPI:
    settings = settings or get_settings()
    engine_for(settings.app_database_url)  # migrate before the first request
    warehouses = SharedWarehouses()  # the server's threads share one database per file

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            with session_scope(settings.app_database_url) as session:
                slugs = [w.slug for w in list_workspaces(session)]
            warm_in_background(settings, slugs, warehouses)
        yield
        warehouses.close()
        logging.getLogger("mpm.app").info("server stopped")

    app = FastAPI(
        title="mpm — Marketing Performance Manager",
        version=__version__,
        description=(
            "Objectives, budgets, campaigns, KPIs and imports of the workspaces you belong to. "
            "Sign in with `POST /api/v1/auth/login` (a session cookie; send the CSRF token it "
            "returns as `X-CSRF-Token` with writes) or send an API token as "
            "`Authorization: Bearer <token>`. Errors are RFC 9457 problem details."
        ),
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.warehouses = warehouses
    problems.install(app)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(
        RequestMiddleware, max_body_bytes=settings.max_upload_bytes, warehouses=warehouses
    )

    api = APIRouter(prefix="/api/v1")
    api.include_router(access.router)
    api.include_router(data.router)
    api.include_router(explore.router)
    api.include_router(planning.router)
    api.include_router(privacy.router)
    app.include_router(api)
    for router in pages.ROUTERS:
        app.include_router(router)

    @app.get("/healthz", tags=["server"], **needs(PUBLIC))
    def healthz() -> dict[str, Any]:
        """Liveness: the server answers and its database opens."""
        with session_scope(settings.app_database_url) as session:
            session.execute(text("SELECT 1"))
        return {"status": "ok", "version": __version__}

    @app.get("/api/openapi.json", tags=["server"], include_in_schema=False, **needs(SIGNED_IN))
    def openapi() -> JSONResponse:
        return JSONResponse(schema(app))

    @app.get("/api/docs", tags=["server"], include_in_schema=False, **needs(SIGNED_IN))
    def docs(request: Request) -> HTMLResponse:
        return HTMLResponse(DOCS_PAGE)

    app.mount(
        "/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger"
    )
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


def schema(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document (built once)."""
    if app.openapi_schema is None:
        app.openapi_schema = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
        )
        app.openapi_schema["components"].setdefault("securitySchemes", {}).update(
            {
                "bearer": {"type": "http", "scheme": "bearer"},
                "session": {"type": "apiKey", "in": "cookie", "name": "mpm_session"},
            }
        )
        app.openapi_schema["security"] = [{"bearer": []}, {"session": []}]
    return app.openapi_schema
