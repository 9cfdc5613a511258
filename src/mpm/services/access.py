"""The service layer's one gate: every service function declares the permission it needs,
and `requires` checks it (through `mpm.auth.authorize`) before the function runs, then runs it
on behalf of the principal so the audit log names them. The web API, the pages and the command
line all call these functions, so they cannot disagree on who may do what."""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import select

from mpm.auth import Permission, Principal, authorize
from mpm.config import Settings, get_settings
from mpm.errors import NotFound
from mpm.store import WorkspaceSettings, acting_as, session_scope

T = TypeVar("T")


@dataclass(frozen=True)
class Context:
    """What a service function works with: who asks, in which workspace, with which settings."""

    principal: Principal
    workspace: WorkspaceSettings
    settings: Settings

    @property
    def slug(self) -> str:
        return self.workspace.slug


def requires(permission: Permission) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Make `fn(ctx, **kwargs)` the service `fn(principal, workspace, *, settings=None,
    **kwargs)` that checks `permission` in the workspace first; `fn.permission` tells routes
    what it needs."""

    def wrap(fn: Callable[..., T]) -> Callable[..., T]:
        @functools.wraps(fn)
        def service(
            principal: Principal,
            workspace: str,
            /,
            *args: Any,
            settings: Settings | None = None,
            **kwargs: Any,
        ) -> T:
            settings = settings or get_settings()
            with session_scope(settings.app_database_url) as session:
                ws = authorize(session, principal, workspace, permission)
            with acting_as(principal.actor()):
                return fn(Context(principal, ws, settings), *args, **kwargs)

        service.permission = permission  # type: ignore[attr-defined]
        return service

    return wrap


def permission_of(service: Callable[..., Any]) -> Permission:
    return service.permission  # type: ignore[attr-defined, no-any-return]


def name_of(ctx: Context, model: Any, row_id: int, what: str) -> str:
    """The name of a row of this workspace by id; NotFound for ids of other workspaces."""
    with session_scope(ctx.settings.app_database_url) as session:
        name = session.scalar(
            select(model.name).where(model.id == row_id, model.workspace_id == ctx.workspace.id)
        )
    if name is None:
        raise NotFound(f"no {what} {row_id} in workspace {ctx.slug!r}")
    return str(name)


def delegate(fn: Callable[..., T], permission: Permission) -> Callable[..., T]:
    """A service for a domain function that takes `workspace=` and `settings=`: the same
    arguments after (principal, workspace), checked for `permission` first."""

    @requires(permission)
    def service(ctx: Context, *args: Any, **kwargs: Any) -> T:
        return fn(*args, workspace=ctx.slug, settings=ctx.settings, **kwargs)

    service.__name__ = service.__qualname__ = fn.__name__  # type: ignore[attr-defined]
    service.__doc__ = fn.__doc__
    return service
