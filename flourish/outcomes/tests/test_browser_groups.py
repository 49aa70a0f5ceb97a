"""In a real browser, JavaScript on and off, with axe-core on each page: a person shares a
goal and their check-ins with their group and stops; someone in the group opens them; a
timebank's coordinator sees its totals, and nothing for a scheme with fewer than 5 counted."""

import datetime
import shutil

import pytest

from tests.browser.fixtures import CHROMIUM
from tests.browser.journeys import accessible, follow, press, signed_in_page

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        shutil.which(CHROMIUM) is None, reason=f"the browser suite needs {CHROMIUM}"
    ),
]
DAY = datetime.date.today() - datetime.timedelta(days=20)


@pytest.fixture
def group_world(transactional_db):
    from flourish.accounts.factories import MembershipFactory, UserFactory
    from flourish.accounts.models import Role
    from flourish.grants.factories import GroupFactory
    from flourish.outcomes.factories import goal_make, ons4_checkin_make, review_make

    group = GroupFactory(name="Allotment Friends", slug="allotment-friends")
    ruth = UserFactory(name="Ruth Person", email="ruth@example.org")
    mel = UserFactory(name="Mel Member", email="mel@example.org")
    for person in (ruth, mel):
        MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
    review_make(goal_make(ruth, wording="Go to the allotment"), 1, DAY)
    ons4_checkin_make(ruth, 6, 7, 6, 3)
    return ruth, mel


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_shares_a_goal_and_check_ins_with_their_group_and_stops(
    browser, live_server, group_world, javascript
):
    ruth, mel = group_world
    page = signed_in_page(browser, live_server, ruth, javascript)
    page.goto("/outcomes/")
    follow(page, "Go to the allotment")
    follow(page, "Share with one of your groups")
    assert accessible(page, javascript)
    press(page, "Share it")
    assert (
        "Choose which of your groups to share with"
        in page.locator(".govuk-error-summary").inner_text()
    )
    assert accessible(page, javascript)
    page.get_by_label("Allotment Friends").check()
    page.get_by_label("Everyone in the group").check()
    press(page, "Share it")
    assert "Everyone in Allotment Friends" in page.locator("#group-shares").inner_text()
    assert accessible(page, javascript)
    page.goto("/outcomes/check-ins/")
    follow(page, "Share with one of your groups")
    page.get_by_label("Allotment Friends").check()
    page.get_by_label("The group's organisers").check()
    press(page, "Share it")
    assert "organisers of Allotment Friends" in page.locator("#group-shares-ons4").inner_text()
    assert accessible(page, javascript)
    page.context.close()

    page = signed_in_page(browser, live_server, mel, javascript)
    page.goto("/outcomes/")
    assert accessible(page, javascript)
    assert "check-ins of Ruth Person" not in page.locator("#group-shared").inner_text()
    follow(page, "A goal of Ruth Person, shared with Allotment Friends")
    assert "Go to the allotment" in page.locator("h1").inner_text()
    assert accessible(page, javascript)
    page.context.close()

    page = signed_in_page(browser, live_server, ruth, javascript)
    page.goto("/outcomes/who-has-looked/")
    assert "Mel Member" in page.locator("main").inner_text()
    page.goto("/outcomes/")
    follow(page, "Go to the allotment")
    press(page, "Stop sharing Allotment Friends")
    assert "stopped on" in page.locator("#group-shares").inner_text()
    assert accessible(page, javascript)
    page.context.close()


@pytest.fixture
def timebank_world(transactional_db):
    from flourish.accounts.tests.two_step import with_authenticator
    from flourish.outcomes.factories import goal_make, ons4_checkin_make, review_make
    from flourish.outcomes.services.totals import totals_join
    from flourish.timebank.factories import (
        TimebankFactory,
        coordinator_make,
        member_make,
        mentee_make,
        scheme_make,
    )

    timebank = TimebankFactory(name="Chapeltown Timebank", slug="chapeltown")
    scheme = scheme_make(timebank, name="After hospital", slug="after-hospital")
    for number in range(7):
        person = member_make(timebank).user
        review_make(goal_make(person), 1, DAY)
        ons4_checkin_make(person, 5, 5, 5, 5)
        ons4_checkin_make(person, 7, 7, 7, 3)
        totals_join(person=person, actor=person, timebank=timebank)
        if number < 2:
            mentee_make(scheme, member=person.timebank_memberships.get())
            totals_join(person=person, actor=person, scheme=scheme)
    return with_authenticator(coordinator_make(timebank))


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_coordinator_sees_the_timebanks_totals_and_nothing_for_a_small_scheme(
    browser, live_server, timebank_world, javascript
):
    page = signed_in_page(browser, live_server, timebank_world, javascript)
    page.goto("/outcomes/totals/timebanks/chapeltown/")
    assert page.locator("#totals").is_visible()
    assert accessible(page, javascript)
    page.goto("/outcomes/totals/timebanks/chapeltown/schemes/after-hospital/")
    assert page.locator("#too-few").is_visible()
    assert page.locator("#totals").count() == 0
    assert accessible(page, javascript)
    page.context.close()
