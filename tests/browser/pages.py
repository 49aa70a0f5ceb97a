"""Every page the browser suite visits, in one list that each area extends.

Each entry names the page, says who is looking at it (a persona), and builds
its URL. The builder gets a `Scene` holding the person signed in (if any) and
their group, so an area can make the objects its page shows with its own
factories, for example:

    Page("grant application", "member",
         lambda scene: reverse("grants:application", args=[ApplicationFactory(
             organisation=scene.group).pk]))

A page you can only reach by filling in a form first (the sign-in code page)
gives `arrive`, a function that drives the browser there from the URL.

Each area lists its own pages in `flourish/<app>/tests/browser_pages.py` as
`PAGES = [Page(...), ...]` (importing Page and the personas from here), so
areas never edit the same file; they are added after core's pages below.

The accessibility, reflow, screenshot and third-party-request tests read this
list, in English and in Urdu, so a new page gets all of them by being listed.
"""

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.urls import reverse

ANONYMOUS = "anonymous"
MEMBER = "member"
ADMINISTRATOR = "administrator"


@dataclass
class Scene:
    """What a URL builder may use: the person signed in (None if anonymous) and their group."""

    person: Any
    group: Any


@dataclass(frozen=True)
class Page:
    name: str
    persona: str
    url: Callable[[Scene], str]
    arrive: Callable[[Any], None] | None = None


def _submit_an_email_address(page: Any) -> None:
    """Ask for a sign-in code, or sign up, which opens the page to enter the emailed code."""
    page.locator("main input[name=email]").fill("someone@example.org")
    with page.expect_navigation():
        page.locator("main input[name=email]").press("Enter")


def _audit_trail_with_events(scene: Scene) -> str:
    """The audit trail with real rows, so a long email or action name shows up at 320px."""
    from flourish.core.events import SENSITIVE_RECORD_READ
    from flourish.core.services import audit_record

    for _ in range(3):
        audit_record(actor=scene.person, action=SENSITIVE_RECORD_READ, target=scene.group)
    return reverse("core:audit")


PAGES: list[Page] = [
    Page("home", ANONYMOUS, lambda scene: reverse("core:home")),
    Page("home signed in", MEMBER, lambda scene: reverse("core:home")),
    Page("accessibility", ANONYMOUS, lambda scene: reverse("core:accessibility")),
    Page("privacy", ANONYMOUS, lambda scene: reverse("core:privacy")),
    Page("sign in", ANONYMOUS, lambda scene: reverse("account_login")),
    Page("sign up", ANONYMOUS, lambda scene: reverse("account_signup")),
    Page(
        "sign-in code",
        ANONYMOUS,
        lambda scene: reverse("account_request_login_code"),
        arrive=_submit_an_email_address,
    ),
    Page(
        "sign-up code",
        ANONYMOUS,
        lambda scene: reverse("account_signup"),
        arrive=_submit_an_email_address,
    ),
    Page("reset password", ANONYMOUS, lambda scene: reverse("account_reset_password")),
    Page("your account", MEMBER, lambda scene: reverse("accounts:profile")),
    Page("your preferences", MEMBER, lambda scene: reverse("accounts:preferences")),
    Page("your consents", MEMBER, lambda scene: reverse("accounts:consents")),
    Page("email addresses", MEMBER, lambda scene: reverse("account_email")),
    Page("set a password", MEMBER, lambda scene: reverse("account_set_password")),
    Page("sign out", MEMBER, lambda scene: reverse("account_logout")),
    Page("set up two-step sign-in", MEMBER, lambda scene: reverse("mfa_activate_totp")),
    Page("two-step sign-in", ADMINISTRATOR, lambda scene: reverse("mfa_index")),
    Page("audit trail", ADMINISTRATOR, _audit_trail_with_events),
]


def _area_pages() -> list[Page]:
    """Pages each Flourish app lists in its tests/browser_pages.py."""
    found: list[Page] = []
    for app in apps.get_app_configs():
        tests = f"{app.name}.tests"
        if not app.name.startswith("flourish.") or importlib.util.find_spec(tests) is None:
            continue
        if importlib.util.find_spec(f"{tests}.browser_pages") is not None:
            found += importlib.import_module(f"{tests}.browser_pages").PAGES
    return found


PAGES += _area_pages()
