"""Sign-ins for the demo: the demo company's marketing lead (owner) and an agency client's
viewer, each with a new random password on every run (printed once, never a fixed one)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from mpm import auth
from mpm.auth import Role
from mpm.config import Settings
from mpm.errors import UserError
from mpm.store import acting_as, ensure_workspace, session_scope

DEMO_USERS = (
    ("demo@example.com", "Demo marketing lead", Role.OWNER),
    ("client@example.com", "Demo client (read only)", Role.VIEWER),
)


@dataclass(frozen=True)
class DemoLogin:
    email: str
    password: str
    role: str


def demo_logins(settings: Settings, *, workspace: str = "default") -> list[DemoLogin]:
    """Create (or give a new password to) the demo users, with their role in `workspace`."""
    made = []
    with (
        acting_as(auth.local_principal().actor()),
        session_scope(settings.app_database_url) as session,
    ):
        ws = ensure_workspace(session, workspace)
        for email, name, role in DEMO_USERS:
            password = secrets.token_urlsafe(12)
            try:
                row = auth.user_row(session, email)
            except UserError:
                auth.add_user(session, email, password=password, name=name)
                row = auth.user_row(session, email)
            else:
                auth.set_password(session, row, password)
                row.is_active = True
            auth.set_membership(session, row.id, ws.id, role)
            made.append(DemoLogin(email, password, role.value))
    return made
