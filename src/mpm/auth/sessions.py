"""Signing in: password checks with rate limiting and lockout, browser sessions with a CSRF
token, signing out.

A session id is 256 random bits in an HttpOnly cookie; the database keeps only its hash. Every
sign-in makes a new id (no session fixation). Failed passwords count per user: after
`LOCK_AFTER` in a row the account is locked for `LOCK_MINUTES`. Attempts also count per client
address and per e-mail in a sliding window, so guessing across accounts is slowed too.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from mpm.auth.principal import Principal
from mpm.auth.secrets import (
    dummy_hash,
    hash_password,
    needs_rehash,
    new_token,
    token_hash,
    verify_password,
)
from mpm.auth.users import now, set_password
from mpm.errors import TooManyRequests, Unauthorized, UserError
from mpm.store import session_scope
from mpm.store.models import SessionRow, UserRow

SESSION_HOURS = 12
IDLE_HOURS = 2
LOCK_AFTER = 5  # failed passwords in a row
LOCK_MINUTES = 15
WINDOW_SECONDS = 300
MAX_ATTEMPTS_PER_CLIENT = 20  # sign-in attempts per client address per window
MAX_ATTEMPTS_PER_EMAIL = 10  # per e-mail address per window
SEEN_EVERY = timedelta(minutes=1)
INVALID = "wrong e-mail or password"


class AttemptLimiter:
    """Sliding-window counters of sign-in attempts (in this server process)."""

    def __init__(self) -> None:
        self._times: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def hit(self, key: str, limit: int, window: float = WINDOW_SECONDS) -> None:
        """Count an attempt; TooManyRequests when `limit` are in the window already."""
        stamp = time.monotonic()
        with self._lock:
            times = self._times[key]
            while times and stamp - times[0] > window:
                times.popleft()
            if len(times) >= limit:
                wait = int(window - (stamp - times[0])) + 1
                raise TooManyRequests(
                    f"too many sign-in attempts; try again in {wait} seconds", retry_after=wait
                )
            times.append(stamp)

    def clear(self) -> None:
        with self._lock:
            self._times.clear()


LIMITER = AttemptLimiter()


@dataclass(frozen=True)
class SignedIn:
    """A new session: the cookie value and CSRF token are shown to the browser only."""

    session_token: str
    csrf_token: str
    user_id: int
    email: str
    expires_at: datetime


def login(
    url: str,
    email: str,
    password: str,
    *,
    client: str | None = None,
    limiter: AttemptLimiter = LIMITER,
) -> SignedIn:
    """Check a password and open a session; one message for a wrong e-mail or password. A
    failed attempt is counted (and committed) before the error is raised."""
    address = email.strip().lower()
    limiter.hit(f"client:{client or '-'}", MAX_ATTEMPTS_PER_CLIENT)
    limiter.hit(f"email:{address}", MAX_ATTEMPTS_PER_EMAIL)
    failure: UserError | None = None
    signed: SignedIn | None = None
    with session_scope(url) as session:
        row = session.scalar(select(UserRow).where(UserRow.email == address))
        stamp = now()
        if row is not None and row.locked_until is not None and row.locked_until > stamp:
            wait = int((row.locked_until - stamp).total_seconds()) + 1
            raise TooManyRequests(
                f"this account is locked after {LOCK_AFTER} wrong passwords; try again in "
                f"{wait // 60 + 1} minutes or reset the password",
                retry_after=wait,
            )
        if row is None or not row.is_active or not row.password_hash:
            verify_password(dummy_hash(), password)  # the same time as a real check
            raise Unauthorized(INVALID)
        if not verify_password(row.password_hash, password):
            row.failed_logins += 1
            if row.failed_logins >= LOCK_AFTER:
                row.locked_until = stamp + timedelta(minutes=LOCK_MINUTES)
                row.failed_logins = 0
            failure = Unauthorized(INVALID)
        else:
            if needs_rehash(row.password_hash):
                row.password_hash = hash_password(password)
            row.failed_logins, row.locked_until, row.last_login_at = 0, None, stamp
            secret = new_token("ses")
            csrf = secrets.token_urlsafe(32)
            expires = stamp + timedelta(hours=SESSION_HOURS)
            session.add(
                SessionRow(
                    user_id=row.id,
                    token_hash=token_hash(secret),
                    csrf_token=csrf,
                    created_at=stamp,
                    expires_at=expires,
                    last_seen_at=stamp,
                    client=(client or "")[:200] or None,
                )
            )
            signed = SignedIn(secret, csrf, row.id, row.email, expires)
    if failure is not None or signed is None:
        raise failure or Unauthorized(INVALID)
    return signed


def session_principal(
    session: Session, secret: str, *, via: str = "api", request_id: str | None = None
) -> tuple[Principal, str]:
    """The principal of a session cookie and the session's CSRF token; Unauthorized when
    the session is unknown, ended, expired or idle too long, or its user is disabled."""
    row = session.scalar(select(SessionRow).where(SessionRow.token_hash == token_hash(secret)))
    stamp = now()
    if row is None or row.ended_at is not None:
        raise Unauthorized("not signed in")
    if row.expires_at <= stamp or stamp - row.last_seen_at > timedelta(hours=IDLE_HOURS):
        row.ended_at = stamp
        raise Unauthorized("the session has expired: sign in again")
    user = session.get(UserRow, row.user_id)
    if user is None or not user.is_active:
        raise Unauthorized("not signed in")
    if stamp - row.last_seen_at >= SEEN_EVERY:
        row.last_seen_at = stamp
    return Principal(user.email, user_id=user.id, via=via, request_id=request_id), row.csrf_token


def logout(session: Session, secret: str) -> bool:
    """End the session of this cookie; False when there was none."""
    row = session.scalar(select(SessionRow).where(SessionRow.token_hash == token_hash(secret)))
    if row is None or row.ended_at is not None:
        return False
    row.ended_at = now()
    session.flush()
    return True


def change_password(session: Session, user_id: int, current: str, new: str) -> None:
    """A signed-in user changes their own password; every session of theirs ends."""
    row = session.get(UserRow, user_id)
    if row is None or not verify_password(row.password_hash, current):
        raise Unauthorized("the current password is wrong")
    set_password(session, row, new)
