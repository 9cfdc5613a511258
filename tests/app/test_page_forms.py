"""Every form that posts carries the session's CSRF token: a page whose form lost it (a macro
imported without the page's context, say) would be refused when a person sends it."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from mpm.auth import LIMITER
from tests.app.conftest import Server
from tests.app.test_pages import sign_in

PAGES = (
    "/w/acme/",
    "/w/acme/explore?kpi=revenue&grain=month&from=last_90_days&to=last_90_days",
    "/w/acme/objectives",
    "/w/acme/objectives/new",
    "/w/acme/objectives/1",
    "/w/acme/plans",
    "/w/acme/data",
    "/w/acme/settings",
    "/w/acme/settings/members",
    "/w/acme/settings/tokens",
    "/w/acme/campaigns",
    "/account/password",
)
FORM = re.compile(r"<form\b[^>]*method=\"post\"[^>]*>(.*?)</form>", re.S | re.I)


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    LIMITER.clear()
    yield
    LIMITER.clear()


def test_every_form_that_posts_carries_the_sessions_token(server: Server) -> None:
    owner = sign_in(server, "owner")
    checked = 0
    for path in PAGES:
        page = owner.get(path)
        if page.status_code == 404:
            continue  # a page of a later capability
        assert page.status_code == 200, (path, page.status_code)
        meta = re.search(r'name="csrf-token" content="([^"]+)"', page.text)
        assert meta, path
        for body in FORM.findall(page.text):
            tokens = re.findall(r'name="csrf_token" value="([^"]*)"', body)
            assert tokens == [meta.group(1)], (path, body[:200])
            checked += 1
    assert checked >= 15
