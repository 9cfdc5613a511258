"""API tokens: shown once, stored as a hash, scoped to one workspace and a role no higher
than the user's own, expiring, revocable, with the time of last use."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.auth.principal import Principal
from mpm.auth.roles import Role
from mpm.auth.secrets import new_token, token_hash
from mpm.auth.users import now
from mpm.errors import NotFound, Unauthorized, UserError
from mpm.store.models import ApiTokenRow, MembershipRow, UserRow, WorkspaceRow

MAX_DAYS = 366
LAST_USED_EVERY = timedelta(minutes=1)  # last use is written at most this often


@dataclass(frozen=True)
class ApiToken:
    id: int
    name: str
    user: str  # e-mail
    workspace: str
    role: str
    prefix: str
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    last_used_at: datetime | None

    @property
    def active(self) -> bool:
        stamp = now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > stamp)


def _token(row: ApiTokenRow, email: str, slug: str) -> ApiToken:
    return ApiToken(
        id=row.id,
        name=row.name,
        user=email,
        workspace=slug,
        role=row.role,
        prefix=row.prefix,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        last_used_at=row.last_used_at,
    )


def create_token(
    session: Session,
    *,
    user: UserRow,
    workspace: WorkspaceRow,
    role: Role | None = None,
    expires_days: int | None = 90,
    name: str | None = None,
) -> tuple[str, ApiToken]:
    """A new token for `user` in `workspace` (the user must be a member; the role defaults to
    theirs and cannot exceed it). Returns the token itself, which is never shown again."""
    member = session.scalar(
        select(MembershipRow.role).where(
            MembershipRow.user_id == user.id, MembershipRow.workspace_id == workspace.id
        )
    )
    if member is None:
        raise UserError(f"{user.email} is not a member of workspace {workspace.slug!r}")
    granted = Role(member)
    role = role or granted
    if role.rank > granted.rank:
        raise UserError(
            f"{user.email} is {granted.value} in {workspace.slug!r}: a token cannot be {role.value}"
        )
    if expires_days is not None and not 1 <= expires_days <= MAX_DAYS:
        raise UserError(f"a token expires after 1 to {MAX_DAYS} days")
    secret = new_token("tok")
    stamp = now()
    row = ApiTokenRow(
        user_id=user.id,
        workspace_id=workspace.id,
        role=role.value,
        name=(name or "").strip() or f"token for {user.email}",
        prefix=secret[:12],
        token_hash=token_hash(secret),
        created_at=stamp,
        expires_at=None if expires_days is None else stamp + timedelta(days=expires_days),
    )
    session.add(row)
    session.flush()
    return secret, _token(row, user.email, workspace.slug)


def list_tokens(session: Session, workspace_ids: set[int] | None = None) -> list[ApiToken]:
    query = (
        select(ApiTokenRow, UserRow.email, WorkspaceRow.slug)
        .join(UserRow, UserRow.id == ApiTokenRow.user_id)
        .join(WorkspaceRow, WorkspaceRow.id == ApiTokenRow.workspace_id)
        .order_by(ApiTokenRow.id)
    )
    if workspace_ids is not None:
        query = query.where(ApiTokenRow.workspace_id.in_(workspace_ids))
    return [_token(row, email, slug) for row, email, slug in session.execute(query)]


def revoke_token(
    session: Session, token_id: int, workspace_ids: set[int] | None = None
) -> ApiToken:
    """Revoke a token (of one of `workspace_ids`, if given); revoking twice changes nothing."""
    row = session.get(ApiTokenRow, token_id)
    if row is None or (workspace_ids is not None and row.workspace_id not in workspace_ids):
        raise NotFound(f"no API token {token_id}")
    if row.revoked_at is None:
        row.revoked_at = now()
        session.flush()
    email = session.scalar(select(UserRow.email).where(UserRow.id == row.user_id)) or ""
    slug = session.scalar(select(WorkspaceRow.slug).where(WorkspaceRow.id == row.workspace_id))
    return _token(row, email, slug or "")


def token_principal(session: Session, secret: str, *, request_id: str | None = None) -> Principal:
    """The principal a bearer token stands for; Unauthorized if it is unknown, revoked,
    expired, or its user is disabled."""
    row = session.scalar(select(ApiTokenRow).where(ApiTokenRow.token_hash == token_hash(secret)))
    stamp = now()
    if row is None or row.revoked_at is not None:
        raise Unauthorized("this API token is not valid (unknown or revoked)")
    if row.expires_at is not None and row.expires_at <= stamp:
        raise Unauthorized(f"this API token expired on {row.expires_at:%Y-%m-%d}")
    user = session.get(UserRow, row.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("the user of this API token is disabled")
    if row.last_used_at is None or stamp - row.last_used_at >= LAST_USED_EVERY:
        row.last_used_at = stamp
    return Principal(
        user.email,
        user_id=user.id,
        token_id=row.id,
        token_workspace_id=row.workspace_id,
        token_role=Role(row.role),
        request_id=request_id,
    )
