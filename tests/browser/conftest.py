"""Browser tests: Debian's chromium driven by Playwright (sync API) against the real server of
the app tests (workspace `acme` with demo data, one user per role), with helpers to sign in,
check a page with axe-core and take the screenshots of docs/screenshots."""

from __future__ import annotations

import os
import re
from collections.abc import Generator, Iterator
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, expect, sync_playwright

from mpm.auth import LIMITER
from tests.app import conftest as app_tests
from tests.app.conftest import PASSWORD, Server

# The real server of the app tests; its package scope gives tests/browser a server of its own.
server = app_tests.server

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")  # Debian's chromium only

HERE = Path(__file__).parent
AXE = HERE / "axe.min.js"  # axe-core 4.14.1, MPL-2.0 (axe-core.LICENSE.txt)
AXE_PATH = "/__browser-tests__/axe.min.js"  # served by the test's route, never by the app
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENSHOTS = HERE.parents[1] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
PROBLEMS = pytest.StashKey[list[str]]()
FAILED_LOAD = re.compile(r"^Failed to load resource: the server responded with a status of (\d{3})")
ALLOWED: WeakKeyDictionary[Page, set[int]] = WeakKeyDictionary()


def chromium_path() -> str | None:
    """MPM_TEST_CHROMIUM (as `make test` sets it), else Debian's /usr/bin/chromium."""
    given = os.environ.get("MPM_TEST_CHROMIUM", "").strip()
    if given:
        return given
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").is_file() else None


@pytest.fixture(autouse=True)
def fresh_limits() -> Iterator[None]:
    """Every test signs in afresh: the sign-in rate limiter must not carry over."""
    LIMITER.clear()
    yield
    LIMITER.clear()


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    path = chromium_path()
    if path is None:
        pytest.skip("no chromium: set MPM_TEST_CHROMIUM or run scripts/ensure-chromium.sh")
    if not Path(path).is_file():
        pytest.skip(f"no chromium at MPM_TEST_CHROMIUM={path}: run scripts/ensure-chromium.sh")
    chromium = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


@pytest.fixture
def page(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Page]:
    """A fresh context (no cookies, no stored theme) at desktop size. Any console error or
    uncaught page error fails the test (see pytest_runtest_call)."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", locale="en-GB")
    context.set_default_timeout(10_000)
    problems: list[str] = []
    request.node.stash[PROBLEMS] = problems

    def on_console(message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        failed = FAILED_LOAD.match(message.text)
        if failed and int(failed.group(1)) in ALLOWED.get(tab, set()):
            return
        where = message.location.get("url", "")
        problems.append(
            f"console error on {message.page and message.page.url}: {message.text} ({where})"
        )

    tab = context.new_page()
    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(f"page error on {tab.url}: {error}"))
    yield tab
    context.close()


def allow_status(page: Page, *statuses: int) -> None:
    """Expect responses with these HTTP statuses (a form shown again with its error, 401 or
    422): chromium logs each as a console error, which would otherwise fail the test."""
    ALLOWED.setdefault(page, set()).update(statuses)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, object, object]:
    """Fail a browser test whose page logged a console error or threw, even if it passed."""
    try:
        outcome = yield
    finally:
        problems = item.stash.get(PROBLEMS, [])
        if problems:
            item.add_report_section("call", "browser", "\n".join(problems))
    if problems:
        pytest.fail("the page reported errors:\n" + "\n".join(problems), pytrace=False)
    return outcome


def sign_in(page: Page, server: Server, role: str = "owner") -> None:
    """Sign in through the /login form and wait for the overview it leads to."""
    page.goto(f"{server.url}/login")
    page.get_by_label("E-mail").fill(server.emails[role])
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/w/[^/]+/$"))
    expect(page.get_by_role("heading", level=1, name="Overview")).to_be_visible()


def check_accessibility(page: Page) -> None:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules) on the page; fail on every serious or
    critical violation, naming its rule, impact, help and the first elements it hit.

    axe is loaded as a same-origin script served by a route of this page: the app's CSP
    (`script-src 'self'`) rightly refuses the inline script `add_script_tag(path=...)` makes,
    and bypassing the CSP would hide the CSP errors the page fixture watches for."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        url = re.sub(r"^(https?://[^/]+).*$", r"\1", page.url) + AXE_PATH
        page.route(url, lambda route: route.fulfill(path=AXE, content_type="text/javascript"))
        page.add_script_tag(url=url)
        page.unroute(url)
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    serious = [v for v in results["violations"] if v["impact"] in ("serious", "critical")]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(" ".join(map(str, node["target"])) for node in v["nodes"][:3])
        + (f" and {len(v['nodes']) - 3} more" if len(v["nodes"]) > 3 else "")
        for v in serious
    ]
    assert not lines, f"axe found on {page.url}:\n" + "\n".join(lines)


def screenshot(page: Page, name: str) -> None:
    """Full-page PNGs docs/screenshots/<name>-desktop.png and <name>-phone.png (390×844)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}-desktop.png", full_page=True, animations="disabled")
    size = page.viewport_size or DESKTOP
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(300)  # charts redraw for the narrow width (mpm.js, after 150 ms)
    page.wait_for_function("!document.querySelector('.chart[data-spec]:not([data-drawn])')")
    try:
        page.screenshot(
            path=SCREENSHOTS / f"{name}-phone.png", full_page=True, animations="disabled"
        )
    finally:
        page.set_viewport_size(size)
