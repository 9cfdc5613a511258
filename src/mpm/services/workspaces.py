"""Services of workspaces, their members and API tokens. Anyone signed in may create a
workspace and becomes its owner; a workspace's settings, members, roles and tokens are its
owners' to change; everyone sees only the workspaces they belong to."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select

from mpm import auth
from mpm.auth import Permission, Principal, Role
from mpm.config import Settings, get_settings
from mpm.errors import Conflict, Forbidden, NotFound, UserError
from mpm.services.access import Context, requires
from mpm.store import (
    WorkspaceSettings,
    acting_as,
    ensure_workspace,
    session_scope,
)
from mpm.store import (
    list_workspaces as all_workspaces,
)
from mpm.store import (
    update_workspace as change_workspace,
)
from mpm.store.models import Base, MembershipRow, UserRow, WorkspaceRow
from mpm.store.workspaces import check_slug

ADMIN, READ = Permission.ADMIN, Permission.READ


@dataclass(frozen=True)
class WorkspaceAccess:
    """A workspace and the asker's role in it."""

    workspace: WorkspaceSettings
    role: str


def create_workspace(
    principal: Principal,
    slug: str,
    *,
    name: str | None = None,
    base_currency: str = "USD",
    settings: Settings | None = None,
) -> WorkspaceAccess:
    """A new workspace; a signed-in user becomes its owner. API tokens belong to one
    workspace and cannot create others."""
    settings = settings or get_settings()
    if principal.token_id is not None:
        raise Forbidden("an API token works in its own workspace only: sign in to create one")
    check_slug(slug)
    with acting_as(principal.actor()), session_scope(settings.app_database_url) as session:
        if session.scalar(select(WorkspaceRow.id).where(WorkspaceRow.slug == slug)) is not None:
            raise Conflict(f"a workspace {slug!r} exists already: choose another name")
        ws = ensure_workspace(session, slug, base_currency=base_currency)
        if name:
            ws = change_workspace(session, slug, name=name)
        if principal.user_id is not None:
            auth.set_membership(session, principal.user_id, ws.id, Role.OWNER)
    return WorkspaceAccess(ws, Role.OWNER.value)


def list_workspaces(
    principal: Principal, *, settings: Settings | None = None
) -> list[WorkspaceAccess]:
    """The workspaces the principal belongs to, with its role in each."""
    settings = settings or get_settings()
    with session_scope(settings.app_database_url) as session:
        found = []
        for ws in all_workspaces(session):
            role = auth.role_in(session, principal, ws.id)
            if role is not None:
                found.append(WorkspaceAccess(ws, role.value))
        return found


@requires(READ)
def get_workspace(ctx: Context) -> WorkspaceSettings:
    return ctx.workspace


@requires(ADMIN)
def update_workspace(ctx: Context, **changes: Any) -> WorkspaceSettings:
    with session_scope(ctx.settings.app_database_url) as session:
        return change_workspace(session, ctx.slug, **changes)


@requires(ADMIN)
def delete_workspace(ctx: Context, *, confirm: str) -> None:
    """Delete a workspace with all its data: app state, warehouse, metrics, uploads. `confirm`
    must repeat the workspace's name."""
    if confirm != ctx.slug:
        raise UserError(f"to delete workspace {ctx.slug!r}, confirm with its name")
    with session_scope(ctx.settings.app_database_url) as session:
        for table in reversed(Base.metadata.sorted_tables):
            if table.name == "workspaces" or "workspace_id" not in table.c:
                continue
            session.execute(delete(table).where(table.c.workspace_id == ctx.workspace.id))
        row = session.get(WorkspaceRow, ctx.workspace.id)
        if row is not None:
            session.delete(row)
    shutil.rmtree(ctx.settings.workspace_dir(ctx.slug), ignore_errors=True)


# --- members ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    """A member added; `reset_token` (shown once) lets a new user set their password."""

    user: auth.User
    role: str
    reset_token: str | None


@requires(ADMIN)
def list_members(ctx: Context) -> list[auth.User]:
    with session_scope(ctx.settings.app_database_url) as session:
        return auth.list_users(session, {ctx.workspace.id})


@requires(ADMIN)
def add_member(ctx: Context, email: str, role: str, *, name: str | None = None) -> Invitation:
    """Give someone a role here; a person without an account gets one, and a one-time token to
    choose a password."""
    granted = Role.parse(role)
    with session_scope(ctx.settings.app_database_url) as session:
        address = auth.check_email(email)
        token = None
        if session.scalar(select(UserRow.id).where(UserRow.email == address)) is None:
            auth.add_user(session, address, name=name)
            token = auth.reset_token(session, address)
        row = auth.user_row(session, address)
        auth.set_membership(session, row.id, ctx.workspace.id, granted)
        user = auth.list_users(session, {ctx.workspace.id})
        member = next(u for u in user if u.id == row.id)
    return Invitation(member, granted.value, token)


def _member(session: Any, ctx: Context, user_id: int) -> UserRow:
    row = session.get(UserRow, user_id)
    member = session.scalar(
        select(MembershipRow.id).where(
            MembershipRow.user_id == user_id, MembershipRow.workspace_id == ctx.workspace.id
        )
    )
    if row is None or member is None:
        raise NotFound(f"no member {user_id} in workspace {ctx.slug!r}")
    return row


@requires(ADMIN)
def set_member_role(ctx: Context, user_id: int, role: str) -> auth.User:
    granted = Role.parse(role)
    with session_scope(ctx.settings.app_database_url) as session:
        row = _member(session, ctx, user_id)
        auth.set_membership(session, row.id, ctx.workspace.id, granted)
        return next(u for u in auth.list_users(session, {ctx.workspace.id}) if u.id == row.id)


@requires(ADMIN)
def remove_member(ctx: Context, user_id: int) -> None:
    """Take someone out of the workspace; their tokens for it are revoked."""
    with session_scope(ctx.settings.app_database_url) as session:
        row = _member(session, ctx, user_id)
        auth.remove_membership(session, row.id, ctx.workspace.id)


# --- API tokens ------------------------------------------------------------------------------


@requires(ADMIN)
def create_token(
    ctx: Context,
    email: str,
    *,
    role: str | None = None,
    expires_days: int | None = 90,
    name: str | None = None,
) -> tuple[str, auth.ApiToken]:
    """A token for a member of this workspace (shown once)."""
    with session_scope(ctx.settings.app_database_url) as session:
        user = auth.user_row(session, email)
        workspace = session.get(WorkspaceRow, ctx.workspace.id)
        assert workspace is not None
        return auth.create_token(
            session,
            user=user,
            workspace=workspace,
            role=Role.parse(role) if role else None,
            expires_days=expires_days,
            name=name,
        )


@requires(ADMIN)
def list_tokens(ctx: Context) -> list[auth.ApiToken]:
    with session_scope(ctx.settings.app_database_url) as session:
        return auth.list_tokens(session, {ctx.workspace.id})


@requires(ADMIN)
def revoke_token(ctx: Context, token_id: int) -> auth.ApiToken:
    with session_scope(ctx.settings.app_database_url) as session:
        return auth.revoke_token(session, token_id, {ctx.workspace.id})
