"""Who is asking, and the one check of what they may do in a workspace.

A principal is a signed-in user (browser session), an API token (a user's, restricted to one
workspace and at most one role), or the local command line, which acts as owner of every
workspace of its `MPM_HOME`. `authorize` is the check every service function makes: a
workspace the principal has no part in is reported as not found, exactly as one that does not
exist, so ids and names of other clients leak nothing.
"""

from __future__ import annotations

import getpass
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.auth.roles import Permission, Role, lesser
from mpm.errors import Forbidden, NotFound
from mpm.store import Actor, WorkspaceSettings, get_workspace
from mpm.store.models import MembershipRow, WorkspaceRow


@dataclass(frozen=True)
class Principal:
    label: str  # e-mail, or cli:<os user>
    user_id: int | None = None  # None: the local command line
    token_id: int | None = None
    token_workspace_id: int | None = None  # a token works in its workspace only ...
    token_role: Role | None = None  # ... and with at most this role
    via: str = "api"
    request_id: str | None = None

    @property
    def local(self) -> bool:
        return self.user_id is None

    def actor(self) -> Actor:
        return Actor(self.label, self.via, self.user_id, self.request_id)


def local_principal() -> Principal:
    """The command line of this installation: owner of every workspace in MPM_HOME."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "local"
    return Principal(f"cli:{name}", via="cli")


def not_found(slug: str) -> NotFound:
    return NotFound(f"workspace {slug!r} not found")


def role_in(session: Session, principal: Principal, workspace_id: int) -> Role | None:
    """The principal's role in a workspace (None: no part in it)."""
    if principal.local:
        return Role.OWNER
    if principal.token_workspace_id is not None and principal.token_workspace_id != workspace_id:
        return None
    text = session.scalar(
        select(MembershipRow.role).where(
            MembershipRow.user_id == principal.user_id, MembershipRow.workspace_id == workspace_id
        )
    )
    if text is None:
        return None
    role = Role(text)
    return lesser(role, principal.token_role) if principal.token_role else role


_decided: ContextVar[dict[Any, WorkspaceSettings] | None] = ContextVar("mpm_decided", default=None)


@contextmanager
def one_request() -> Iterator[None]:
    """Within the block (a request), an authorization made once is not looked up again."""
    token = _decided.set({})
    try:
        yield
    finally:
        _decided.reset(token)


def authorize(
    session: Session, principal: Principal, slug: str, permission: Permission
) -> WorkspaceSettings:
    """The workspace if the principal may do `permission` there; NotFound when it has no
    part in it (or it does not exist), Forbidden when its role is too low."""
    decided = _decided.get()
    key = (principal, slug, permission)
    if decided is not None and key in decided:
        return decided[key]
    found = _authorize(session, principal, slug, permission)
    if decided is not None:
        decided[key] = found
    return found


def _authorize(
    session: Session, principal: Principal, slug: str, permission: Permission
) -> WorkspaceSettings:
    row = session.scalar(select(WorkspaceRow).where(WorkspaceRow.slug == slug))
    if row is None:
        raise not_found(slug)
    role = role_in(session, principal, row.id)
    if role is None:
        raise not_found(slug)
    if not permission.allows(role):
        raise Forbidden(
            f"your role in workspace {slug!r} is {role.value}; this needs {permission.role.value}"
        )
    return get_workspace(session, slug)
