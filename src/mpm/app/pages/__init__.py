"""The web pages: server-rendered Jinja2 templates over the service layer, enhanced with htmx;
charts are Vega-Lite specs drawn by the vega-embed bundle shipped in `static/vendor`."""

from __future__ import annotations

from mpm.app.pages import auth, campaigns, data, explore, objectives, overview, plans, settings

ROUTERS = [
    auth.router,
    overview.router,
    explore.router,
    objectives.router,
    plans.router,
    campaigns.router,
    data.router,
    settings.router,
]

__all__ = ["ROUTERS"]
