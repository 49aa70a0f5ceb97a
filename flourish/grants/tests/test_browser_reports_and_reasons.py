"""In Chromium, JavaScript on and off, from the demo data: the demo organiser reads why her
group was funded and why its other idea was not, with the feedback that goes with it; then
she tells the fund what happened with her grant, and the funder's staff read it on the
application's review page. axe-core checks each page on the way."""

import shutil

import pytest

from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, demo_built, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]

KICK_START = "Ideas That Change Lives: Kick-Start"
INVESTMENT = "Ideas That Change Lives: Investment"
PARTNER = "Leeds Community Voluntary Services"


@pytest.fixture
def demo(transactional_db):
    from flourish.accounts import demo as accounts_demo
    from flourish.grants import demo as grants_demo
    from flourish.ledger import demo as ledger_demo

    demo_built(accounts_demo, ledger_demo, grants_demo)


def _person(email):
    from flourish.accounts.models import User

    return User.objects.get(email=email)


def _main(page) -> str:
    return page.locator("main").inner_text()


def _group_reads_its_reasons_and_feedback(page, javascript: bool) -> None:
    page.goto("/grants/applications/")
    assert accessible(page, javascript)

    follow(page, KICK_START)
    assert page.locator("h1").inner_text() == "Your application"
    assert "Why we funded you" in _main(page)
    assert "exactly that" in page.locator("#reasons").inner_text()
    assert f"We have paid all of your £1,500 grant to {PARTNER}" in _main(page)
    assert f"{PARTNER} holds £1,000 for you now" in page.locator("#status").inner_text()
    assert accessible(page, javascript)

    follow(page, "All your applications")
    follow(page, INVESTMENT)
    assert "We are not able to fund this, sorry." in page.locator("#status").inner_text()
    assert "Why we could not fund this" in _main(page)
    assert "ready to grow" in page.locator("#reasons").inner_text()
    assert "Feedback for your group" in _main(page)
    assert "Kick-Start grant first" in page.locator("#feedback").inner_text()
    assert accessible(page, javascript)


def _group_sends_its_report(page, javascript: bool) -> None:
    page.goto("/grants/applications/")
    follow(page, KICK_START)
    follow(page, "Tell us what happened")
    assert page.locator("h1").inner_text() == "Tell us what happened"
    assert accessible(page, javascript)
    press(page, "Send")
    assert (
        "Tell us a little about what happened." in page.locator(".govuk-error-summary").inner_text()
    )
    assert accessible(page, javascript)
    page.get_by_label("What happened? Tell us in your own words").fill(
        "Eighteen people came to the Bradford sessions; four now help run them."
    )
    page.get_by_label("Roughly how many people took part? (optional)").fill("18")
    page.get_by_label("Spent on trying the idea out, in pounds").fill("1,400")
    press(page, "Send")
    assert "Thank you for telling us what happened." in page.locator("body").inner_text()
    assert "Thank you for telling us what happened." in page.locator("#status").inner_text()


def _staff_read_the_report(page, javascript: bool) -> None:
    page.goto("/grants/manage/")
    follow(page, f"Applications {KICK_START}")
    follow(page, "Peer Support Bradford")
    report = page.locator("#report").inner_text()
    assert "Eighteen people came to the Bradford sessions" in report
    assert "18" in report
    assert "Trying the idea out: £1,400" in report
    assert "exactly that" in page.locator("#decision").inner_text()
    assert "which holds it for the group" in page.locator("#payments").inner_text()
    assert accessible(page, javascript)


# One journey, not three, so the demo is built once for each of JavaScript on and off.
@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_group_reads_why_it_was_funded_and_declined_then_reports_back_and_staff_read_it(
    browser, live_server, demo, javascript
):
    page = signed_in_page(browser, live_server, _person("organiser@example.org"), javascript)
    _group_reads_its_reasons_and_feedback(page, javascript)
    _group_sends_its_report(page, javascript)
    page.context.close()
    page = signed_in_page(browser, live_server, _person("funder@example.org"), javascript)
    _staff_read_the_report(page, javascript)
    page.context.close()
