"""`mpm serve`: the web server (REST API and pages) on Uvicorn."""

from __future__ import annotations

import logging
import sys
from typing import Annotated

import typer

from mpm.config import get_settings

EXAMPLES = """\
Examples:

  mpm serve                         # http://127.0.0.1:8000, this machine only
  mpm serve --host 0.0.0.0 --port 8080   # behind a TLS proxy that sets X-Forwarded-Proto
"""


def serve(
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
    quiet: Annotated[bool, typer.Option("--quiet", help="Log only warnings and errors.")] = False,
) -> None:
    """Serve the web app, the REST API (/api/v1, docs at /api/docs) and /healthz; Ctrl-C
    stops it after the requests in flight."""
    import uvicorn

    from mpm.app import create_app

    settings = get_settings()
    logging.basicConfig(
        level=logging.WARNING if quiet else logging.INFO,
        format="%(message)s",
        stream=sys.stderr,
    )
    app = create_app(settings)
    typer.echo(
        f"mpm serves {settings.home_path} on http://{host}:{port} (Ctrl-C to stop)", err=True
    )
    uvicorn.run(
        app,
        host=host,
        port=port,
        log_level="warning",
        access_log=False,  # mpm.access writes one structured line per request
        proxy_headers=True,
        forwarded_allow_ips=settings.trusted_proxies,
        timeout_graceful_shutdown=30,
        server_header=False,
    )
