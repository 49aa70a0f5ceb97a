"""Timebank journeys in a real browser, JavaScript on and off, with axe-core on each page:
offer help and see it listed; be asked, record an hour, and the receiver confirms; a
coordinator records an exchange for a member who phoned, and in a big timebank finds the
people it was for by name."""

import datetime
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


def _timebank(scene) -> str:
    from flourish.accounts.factories import MembershipFactory, UserFactory
    from flourish.accounts.models import Role
    from flourish.timebank.factories import TimebankFactory, member_make

    timebank = TimebankFactory(
        organisation=scene.group, name="Leeds Timebank", slug="journey-timebank"
    )
    member_make(timebank, scene.person)
    member_make(timebank, UserFactory(email="nadia@example.org", name="Nadia Neighbour"))
    MembershipFactory(user=scene.person, organisation=scene.group, role=Role.TIMEBANK_COORDINATOR)
    return reverse("timebank:home", args=[timebank.slug])


def _press(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name, exact=True).click()


def _axe(page, javascript: bool) -> list[str]:
    # axe-core is a script: with JavaScript off it cannot run, so the same pages are
    # checked by the JavaScript-on run of this journey.
    return axe_problems(page) if javascript else []


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_offer_help_then_record_an_hour_that_the_receiver_confirms(open_page, javascript):
    from flourish.ledger.selectors import account_balance
    from flourish.timebank.models import Exchange, TimebankMember
    from flourish.timebank.services.exchanges import exchange_confirm

    page = open_page(Page("timebank journey", MEMBER, _timebank), javascript=javascript).page
    problems = _axe(page, javascript)
    with page.expect_navigation():
        page.get_by_role("link", name="Offer or ask for help").click()
    page.get_by_label("Offer of help").check()
    page.get_by_label("Kind of help").select_option("gardening")
    page.get_by_label("In a few words").fill("Weeding and planting")
    page.get_by_label("More about it").fill("Happy to help in a garden.")
    page.get_by_label("Saturday").check()
    _press(page, "Put it up")
    assert "Your listing is up" in page.locator("main").inner_text()
    problems += _axe(page, javascript)

    page.goto(reverse("timebank:record", args=["journey-timebank"]))
    page.get_by_label("Who gave the help").select_option(label="Asha Member")
    page.get_by_label("One person helped another").check()
    page.get_by_label("Who received it").select_option(label="Nadia Neighbour")
    page.get_by_label("What the help was").fill("Weeding")
    page.get_by_label("Hours").fill("1")
    page.get_by_label("Date of the help").fill(datetime.date.today().isoformat())
    problems += _axe(page, javascript)
    _press(page, "Record it")
    assert "Recorded by Asha Member for Asha Member" not in page.locator("main").inner_text()
    assert "Waiting for confirmation" in page.locator("main").inner_text()
    problems += _axe(page, javascript)

    nadia = TimebankMember.objects.get(user__email="nadia@example.org")
    exchange_confirm(exchange=Exchange.objects.get(), member=nadia, actor=nadia.user)
    page.reload()
    assert "Confirmed" in page.locator("main").inner_text()
    assert account_balance(account=nadia.account) == -60
    assert problems == []


def _big_timebank(scene) -> str:
    """A timebank with more members than the record form lists (one, for the test)."""
    from flourish.accounts.factories import UserFactory
    from flourish.timebank.factories import member_make
    from flourish.timebank.models import Timebank

    _timebank(scene)
    timebank = Timebank.objects.get(slug="journey-timebank")
    for name in ["Zainab Qureshi", "Omar Shahzad"]:
        member_make(timebank, UserFactory(name=name))
    return reverse("timebank:record", args=[timebank.slug])


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_coordinator_finds_members_by_name_one_at_a_time_and_records_a_group_session(
    open_page, monkeypatch, javascript
):
    from flourish.timebank import forms
    from flourish.timebank.models import Exchange

    monkeypatch.setattr(forms, "MEMBERS_SHOWN", 1)
    page = open_page(Page("timebank finder", MEMBER, _big_timebank), javascript=javascript).page
    problems = _axe(page, javascript)
    assert "Showing the first 1 members by name" in page.locator("main").inner_text()
    page.get_by_label("Who gave the help").select_option(label="Asha Member")
    page.get_by_label("What the help was").fill("Cooking together")

    page.get_by_label("Find a member by name").fill("qureshi")
    _press(page, "Find")
    page.get_by_label("Who received it").select_option(label="Zainab Qureshi")
    # Enter in the finder finds, as the Find button does.
    page.get_by_label("Find a member by name").fill("shahzad")
    with page.expect_navigation():
        page.get_by_label("Find a member by name").press("Enter")
    problems += _axe(page, javascript)
    receivers = page.get_by_label("Who received it")
    chosen = receivers.evaluate("select => [...select.selectedOptions].map(o => o.text)")
    assert chosen == ["Zainab Qureshi"]
    receivers.select_option(label=["Zainab Qureshi", "Omar Shahzad"])
    assert page.get_by_label("What the help was").input_value() == "Cooking together"
    page.get_by_label("One person helped several people").check()
    page.get_by_label("Hours").fill("2")
    page.get_by_label("Date of the help").fill(datetime.date.today().isoformat())
    _press(page, "Record it")

    assert "Recorded. It moves once it is confirmed." in page.locator("main").inner_text()
    exchange = Exchange.objects.get(description="Cooking together")
    assert exchange.giver.user.name == "Asha Member"
    assert sorted(share.member.user.name for share in exchange.shares.all()) == [
        "Omar Shahzad",
        "Zainab Qureshi",
    ]
    assert problems == []
