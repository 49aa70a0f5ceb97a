"""People with a personal budget can choose to be counted in their council's totals, which
the council's staff see only for 5 or more; and a person can leave any goal out of totals."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.accounts.tests.two_step import with_authenticator
from flourish.budgets.factories import budget_make, council_make, council_staff_make
from flourish.outcomes.factories import goal_make, ons4_checkin_make, review_make
from flourish.outcomes.models import PersonSummary, TotalsConsent
from flourish.outcomes.selectors.totals import totals_for
from flourish.outcomes.services.totals import goal_in_totals_set, totals_join

pytestmark = pytest.mark.django_db
DAY = datetime.date.today() - datetime.timedelta(days=30)


@pytest.fixture
def council():
    return council_make("Kirklees Council", slug="kirklees")


def _holder(council, level=1):
    budget = budget_make(council=council)
    person = budget.person
    review_make(goal_make(person), level, DAY)
    ons4_checkin_make(person, 5, 5, 5, 5)
    ons4_checkin_make(person, 7, 7, 7, 3)
    return person


def test_a_budget_holder_chooses_their_council_on_the_totals_page(client, council):
    person = _holder(council)
    client.force_login(person)
    page = client.get(reverse("outcomes:totals")).content.decode()
    assert "Kirklees Council" in page
    client.post(reverse("outcomes:totals"), {"places": [f"council-{council.pk}"]})
    assert TotalsConsent.objects.get(person=person).council == council


def test_council_staff_see_totals_for_5_or_more_and_nothing_for_fewer(client, council):
    staff = with_authenticator(council_staff_make(council))
    client.force_login(staff)
    url = reverse("outcomes:council_totals", args=["kirklees"])
    for _n in range(4):
        person = _holder(council)
        totals_join(person=person, actor=person, council=council)
    assert "Fewer than 5 people have chosen to be counted here" in client.get(url).content.decode()
    for _n in range(4):
        person = _holder(council)
        totals_join(person=person, actor=person, council=council)
    page = client.get(url).content.decode()
    assert 'id="totals"' in page
    assert not totals_for(council=council).too_few


def test_nobody_else_sees_a_councils_totals(client, council, other):
    client.force_login(other)
    assert client.get(reverse("outcomes:council_totals", args=["kirklees"])).status_code == 404


def test_a_goal_left_out_of_totals_no_longer_counts_and_can_come_back(client, person):
    goal = goal_make(person)
    review_make(goal, 2, DAY)
    assert PersonSummary.objects.get(person=person).t_score is not None
    client.force_login(person)
    client.post(reverse("outcomes:goal_in_totals", args=[goal.pk]), {"in_totals": "no"})
    assert PersonSummary.objects.get(person=person).t_score is None
    page = client.get(reverse("outcomes:goal", args=[goal.pk])).content.decode()
    assert "This goal is left out of every total." in page
    client.post(reverse("outcomes:goal_in_totals", args=[goal.pk]), {"in_totals": "yes"})
    assert PersonSummary.objects.get(person=person).t_score is not None


def test_only_the_person_decides_whether_a_goal_counts(client, person, mentor):
    from flourish.outcomes.services.sharing import helper_invite

    goal = goal_make(person)
    helper_invite(goal=goal, email=mentor.email, actor=person, may_help=True)
    with pytest.raises(ValidationError):
        goal_in_totals_set(goal=goal, in_totals=False, actor=mentor)
    client.force_login(mentor)
    url = reverse("outcomes:goal_in_totals", args=[goal.pk])
    assert client.post(url, {"in_totals": "no"}).status_code == 404
    goal.refresh_from_db()
    assert goal.in_totals
