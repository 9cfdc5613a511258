"""Users and their memberships: add, list, change a role, disable, reset a password with a
one-time token. E-mail addresses are kept in lower case and are the user's name."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.auth.roles import Role
from mpm.auth.secrets import check_password, hash_password, new_token, token_hash
from mpm.errors import Conflict, NotFound, Unauthorized, UserError
from mpm.store.models import (
    ApiTokenRow,
    MembershipRow,
    PasswordResetRow,
    SessionRow,
    UserRow,
    WorkspaceRow,
)

EMAIL = re.compile(r"^[^@\s<>\"']{1,64}@[A-Za-z0-9.-]{1,253}\.[A-Za-z]{2,63}$")
RESET_HOURS = 24


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Membership:
    workspace: str
    role: str


@dataclass(frozen=True)
class User:
    id: int
    email: str
    name: str | None
    is_active: bool
    has_password: bool
    created_at: datetime
    last_login_at: datetime | None
    locked_until: datetime | None
    memberships: tuple[Membership, ...]


def check_email(email: str) -> str:
    address = email.strip().lower()
    if not EMAIL.match(address):
        raise UserError(f"{email!r} is not an e-mail address")
    return address


def user_row(session: Session, email: str) -> UserRow:
    row = session.scalar(select(UserRow).where(UserRow.email == email.strip().lower()))
    if row is None:
        raise NotFound(f"no user {email.strip()!r}")
    return row


def _user(session: Session, row: UserRow, workspace_ids: set[int] | None = None) -> User:
    query = (
        select(WorkspaceRow.slug, MembershipRow.role)
        .join(MembershipRow, MembershipRow.workspace_id == WorkspaceRow.id)
        .where(MembershipRow.user_id == row.id)
        .order_by(WorkspaceRow.slug)
    )
    if workspace_ids is not None:
        query = query.where(WorkspaceRow.id.in_(workspace_ids))
    return User(
        id=row.id,
        email=row.email,
        name=row.name,
        is_active=row.is_active,
        has_password=row.password_hash is not None,
        created_at=row.created_at,
        last_login_at=row.last_login_at,
        locked_until=row.locked_until,
        memberships=tuple(Membership(slug, role) for slug, role in session.execute(query)),
    )


def get_user(session: Session, email: str) -> User:
    return _user(session, user_row(session, email))


def add_user(
    session: Session, email: str, *, password: str | None = None, name: str | None = None
) -> User:
    """A new user; without a password they sign in after a reset (see `reset_token`)."""
    address = check_email(email)
    if session.scalar(select(UserRow.id).where(UserRow.email == address)) is not None:
        raise Conflict(f"a user {address!r} exists already")
    if password is not None:
        check_password(password, address)
    stamp = now()
    row = UserRow(
        email=address,
        name=(name or "").strip() or None,
        password_hash=hash_password(password) if password is not None else None,
        is_active=True,
        failed_logins=0,
        created_at=stamp,
        password_changed_at=stamp if password is not None else None,
    )
    session.add(row)
    session.flush()
    return _user(session, row)


def list_users(session: Session, workspace_ids: set[int] | None = None) -> list[User]:
    """Every user, or only the members of these workspaces (with only those memberships)."""
    query = select(UserRow).order_by(UserRow.email)
    if workspace_ids is not None:
        query = query.where(
            UserRow.id.in_(
                select(MembershipRow.user_id).where(MembershipRow.workspace_id.in_(workspace_ids))
            )
        )
    return [_user(session, row, workspace_ids) for row in session.scalars(query)]


def set_membership(session: Session, user_id: int, workspace_id: int, role: Role) -> bool:
    """Give a user a role in a workspace; True when the membership is new."""
    row = session.scalar(
        select(MembershipRow).where(
            MembershipRow.user_id == user_id, MembershipRow.workspace_id == workspace_id
        )
    )
    if row is None:
        session.add(
            MembershipRow(
                user_id=user_id, workspace_id=workspace_id, role=role.value, created_at=now()
            )
        )
        session.flush()
        return True
    if row.role != role.value:
        _keep_an_owner(session, workspace_id, leaving=user_id, new_role=role)
        row.role = role.value
        session.flush()
    return False


def remove_membership(session: Session, user_id: int, workspace_id: int) -> None:
    row = session.scalar(
        select(MembershipRow).where(
            MembershipRow.user_id == user_id, MembershipRow.workspace_id == workspace_id
        )
    )
    if row is None:
        raise NotFound("no such member in this workspace")
    _keep_an_owner(session, workspace_id, leaving=user_id, new_role=None)
    session.delete(row)
    for token in session.scalars(
        select(ApiTokenRow).where(
            ApiTokenRow.user_id == user_id,
            ApiTokenRow.workspace_id == workspace_id,
            ApiTokenRow.revoked_at.is_(None),
        )
    ):
        token.revoked_at = now()
    session.flush()


def _keep_an_owner(
    session: Session, workspace_id: int, *, leaving: int, new_role: Role | None
) -> None:
    """Refuse to take the last owner away from a workspace (nobody could manage it)."""
    if new_role is Role.OWNER:
        return
    owners = set(
        session.scalars(
            select(MembershipRow.user_id).where(
                MembershipRow.workspace_id == workspace_id, MembershipRow.role == Role.OWNER.value
            )
        )
    )
    if owners == {leaving}:
        raise Conflict("a workspace keeps at least one owner: make someone else owner first")


def disable_user(session: Session, email: str) -> User:
    """Disable sign-in: sessions end and tokens stop working (re-enable with `enable_user`)."""
    row = user_row(session, email)
    row.is_active = False
    stamp = now()
    for s in session.scalars(
        select(SessionRow).where(SessionRow.user_id == row.id, SessionRow.ended_at.is_(None))
    ):
        s.ended_at = stamp
    session.flush()
    return _user(session, row)


def enable_user(session: Session, email: str) -> User:
    row = user_row(session, email)
    row.is_active, row.failed_logins, row.locked_until = True, 0, None
    session.flush()
    return _user(session, row)


def reset_token(session: Session, email: str, *, hours: int = RESET_HOURS) -> str:
    """A one-time token to set a new password, valid `hours`; earlier unused ones expire."""
    row = user_row(session, email)
    stamp = now()
    for old in session.scalars(
        select(PasswordResetRow).where(
            PasswordResetRow.user_id == row.id, PasswordResetRow.used_at.is_(None)
        )
    ):
        old.expires_at = min(old.expires_at, stamp)
    token = new_token("reset")
    session.add(
        PasswordResetRow(
            user_id=row.id,
            token_hash=token_hash(token),
            created_at=stamp,
            expires_at=stamp + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def reset_password(session: Session, token: str, password: str) -> User:
    """Set a new password with a reset token: the token is used up, every session of the
    user ends, a lockout is lifted."""
    reset = session.scalar(
        select(PasswordResetRow).where(PasswordResetRow.token_hash == token_hash(token.strip()))
    )
    stamp = now()
    if reset is None or reset.used_at is not None or reset.expires_at <= stamp:
        raise Unauthorized("this reset token is unknown, used or expired: ask for a new one")
    row = session.get(UserRow, reset.user_id)
    if row is None or not row.is_active:
        raise Unauthorized("this reset token is unknown, used or expired: ask for a new one")
    set_password(session, row, password)
    reset.used_at = stamp
    session.flush()
    return _user(session, row)


def set_password(session: Session, row: UserRow, password: str) -> None:
    """A new password; every open session of the user ends."""
    check_password(password, row.email)
    stamp = now()
    row.password_hash = hash_password(password)
    row.password_changed_at = stamp
    row.failed_logins, row.locked_until = 0, None
    for s in session.scalars(
        select(SessionRow).where(SessionRow.user_id == row.id, SessionRow.ended_at.is_(None))
    ):
        s.ended_at = stamp
