"""Outcomes journeys in a real browser, from the demo data, JavaScript on and off, with
axe-core on each page: set a goal with its five levels, review it twice and reword it; do
a check-in; share the goal with a mentor and withdraw it; the funder sees its programme's
totals and nothing for a group under 5."""

import io
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


@pytest.fixture
def demo(transactional_db, monkeypatch):
    from flourish.accounts import demo as accounts_demo
    from flourish.grants import demo as grants_demo
    from flourish.ledger import demo as ledger_demo
    from flourish.outcomes import demo as outcomes_demo

    # Fewer people than `make seed` makes, so the browser suite stays quick.
    monkeypatch.setattr(outcomes_demo, "PEOPLE", 40)
    for part in (accounts_demo, ledger_demo, grants_demo, outcomes_demo):
        part.build(io.StringIO())
    return outcomes_demo


def _set_review_and_reword(page, javascript):
    page.goto("/outcomes/")
    assert accessible(page, javascript)
    follow(page, "Set a goal")
    assert accessible(page, javascript)
    page.get_by_label("Your goal, in your own words").fill("Go swimming")
    page.get_by_label("What would “about where I expect” look like? (optional)").fill(
        "Once a fortnight"
    )
    page.get_by_label("A bit better than I expect (optional)").fill("Once a week")
    page.get_by_label("Much better than I expect (optional)").fill("Twice a week")
    page.get_by_label("A bit worse than I expect (optional)").fill("Once a month")
    page.get_by_label("Much worse than I expect (optional)").fill("Not at all")
    press(page, "Save the goal")
    assert "Go swimming" in page.locator("h1").inner_text()
    for level in (
        "About where I expect: Once a fortnight",
        "A bit better than I expect: Once a week",
    ):
        follow(page, "Review this goal")
        assert accessible(page, javascript)
        page.get_by_label(level).check()
        press(page, "Save the review")
    assert page.locator("#reviews tbody tr").count() == 2
    assert page.locator("svg.outcomes-chart circle").count() == 2
    assert accessible(page, javascript)
    follow(page, "Reword it")
    page.get_by_label("Your goal, in your own words").fill("Swim, with a friend")
    press(page, "Save the new words")
    assert "Go swimming" in page.locator("#versions").inner_text()


def _check_in(page, javascript):
    page.goto("/outcomes/check-in/")
    follow(page, "ONS personal wellbeing (ONS4)")
    assert accessible(page, javascript)
    for question, answer in (
        ("Overall, how satisfied are you with your life nowadays?", "6"),
        ("worthwhile", "7"),
        ("Overall, how happy did you feel yesterday?", "8"),
        ("Overall, how anxious did you feel yesterday?", "3"),
    ):
        page.get_by_role("group", name=question).get_by_label(answer, exact=True).check()
    press(page, "Save my check-in")
    assert page.locator("h1").inner_text() == "Your wellbeing check-ins"
    assert "High" in page.locator("#history-ons4").inner_text()
    assert accessible(page, javascript)


def _share_and_withdraw(page, javascript):
    page.goto("/outcomes/")
    follow(page, "Swim, with a friend")
    follow(page, "Invite someone to see or help with this goal")
    assert accessible(page, javascript)
    page.get_by_label("Their email address").fill("organiser@example.org")
    page.get_by_label("They may also review and reword this goal with me").check()
    press(page, "Invite them")
    assert "Priya Organiser" in page.locator("#helpers").inner_text()
    press(page, "Withdraw Priya Organiser")
    assert "Withdrawn on" in page.locator("#helpers").inner_text()


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_sets_reviews_rewords_checks_in_and_shares_a_goal_and_the_funder_sees_totals(
    browser, live_server, demo, javascript
):
    from flourish.accounts.models import User
    from flourish.outcomes.models import GoalHelper

    tom = User.objects.get(email="member@example.org")
    page = signed_in_page(browser, live_server, tom, javascript)
    _set_review_and_reword(page, javascript)
    _check_in(page, javascript)
    _share_and_withdraw(page, javascript)
    page.context.close()
    invitation = GoalHelper.objects.get(helper__email="organiser@example.org", goal__owner=tom)
    assert invitation.withdrawn_at is not None
    _the_funder_sees_totals_and_nothing_for_a_small_group(browser, live_server, demo, javascript)


def _the_funder_sees_totals_and_nothing_for_a_small_group(browser, live_server, demo, javascript):
    from flourish.accounts.models import User

    funder = User.objects.get(email="funder@example.org")
    page = signed_in_page(browser, live_server, funder, javascript)
    page.goto(f"/outcomes/totals/programmes/{demo.PROGRAMME}/")
    assert page.locator("#totals").is_visible()
    assert page.locator("#ons4-changes").is_visible()
    assert accessible(page, javascript)
    small = demo._groups()[demo.SMALL_GROUP]
    page.goto(f"/outcomes/totals/groups/{small.slug}/")
    assert page.locator("#too-few").is_visible()
    assert page.locator("#totals").count() == 0
    assert accessible(page, javascript)
    page.context.close()


REPEAT = "Then remind me again every so many weeks after each review (optional)"


def _remind_and_leave_out_of_totals(page, javascript, goal):
    page.goto(f"/outcomes/goals/{goal.pk}/")
    follow(page, "Set or change the reminder")
    assert accessible(page, javascript)
    page.get_by_label(REPEAT).fill("99")
    press(page, "Save the reminder")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter a number of weeks from 1 to 52" in summary
    assert accessible(page, javascript)
    page.get_by_label(REPEAT).fill("4")
    press(page, "Save the reminder")
    assert "every 4 weeks" in page.locator("#reminder").inner_text()
    press(page, "Leave this goal out of totals")
    assert "left out of every total" in page.locator("#in-totals").inner_text()
    assert accessible(page, javascript)


def _share_check_ins_and_stop(page, javascript):
    page.goto("/outcomes/check-ins/")
    follow(page, "Share your ONS personal wellbeing (ONS4) check-ins with someone")
    assert accessible(page, javascript)
    page.get_by_label("Their email address").fill("organiser@example.org")
    press(page, "Share them")
    assert "Priya Organiser" in page.locator("#shares-ons4").inner_text()
    assert accessible(page, javascript)
    press(page, "Stop sharing Priya Organiser")
    assert "stopped on" in page.locator("#shares-ons4").inner_text()
    page.goto("/outcomes/who-has-looked/")
    assert accessible(page, javascript)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_a_person_sets_a_reminder_leaves_a_goal_out_of_totals_and_shares_check_ins(
    browser, live_server, demo, javascript
):
    from flourish.accounts.models import User

    tom = User.objects.get(email="member@example.org")
    page = signed_in_page(browser, live_server, tom, javascript)
    goal = tom.goals.filter(remind_on__isnull=False).get()
    _remind_and_leave_out_of_totals(page, javascript, goal)
    _share_check_ins_and_stop(page, javascript)
    page.context.close()
