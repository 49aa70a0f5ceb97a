"""What a journey test in Chromium needs: a browser signed in as a person, and steps that
wait for the page a click brings.

A journey starts from the demo data (`demo_built`), as a newcomer after `make run`
would, and signs in the way that person would: people who read sensitive data have an
authenticator app and have entered its code.
"""

import io
from types import ModuleType
from typing import Any

from django.conf import settings
from django.test import Client

from flourish.accounts.models import ROLES_THAT_READ_SENSITIVE_DATA
from flourish.accounts.tests.two_step import force_login_with_two_steps, with_authenticator
from tests.browser.fixtures import axe_problems

STEP_TIMEOUT_MS = 20_000  # a busy CI machine renders a page slowly, but never this slowly
# The browser contexts journeys open, closed after each test (`fixtures.py`): left open,
# every earlier journey's page would stay alive in the worker's one Chromium.
OPEN_CONTEXTS: list[Any] = []


def demo_built(*parts: ModuleType) -> None:
    """Build these apps' demo data (their `demo` modules), in order, as `make seed` does."""
    for part in parts:
        part.build(io.StringIO())


def signed_in_page(browser: Any, live_server: Any, person: Any, javascript: bool = True) -> Any:
    """A new page in a fresh browser, signed in as this person."""
    if person.memberships.filter(role__in=ROLES_THAT_READ_SENSITIVE_DATA).exists():
        with_authenticator(person)
    client = Client()
    force_login_with_two_steps(client, person)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    OPEN_CONTEXTS.append(context)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    context.set_default_timeout(STEP_TIMEOUT_MS)
    page = context.new_page()
    # In front, as the page a person has just opened is: Chromium applies `autofocus`
    # only in a page that has the focus, and another journey's page may have kept it.
    page.bring_to_front()
    return page


def press(page: Any, name: str) -> None:
    """Press a button and wait for the page it brings."""
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def follow(page: Any, name: str) -> None:
    """Follow a link and wait for the page it brings."""
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).click()


def accessible(page: Any, javascript: bool) -> bool:
    """axe-core runs as a script in the page, so it checks pages only while JavaScript is on."""
    return not javascript or axe_problems(page) == []
