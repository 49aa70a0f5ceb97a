"""In Chromium, JavaScript on and off, from the demo data: staff set up a programme with an
eligibility question and publish it, put money into its budget, award a grant to a group
with a holding partner and pay the partner; the partner records passing money on; the group
sees where its money is. axe-core checks the new pages on the way."""

import io
import shutil

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from flourish.accounts.models import ROLES_THAT_READ_SENSITIVE_DATA
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.grants.tests.conftest import with_authenticator
from tests.browser.fixtures import CHROMIUM, axe_problems

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


def _as(browser, live_server, person, javascript):
    """A fresh browser signed in as this person."""
    client = Client()
    # Staff, associates and partners read sensitive fields, so they sign in with two
    # steps: the demo's people have turned on an authenticator app.
    if person.memberships.filter(role__in=ROLES_THAT_READ_SENSITIVE_DATA).exists():
        with_authenticator(person)
    force_login_with_two_steps(client, person)
    context = browser.new_context(base_url=live_server.url, java_script_enabled=javascript)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    page = context.new_page()
    page.set_default_timeout(20_000)
    return page


def _press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _follow(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("link", name=name, exact=True).click()


def _accessible(page, javascript: bool) -> bool:
    """axe-core runs as a script, so it checks the pages only while JavaScript is on."""
    return not javascript or axe_problems(page) == []


def _staff_sets_up_and_funds(page, javascript: bool) -> None:
    page.goto(reverse("grants:manage"))
    _follow(page, "Set up a new programme")
    page.get_by_label("Project grants: money for something the group wants to do").check()
    page.get_by_label("Name of the programme").fill("Bradford Walk and Talk Fund")
    page.get_by_label("What the money is for, in plain English").fill("Walks and talks.")
    page.get_by_label("Who can apply").fill("User-led groups in Bradford.")
    _press(page, "Continue")
    assert _accessible(page, javascript)
    _follow(page, "Change grant sizes and limits")
    page.get_by_label("Largest grant, in pounds").fill("1000")
    _press(page, "Save")
    _follow(page, "Change steps to a decision")
    for stage in (
        "Sift: is it eligible?",
        "Follow-up conversation with an associate",
        "Associate's recommendation",
        "Shortlist",
        "Panel",
    ):
        page.get_by_label(stage, exact=True).uncheck()
    _press(page, "Save")
    _follow(page, "Change eligibility questions")
    page.get_by_label("Question (answered yes or no)").fill("Is your group user-led?")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Why that answer means they cannot apply").fill("This fund is user-led.")
    _press(page, "Add")
    assert "Is your group user-led?" in page.locator("main").inner_text()
    assert _accessible(page, javascript)
    _follow(page, "Done: back to the set-up")
    _press(page, "Publish the programme")
    assert "Published: people can find this programme." in page.locator("main").inner_text()
    _follow(page, "Add money to the budget")
    page.get_by_label("How much is going into the budget, in pounds?").fill("5000")
    _press(page, "Put the money in")
    assert "£5,000 is now in the budget." in page.locator("body").inner_text()
    assert _accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_staff_set_up_fund_and_pay_a_holding_partner_and_the_group_sees_its_money(
    browser, live_server, javascript
):
    from flourish.accounts import demo as accounts_demo
    from flourish.accounts.models import User
    from flourish.grants import demo as grants_demo
    from flourish.grants.factories import application_with_lines
    from flourish.grants.models import Programme
    from flourish.grants.tests.conftest import with_authenticator
    from flourish.ledger import demo as ledger_demo

    for module in (accounts_demo, ledger_demo, grants_demo):
        module.build(io.StringIO())
    staff = with_authenticator(User.objects.get(email="funder@example.org"))
    organiser = User.objects.get(email="organiser@example.org")
    page = _as(browser, live_server, staff, javascript)
    _staff_sets_up_and_funds(page, javascript)
    programme = Programme.objects.get(title="Bradford Walk and Talk Fund")
    assert programme.is_published and programme.eligibility_questions.count() == 1
    application = application_with_lines(
        programme=programme,
        group=organiser.memberships.get().organisation,
        submitted_by=organiser,
        amounts=(80_000,),
    )

    page.goto(reverse("grants:decide", args=[application.pk]))
    page.get_by_label("Award a grant").check()
    page.get_by_label("Amount to award, in pounds").fill("800")
    page.get_by_label("Holding partner, if the group has no bank account").select_option(
        label="Leeds Community Voluntary Services"
    )
    _press(page, "Save")
    page.goto(reverse("grants:pay", args=[application.pk]))
    _press(page, "Save")

    partner_page = _as(
        browser, live_server, User.objects.get(email="partner@example.org"), javascript
    )
    partner_page.goto(reverse("grants:holding_home"))
    row = partner_page.get_by_role("row").filter(has_text="Bradford Walk and Talk Fund")
    assert "£800" in row.inner_text()
    with partner_page.expect_navigation():
        row.get_by_role("link").click()
    partner_page.get_by_label("Passed on to the group").check()
    partner_page.get_by_label("How much, in pounds?").fill("300")
    partner_page.get_by_label("What was it for?").fill("Cash for flasks")
    _press(partner_page, "Record it")

    group_page = _as(browser, live_server, organiser, javascript)
    group_page.goto(reverse("grants:application_status", args=[application.pk]))
    where = group_page.locator("#where-the-money-is").inner_text()
    assert "£800" in where and "£300" in where and "£500" in where
    assert _accessible(group_page, javascript)
