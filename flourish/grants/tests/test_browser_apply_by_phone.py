"""Apply by phone in a real browser, from the demo data, JavaScript on and off: the demo
associate takes a group's application on a call, and the group's contact follows the
emailed link, finds the application under their own name and sends it."""

import io
import re
import shutil

import pytest
from django.core import mail

from tests.browser.fixtures import CHROMIUM, Visit, screenshot
from tests.browser.journeys import accessible, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


@pytest.fixture
def demo(transactional_db):
    from flourish.accounts import demo as accounts_demo
    from flourish.grants import demo as grants_demo
    from flourish.ledger import demo as ledger_demo

    for part in (accounts_demo, ledger_demo, grants_demo):
        part.build(io.StringIO())


def _associate_takes_the_call(page, javascript):
    page.goto("/grants/manage/")
    follow(page, "Ideas That Change Lives: Kick-Start")
    assert page.locator("h1").inner_text() == "Apply for a group after a phone call"
    assert accessible(page, javascript)
    page.get_by_label("Name of the person you spoke to").fill("Nadia Caller")
    page.get_by_label("Their email address").fill("nadia@example.org")
    page.get_by_label("Name of their group").fill("Moortown Menders")
    page.get_by_label("They agreed on the call that we can apply for their group").check()
    page.get_by_label("What you talked about on the call").fill(
        "A repair café for men who feel isolated; about £600 for tools."
    )
    press(page, "Start the application")
    page.get_by_label("Your name").fill("Nadia Caller")
    press(page, "Save and continue")
    assert page.get_by_label("What is your group called?").input_value() == "Moortown Menders"
    page.get_by_label("Which council area does your group work in?").fill("Leeds")
    press(page, "Save and come back later")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_associate_applies_for_a_group_by_phone_and_the_group_takes_it_over(
    browser, live_server, demo, javascript
):
    from flourish.accounts.models import User
    from flourish.grants.models import Application

    associate = User.objects.get(email="associate@example.org")
    page = signed_in_page(browser, live_server, associate, javascript)
    _associate_takes_the_call(page, javascript)
    page.context.close()

    application = Application.objects.get(group__name="Moortown Menders")
    assert application.submitted_by == associate
    (invitation,) = mail.outbox
    assert "about £600 for tools" in invitation.body
    link = re.search(r"http\S+/grants/applications/\d+/", invitation.body).group(0)

    contact = User.objects.get(email="nadia@example.org")
    page = signed_in_page(browser, live_server, contact, javascript)
    page.goto(link.split("127.0.0.1:8000", 1)[-1])
    assert page.locator("h1").inner_text() == "Your application"
    assert "Moortown Menders" in page.locator("main").inner_text()
    assert accessible(page, javascript)
    follow(page, "Carry on with your application")
    page.get_by_label("What do you want to do with the money?").fill("A weekly repair café.")
    press(page, "Save and continue")
    page.get_by_label("Who will it help?").fill("Men in Moortown who live alone.")
    press(page, "Save and continue")
    page.get_by_label("Materials and equipment").check()
    page.get_by_label("What is it?").fill("Tools for the café")
    page.get_by_label("How much does it cost, in pounds?").fill("600")
    press(page, "Add this")
    follow(page, "Continue")
    page.get_by_label("When will it happen?").fill("Every Saturday from March")
    press(page, "Save and continue")
    page.get_by_label("Email", exact=True).check()
    page.get_by_label("Email address or phone number").fill("nadia@example.org")
    press(page, "Save and continue")
    press(page, "Save and continue")
    assert page.locator("h1").inner_text() == "Check your answers before sending"
    press(page, "Send application")

    assert "We have your application." in page.locator("main").inner_text()
    screenshot(Visit(page=page), f"apply-by-phone-taken-over-{'js' if javascript else 'nojs'}")
    page.context.close()
    application.refresh_from_db()
    assert application.status == "submitted"
    assert application.group.memberships.get().user == contact
