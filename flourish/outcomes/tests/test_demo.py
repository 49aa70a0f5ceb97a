"""From the demo data, every outcomes journey can be tried through the pages alone: set a
goal with its five levels, review it twice, reword it; check in; share a goal with a mentor
and withdraw it; the funder sees its programme's totals and nothing for a group under 5."""

import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants import demo as grants_demo
from flourish.ledger import demo as ledger_demo
from flourish.outcomes import demo as outcomes_demo
from flourish.outcomes.models import CheckIn, Goal, GoalHelper, Review, TotalsConsent

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(monkeypatch):
    # The same demo with 60 people instead of 200, to keep the suite quick; `make seed`
    # builds all 200.
    monkeypatch.setattr(outcomes_demo, "PEOPLE", 60)
    for module in (accounts_demo, ledger_demo, grants_demo, outcomes_demo, outcomes_demo):
        module.build(io.StringIO())


def test_the_demo_has_every_outcomes_journey_ready(client, demo):
    """One build for every check: the demo takes a while to make."""
    check_the_counts()
    check_tom_sets_reviews_and_rewords_a_goal_and_checks_in(client)
    check_tom_shares_a_goal_with_a_mentor_then_withdraws_it(client)
    check_the_funder_sees_totals_and_nothing_for_a_group_under_5(client)
    check_the_organiser_sees_the_goal_tom_shared_with_his_group_until_he_stops(client)


def check_the_counts():
    people = User.objects.filter(email__startswith="outcomes.person.")
    assert people.count() == outcomes_demo.PEOPLE
    assert Goal.objects.filter(owner__in=people).values("owner").distinct().count() == 60
    assert Review.objects.count() > 100
    assert CheckIn.objects.values("person").distinct().count() == 61
    shared = GoalHelper.objects.values("goal__owner").distinct().count()
    assert 3 <= shared < 30  # some shared, most not
    assert TotalsConsent.objects.filter(programme__isnull=False).count() > 30


def check_tom_sets_reviews_and_rewords_a_goal_and_checks_in(client):
    tom = User.objects.get(email="member@example.org")
    client.force_login(tom)
    assert "Your goals" in client.get(reverse("outcomes:home")).content.decode()
    levels = {
        "wording": "Go swimming",
        "much_worse": "Not at all",
        "worse": "Once a month",
        "expected": "Once a fortnight",
        "better": "Once a week",
        "much_better": "Twice a week",
        "weight": "2",
    }
    goal_url = client.post(reverse("outcomes:goal_new"), levels).url
    goal = tom.goals.order_by("-pk").first()
    for level in ("0", "1"):
        client.post(reverse("outcomes:goal_review", args=[goal.pk]), {"level": level})
    client.post(reverse("outcomes:goal_reword", args=[goal.pk]), levels | {"wording": "Swim"})
    page = client.get(goal_url).content.decode()
    assert "Swim" in page and "Go swimming" in page and "Once a fortnight" in page
    assert Review.objects.filter(version__goal=goal, version__number=1).count() == 2
    answers = {"life_satisfaction": 6, "worthwhile": 7, "happiness": 6, "anxiety": 4}
    client.post(reverse("outcomes:checkin_new", args=["ons4"]), answers)
    assert "Medium" in client.get(reverse("outcomes:checkins")).content.decode()


def check_tom_shares_a_goal_with_a_mentor_then_withdraws_it(client):
    tom = User.objects.get(email="member@example.org")
    goal = tom.goals.order_by("-pk").first()
    client.force_login(tom)
    client.post(
        reverse("outcomes:helper_invite", args=[goal.pk]),
        {"email": "organiser@example.org", "may_help": "on"},
    )
    invitation = GoalHelper.objects.get(goal=goal, helper__email="organiser@example.org")
    organiser = User.objects.get(email="organiser@example.org")
    client.force_login(organiser)
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 200
    client.force_login(tom)
    client.post(reverse("outcomes:helper_withdraw", args=[goal.pk, invitation.pk]))
    client.force_login(organiser)
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404


def check_the_funder_sees_totals_and_nothing_for_a_group_under_5(client):
    funder = with_authenticator(User.objects.get(email="funder@example.org"))
    client.force_login(funder)
    url = reverse("outcomes:programme_totals", args=[outcomes_demo.PROGRAMME])
    page = client.get(url).content.decode()
    assert 'id="totals"' in page and 'id="ons4-changes"' in page
    small = outcomes_demo._groups()[outcomes_demo.SMALL_GROUP]
    page = client.get(reverse("outcomes:group_totals", args=[small.slug])).content.decode()
    assert 'id="too-few"' in page


def check_the_organiser_sees_the_goal_tom_shared_with_his_group_until_he_stops(client):
    from flourish.outcomes.models import GroupShare

    share = GroupShare.objects.get(person__email="member@example.org", goal__isnull=False)
    organiser = User.objects.get(email="organiser@example.org")
    client.force_login(organiser)
    home = client.get(reverse("outcomes:home")).content.decode()
    assert "A goal of Tom Member, shared with Peer Support Bradford" in home
    assert client.get(reverse("outcomes:goal", args=[share.goal_id])).status_code == 200
    client.force_login(share.person)
    client.post(reverse("outcomes:group_share_withdraw", args=[share.pk]))
    client.force_login(organiser)
    assert client.get(reverse("outcomes:goal", args=[share.goal_id])).status_code == 404
