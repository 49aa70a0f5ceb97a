"""A person's copy of their data has their goals (every version), reviews, check-ins, what
they shared and the totals they are counted in; erasing them removes all of it."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.services.privacy import person_erase
from flourish.budgets.factories import budget_make, council_make
from flourish.outcomes.factories import goal_make, ons4, ons4_checkin_make, review_make
from flourish.outcomes.models import GoalLink, LinkKind, SeriesShare
from flourish.outcomes.privacy import held_about
from flourish.outcomes.services import goals, sharing
from flourish.outcomes.services.links import goal_links_set
from flourish.outcomes.services.reminders import goal_reminder_set

pytestmark = pytest.mark.django_db


def _everything(person, mentor):
    goal = goal_make(person, wording="Swim once a week")
    review_make(goal, 1, note="Went twice")
    goals.goal_reword(goal=goal, wording="Swim twice a week", actor=person)
    goal_reminder_set(goal=goal, actor=person, remind_on=timezone.localdate())
    sharing.helper_invite(goal=goal, email=mentor.email, actor=person)
    ons4_checkin_make(person, 6, 7, 5, 3)
    sharing.series_share(person=person, instrument=ons4(), email=mentor.email, actor=person)
    budget = budget_make(council=council_make(), person=person)
    goal_links_set(
        person=person, kind=LinkKind.SUPPORT_PLAN, object_id=budget.pk, goals=[goal], actor=person
    )
    return goal


def test_the_copy_of_their_data_has_their_outcomes_on_the_page_and_in_json(client, person, mentor):
    _everything(person, mentor)
    client.force_login(person)
    page = client.get(reverse("accounts:your_data")).content.decode()
    for words in ("Swim once a week", "Swim twice a week", "Went twice", "Mo Mentor"):
        assert words in page
    data = json.loads(client.get(reverse("accounts:your_data"), {"format": "json"}).getvalue())
    text = json.dumps(data)
    assert "Swim twice a week" in text
    # Each score by the question it answers, not the key it is stored under.
    assert "Overall, how satisfied are you with your life nowadays?: 6" in text
    assert "life_satisfaction" not in text
    assert len(data["outcomes_goals"]) == 2  # both versions
    assert len(data["outcomes_shares"]) == 3  # a helper, a measure, a support plan


def test_the_copy_makes_a_fixed_number_of_queries(person, mentor):
    _everything(person, mentor)
    with CaptureQueriesContext(connection) as small:
        held_about(person=person)
    for _n in range(5):
        goal = goal_make(person)
        review_make(goal, 0, on=datetime.date.today())
        ons4_checkin_make(person, 5, 5, 5, 5)
    with CaptureQueriesContext(connection) as large:
        held_about(person=person)
    assert len(small.captured_queries) == len(large.captured_queries)


def test_erasing_them_removes_goals_links_and_shares_and_ends_what_was_shared_with_them(
    person, mentor
):
    _everything(person, mentor)
    theirs = sharing.series_share(
        person=mentor, instrument=ons4(), email=person.email, actor=mentor
    )
    person_erase(person=person, actor=person, received_by="online")
    assert not GoalLink.objects.exists()
    assert not SeriesShare.objects.filter(person=person).exists()
    theirs.refresh_from_db()
    assert theirs.withdrawn_at is not None
    assert held_about(person=person) == {
        "outcomes_goals": [],
        "outcomes_reviews": [],
        "outcomes_checkins": [],
        "outcomes_shares": [],
        "outcomes_totals": [],
    }
