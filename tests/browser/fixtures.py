"""The browser suite: Playwright driving Debian's Chromium against pytest-django's live server.

Registered as a pytest plugin by the root conftest.py, so every area's browser
tests (tests/browser/ and flourish/<app>/tests/test_browser.py) share these
fixtures without importing them. One Chromium for the whole session and a fresh
context (cookies, viewport, JavaScript on or off) for each page a test opens,
so tests stay independent and the suite stays fast. Playwright's own browser
download is not used.
"""

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.browser.pages import ADMINISTRATOR, ANONYMOUS, Page, Scene

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",  # CI and this machine run as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BROWSER_DIR = Path(__file__).parent
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
WIDE = {"width": 1024, "height": 768}
NARROW = {"width": 320, "height": 640}
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.hookimpl(tryfirst=True)  # before `-m browser` / `-m "not browser"` select items
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    have_chromium = shutil.which(CHROMIUM) is not None
    for item in items:
        if BROWSER_DIR in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if not have_chromium:
                item.add_marker(pytest.mark.skip(reason=f"the browser suite needs {CHROMIUM}"))


def pytest_configure(config: pytest.Config) -> None:
    # Screenshots from an earlier run would pass for this run's pages. Cleared once,
    # by the main process: a test worker (pytest-xdist) would clear the others' too.
    if not hasattr(config, "workerinput"):
        shutil.rmtree(SCREENSHOTS, ignore_errors=True)


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread, and Django then
    # refuses the database calls the tests make to set up data. Only while the
    # browser suite runs: other tests keep Django's check.
    patch = pytest.MonkeyPatch()
    patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
    patch.undo()


@pytest.fixture(autouse=True)
def _journey_pages_closed() -> Iterator[None]:
    """Close the pages a journey opened (`journeys.signed_in_page`) once it ends."""
    yield
    from tests.browser.journeys import OPEN_CONTEXTS

    while OPEN_CONTEXTS:
        OPEN_CONTEXTS.pop().close()


@dataclass
class Visit:
    """An open page, every URL it asked for, and what the Content-Security-Policy blocked."""

    page: Any
    requests: list[str] = field(default_factory=list)
    blocked_by_policy: list[str] = field(default_factory=list)

    def note_console(self, message: Any) -> None:
        # Chromium reports each thing the policy refused on the console:
        # "Refused to execute inline script because it violates … Content Security Policy".
        if "Content Security Policy" in message.text:
            self.blocked_by_policy.append(message.text)

    def third_party_requests(self, live_server_url: str) -> list[str]:
        """Requests that left for another host (data: and blob: URLs never leave the page)."""
        ours = urlsplit(live_server_url).netloc
        return [
            url
            for url in self.requests
            if urlsplit(url).scheme in {"http", "https", "ws", "wss"}
            and urlsplit(url).netloc != ours
        ]


def make_scene(persona: str) -> Scene:
    """Make the person a persona stands for, with everything they need to see their pages."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
    from flourish.accounts.models import Role

    group = OrganisationFactory(name="Hearing Voices Leeds")
    if persona == ANONYMOUS:
        return Scene(person=None, group=group)
    role = Role.ADMINISTRATOR if persona == ADMINISTRATOR else Role.GROUP_LEAD
    person = UserFactory(email=f"{persona}@example.org", name=f"Asha {persona.title()}")
    MembershipFactory(user=person, organisation=group, role=role)
    if persona == ADMINISTRATOR and not Authenticator.objects.filter(user=person).exists():
        # Administrators must have an authenticator app before they see anything.
        TOTP.activate(person, generate_totp_secret())
    return Scene(person=person, group=group)


@pytest.fixture
def open_page(browser, live_server) -> Iterator[Callable[..., Visit]]:
    """Open a page from pages.py as its persona, in a new browser context.

    open_page(page, language="ur", viewport=NARROW, javascript=False)
    """
    # Rate limits (sign-in codes per address, sign-ups per IP) live in the
    # cache, which outlives each test's database; start every test afresh.
    cache.clear()
    contexts = []

    def _open(
        entry: Page,
        *,
        language: str = "en-gb",
        viewport: dict[str, int] = WIDE,
        javascript: bool = True,
    ) -> Visit:
        scene = make_scene(entry.persona)
        context = browser.new_context(
            base_url=live_server.url, viewport=viewport, java_script_enabled=javascript
        )
        contexts.append(context)
        cookies = [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language}]
        # The page's world first (it may make the person a coordinator, say), then the
        # sign-in, as that person would: with their authenticator app if their roles need it.
        url = entry.url(scene)
        if scene.person is not None:
            client = Client()
            from flourish.accounts.models import ROLES_THAT_READ_SENSITIVE_DATA
            from flourish.accounts.tests.two_step import (
                force_login_with_two_steps,
                with_authenticator,
            )

            if scene.person.memberships.filter(role__in=ROLES_THAT_READ_SENSITIVE_DATA).exists():
                with_authenticator(scene.person)
            force_login_with_two_steps(client, scene.person)
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session})
        context.add_cookies([{**cookie, "url": live_server.url} for cookie in cookies])
        visit = Visit(page=context.new_page())
        # Requests are noted as they start, so a page that reaches for another
        # site is caught without waiting for the network to go quiet.
        visit.page.on("request", lambda request: visit.requests.append(request.url))
        visit.page.on("console", visit.note_console)
        response = visit.page.goto(url)
        assert response is not None and response.ok, f"{entry.name}: {response and response.status}"
        # A redirect (to sign in, to set up two-step sign-in) would check the wrong page.
        assert urlsplit(visit.page.url).path == urlsplit(url).path, f"{url} → {visit.page.url}"
        if entry.arrive is not None:
            entry.arrive(visit.page)
        return visit

    yield _open
    for context in contexts:
        context.close()


def screenshot(visit: Visit, name: str) -> None:
    """Save a full-page PNG to test-artifacts/screenshots/ for a person to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    visit.page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def axe_problems(page: Any, width: int | None = None) -> list[str]:
    """WCAG 2.2 AA violations axe-core finds on the page (bundled with axe-playwright-python)."""
    from axe_playwright_python.base import AXE_SCRIPT, AxeResults

    if page.evaluate("typeof window.axe") == "undefined":
        page.evaluate(AXE_SCRIPT)
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = AxeResults(page.evaluate("options => axe.run(document, options)", options))
    if not results.violations_count:
        return []
    where = f" at {width}px" if width else ""
    return [f"axe-core{where}: {results.generate_report()}"]
