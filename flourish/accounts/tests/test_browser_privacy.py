"""People's rights to their data in a real browser (Debian's Chromium), JavaScript on and off,
starting from the demo data: a member gets a copy of everything, then has it erased."""

import io
import json
import shutil

import pytest
from django.urls import reverse

from tests.browser.fixtures import CHROMIUM, axe_problems
from tests.browser.pages import MEMBER, Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]

DEMO_MEMBER = ("member@example.org", "Tom Member")
JAVASCRIPT = pytest.mark.parametrize(
    "javascript", [True, False], ids=["javascript", "no-javascript"]
)


@pytest.fixture
def demo(transactional_db):
    """The people and the timebank from `make seed`; Tom Member has given hours and had help."""
    from flourish.accounts import demo as accounts_demo
    from flourish.ledger import demo as ledger_demo

    accounts_demo.build(io.StringIO())
    ledger_demo.build(io.StringIO())


def _follow(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name).click()


def _account_page(scene) -> str:
    return reverse("accounts:profile")


@JAVASCRIPT
def test_a_member_reads_and_downloads_everything_held_about_them(open_page, demo, javascript):
    from flourish.accounts.models import User

    page = open_page(Page("your account", MEMBER, _account_page), javascript=javascript).page

    _follow(page, "See and download everything we hold about you")
    assert page.locator("h1").inner_text() == "Your data"
    main = page.locator("main").inner_text()
    assert "Tom Member's timebank hours" in main and "Peer Support Bradford" in main
    assert not javascript or axe_problems(page) == []  # axe-core runs as JavaScript
    # Fetched with the page's own cookies: Chromium does not report downloads to
    # Playwright when JavaScript is off, and the file is the same either way.
    link = page.get_by_role("link", name="Download your data as a file (JSON)")
    download = page.request.get(link.get_attribute("href"))
    assert "attachment" in download.headers["content-disposition"]
    data = json.loads(download.text())
    assert data["account"][0]["Email address"] == DEMO_MEMBER[0]
    assert data["consents_given"][0]["Who"] == "Priya Organiser"

    someone_else = User.objects.get(email="organiser@example.org")
    response = page.goto(reverse("accounts:person_data", args=[someone_else.pk]))
    assert response is not None and response.status == 404


@JAVASCRIPT
def test_a_member_has_their_data_erased_and_nothing_names_them_after(open_page, demo, javascript):
    from django.contrib.auth import authenticate

    from flourish.accounts.demo import DEMO_PASSWORD
    from flourish.accounts.tests.test_privacy_rights import texts_naming
    from flourish.ledger.models import LedgerAccount, LedgerEntry
    from flourish.ledger.selectors import account_balance_from_entries

    page = open_page(Page("your account", MEMBER, _account_page), javascript=javascript).page

    _follow(page, "Ask us to erase your data")
    assert page.locator("h1").inner_text() == "Erase your data"
    assert "This cannot be undone." in page.locator("main").inner_text()
    assert not javascript or axe_problems(page) == []  # axe-core runs as JavaScript
    with page.expect_navigation():
        page.get_by_role("button", name="Erase my data").click()
    assert page.locator("h1").inner_text() == "Your data has been erased"
    assert not javascript or axe_problems(page) == []  # axe-core runs as JavaScript

    assert texts_naming([*DEMO_MEMBER]) == []
    for account in LedgerAccount.objects.all():
        assert account.balance == account_balance_from_entries(account=account)
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == 0
    assert authenticate(email=DEMO_MEMBER[0], password=DEMO_PASSWORD) is None
    page.goto(reverse("accounts:profile"))
    assert reverse("account_login") in page.url
