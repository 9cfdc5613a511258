"""Pages kept until what they show changes: a dashboard is opened and reloaded many times
between two loads. A page is kept for the one who asked (their session or token: the page
carries their name, workspaces and form token) under the workspace's data version and the
app-state version, so a load, a revert, a new objective, a moved budget, a role changed or the
turn of the day shows at once. Only whole, successful pages are kept."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from mpm.app.deps import settings_of
from mpm.app.pages.render import place
from mpm.auth import Principal
from mpm.services.cache import LruCache
from mpm.services.versions import app_state_version, data_version

PAGES_KEPT = 256


def _who(principal: Principal, request: Request) -> Hashable:
    csrf = getattr(request.state, "csrf_token", None) or ""
    session = hashlib.sha256(csrf.encode()).hexdigest() if csrf else ""
    return (
        principal.label,
        principal.user_id,
        principal.token_id,
        principal.token_workspace_id,
        principal.token_role,
        principal.via,
        session,
    )


class PageCache:
    def __init__(self, size: int = PAGES_KEPT) -> None:
        self._pages: LruCache[bytes] = LruCache(size)

    def page(
        self,
        request: Request,
        principal: Principal,
        workspace: str,
        render: Callable[[], HTMLResponse],
    ) -> HTMLResponse:
        """The page `render` makes, or the one it made for the same asker, URL and versions."""
        settings = settings_of(request)
        mine, _ = place(request, principal, workspace)
        access: Any = next((a for a in mine if a.workspace.slug == workspace), None)
        if access is None:  # the route's gate decides; nothing to keep
            return render()
        key = (
            settings.app_database_url,
            request.url.path,
            request.url.query,
            _who(principal, request),
            data_version(settings, access.workspace),
            app_state_version(settings),
        )
        body = self._pages.find(key)
        if body is not None:
            return HTMLResponse(body)
        response = render()
        if response.status_code == 200 and not response.headers.get("set-cookie"):
            self._pages.put(key, bytes(response.body))
        return response


PAGES = PageCache()
