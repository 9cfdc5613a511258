"""The demo's sign-ins: an owner and a client viewer, with a new random password each run."""

from __future__ import annotations

from pathlib import Path

import pytest

from mpm import auth
from mpm.config import Settings
from mpm.demo import demo_logins
from mpm.errors import Unauthorized
from mpm.store import session_scope


def test_demo_sign_ins_work_and_a_new_run_replaces_their_passwords(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    first = demo_logins(settings)
    assert [(login.email, login.role) for login in first] == [
        ("demo@example.com", "owner"),
        ("client@example.com", "viewer"),
    ]
    url = settings.app_database_url
    auth.LIMITER.clear()
    assert auth.login(url, first[0].email, first[0].password).email == "demo@example.com"
    second = demo_logins(settings)
    assert {login.password for login in first}.isdisjoint({login.password for login in second})
    with pytest.raises(Unauthorized):
        auth.login(url, first[1].email, first[1].password)
    assert auth.login(url, second[1].email, second[1].password).email == "client@example.com"
    with session_scope(url) as session:
        users = {u.email for u in auth.list_users(session)}
    assert users == {"demo@example.com", "client@example.com"}
    auth.LIMITER.clear()
