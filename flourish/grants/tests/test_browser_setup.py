"""In Chromium, JavaScript on and off, from the demo data: staff set up a programme with an
eligibility question and publish it, put money into its budget, award a grant to a group
with a holding partner and pay the partner; the partner records passing money on; the group
sees where its money is. axe-core checks the new pages on the way."""

import io
import shutil

import pytest
from django.urls import reverse

from flourish.accounts.tests.two_step import with_authenticator
from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, follow, press, signed_in_page

PARTNER = "Leeds Community Voluntary Services"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]


def _staff_sets_up_and_funds(page, javascript: bool) -> None:
    page.goto(reverse("grants:manage"))
    follow(page, "Set up a new programme")
    page.get_by_label("Project grants: money for something the group wants to do").check()
    page.get_by_label("Name of the programme").fill("Bradford Walk and Talk Fund")
    page.get_by_label("What the money is for, in plain English").fill("Walks and talks.")
    page.get_by_label("Who can apply").fill("User-led groups in Bradford.")
    press(page, "Continue")
    assert accessible(page, javascript)
    follow(page, "Change grant sizes and limits")
    page.get_by_label("Largest grant, in pounds").fill("1000")
    press(page, "Save")
    follow(page, "Change steps to a decision")
    for stage in (
        "Sift: is it eligible?",
        "Follow-up conversation with an associate",
        "Associate's recommendation",
        "Shortlist",
        "Panel",
    ):
        page.get_by_label(stage, exact=True).uncheck()
    press(page, "Save")
    follow(page, "Change eligibility questions")
    page.get_by_label("Question (answered yes or no)").fill("Is your group user-led?")
    page.get_by_label("No", exact=True).check()
    page.get_by_label("Why that answer means they cannot apply").fill("This fund is user-led.")
    press(page, "Add")
    assert "Is your group user-led?" in page.locator("main").inner_text()
    assert accessible(page, javascript)
    follow(page, "Done: back to the set-up")
    follow(page, "Change applying by phone")
    page.get_by_label("Phone number for applying by phone").fill("01274 496 000")
    page.get_by_label("When the phone is answered").fill("Weekdays, 10am to 4pm")
    press(page, "Save")
    press(page, "Publish the programme")
    assert "Published: people can find this programme." in page.locator("main").inner_text()
    follow(page, "Add money to the budget")
    page.get_by_label("How much is going into the budget, in pounds?").fill("5000")
    press(page, "Put the money in")
    assert "£5,000 is now in the budget." in page.locator("body").inner_text()
    assert accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_staff_set_up_fund_and_pay_a_holding_partner_and_the_group_sees_its_money(
    browser, live_server, javascript
):
    from flourish.accounts import demo as accounts_demo
    from flourish.accounts.models import User
    from flourish.grants import demo as grants_demo
    from flourish.grants.factories import application_with_lines
    from flourish.grants.models import Programme
    from flourish.ledger import demo as ledger_demo

    for module in (accounts_demo, ledger_demo, grants_demo):
        module.build(io.StringIO())
    staff = with_authenticator(User.objects.get(email="funder@example.org"))
    organiser = User.objects.get(email="organiser@example.org")
    page = signed_in_page(browser, live_server, staff, javascript)
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
    press(page, "Save")
    page.goto(reverse("grants:pay", args=[application.pk]))
    assert page.get_by_label(
        f"{PARTNER}, which holds the money for Peer Support Bradford"
    ).is_checked()
    press(page, "Pay £800")
    told = page.locator("body").inner_text()
    assert f"£800 paid to {PARTNER}, which holds it for Peer Support Bradford." in told
    assert "The group has not received it yet." in told

    partner_page = signed_in_page(
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
    press(partner_page, "Record it")

    group_page = signed_in_page(browser, live_server, organiser, javascript)
    group_page.goto(reverse("grants:application_status", args=[application.pk]))
    where = group_page.locator("#where-the-money-is").inner_text()
    assert "£800" in where and "£300" in where and "£500" in where
    status = group_page.locator("#status").inner_text()
    assert f"We have paid all of your £800 grant to {PARTNER}, who holds it for your group." in (
        status
    )
    assert f"{PARTNER} holds £500 for you now" in status
    assert accessible(group_page, javascript)
