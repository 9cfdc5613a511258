"""Passwords (argon2id, argon2-cffi) and random tokens (stored only as SHA-256 hashes)."""

from __future__ import annotations

import hashlib
import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from mpm.errors import UserError

MIN_PASSWORD = 10
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters (RFC 9106)


def check_password(password: str, email: str) -> None:
    """Refuse a password that is too short or is the e-mail address."""
    if len(password) < MIN_PASSWORD:
        raise UserError(f"a password needs at least {MIN_PASSWORD} characters")
    if password.strip().lower() == email.strip().lower():
        raise UserError("the password cannot be the e-mail address")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    if not stored:
        return False
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return _hasher.check_needs_rehash(stored)


def new_token(kind: str) -> str:
    """A random token with a readable prefix: mpm_<kind>_<43 url-safe characters>."""
    return f"mpm_{kind}_{secrets.token_urlsafe(32)}"


def token_hash(token: str) -> str:
    """What is stored of a token: its SHA-256 (a random token needs no slow hash)."""
    return hashlib.sha256(token.encode()).hexdigest()


@cache
def dummy_hash() -> str:
    """The hash of a password nobody has: verifying against it takes as long as a real check,
    so a sign-in with an unknown e-mail cannot be told apart by its timing."""
    return _hasher.hash(secrets.token_urlsafe(16))
