"""The grants journey in a real browser (Debian's Chromium), JavaScript on and off: a group
applies page by page, is funded and paid, and appears in the public 360Giving file."""

import json
import shutil

import pytest
from django.urls import reverse

from tests.browser.fixtures import CHROMIUM
from tests.browser.pages import MEMBER, Page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


def _programme_page(scene) -> str:
    from flourish.grants.factories import ProgrammeFactory
    from flourish.grants.models import Stage

    programme = ProgrammeFactory(
        slug="journey-fund",
        title="Journey Fund",
        stages=[Stage.DECISION],
        identifier_prefix="journey",
    )
    return reverse("grants:programme_detail", args=[programme.slug])


def _press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _answer(page) -> None:
    page.get_by_label("Your name").fill("Asha Member")
    _press(page, "Save and continue")
    page.get_by_label("What is your group called?").fill("Hearing Voices Leeds")
    page.get_by_label("Which council area does your group work in?").fill("Leeds")
    _press(page, "Save and continue")
    page.get_by_label("What do you want to do with the money?").fill("Meet online every week.")
    _press(page, "Save and continue")
    page.get_by_label("Who will it help?").fill("Thirty people who hear voices.")
    _press(page, "Save and continue")
    page.get_by_label("Technology to keep in touch").check()
    page.get_by_label("What is it?").fill("A year of video calls")
    page.get_by_label("How much does it cost, in pounds?").fill("450")
    _press(page, "Add this")
    with page.expect_navigation():
        page.get_by_role("link", name="Continue").click()
    page.get_by_label("When will it happen?").fill("From May")
    _press(page, "Save and continue")
    page.get_by_label("Phone call").check()
    page.get_by_label("Email address or phone number").fill("07700 900123")
    _press(page, "Save and continue")
    _press(page, "Save and continue")


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_group_applies_is_funded_and_appears_in_the_open_data(open_page, javascript):
    from flourish.accounts.factories import UserFactory
    from flourish.grants.models import Application
    from flourish.grants.services.decisions import award_make

    page = open_page(Page("grants journey", MEMBER, _programme_page), javascript=javascript).page
    with page.expect_navigation():
        page.get_by_role("link", name="Start your application").click()
    _press(page, "Start now")
    _answer(page)
    assert page.locator("h1").inner_text() == "Check your answers before sending"
    assert "£450" in page.locator("main").inner_text()
    _press(page, "Send application")
    assert "We have your application." in page.locator("main").inner_text()

    application = Application.objects.get(programme__slug="journey-fund")
    award_make(application=application, actor=UserFactory(), amount_pence=45_000)
    page.reload()
    assert "Good news" in page.locator("main").inner_text()
    page.goto(reverse("grants:threesixtygiving_json") + "?programme=journey-fund")
    published = json.loads(page.locator("body").inner_text())["grants"]
    assert [grant["recipientOrganization"][0]["name"] for grant in published] == [
        "Hearing Voices Leeds"
    ]
    assert published[0]["amountAwarded"] == 450
