"""The web pages: server-rendered Jinja2 templates over the service layer, enhanced with htmx;
charts are Vega-Lite specs drawn by the vega-embed bundle shipped in `static/vendor`."""

from __future__ import annotations

from mpm.app.pages import auth, explore, overview

ROUTERS = [auth.router, overview.router, explore.router]

__all__ = ["ROUTERS"]
