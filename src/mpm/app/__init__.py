"""The web server: REST API (`/api/v1`), OpenAPI docs and, later, the pages."""

from mpm.app.main import create_app

__all__ = ["create_app"]
