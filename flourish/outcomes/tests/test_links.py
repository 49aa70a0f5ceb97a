"""A person names which of their own goals a support plan (and, below, a pool proposal, a
mentoring pair or a grant application) serves; only they can, and anyone who may see the
thing sees the goals' words, each look shown to the person."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.budgets.factories import budget_make, council_make, council_staff_make
from flourish.outcomes.factories import goal_make
from flourish.outcomes.models import GoalLink, LinkKind
from flourish.outcomes.services.links import goal_links_set
from flourish.outcomes.tests.conftest import route_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget(person):
    return budget_make(council=council_make(), person=person, amount_pence=40_000)


def test_the_person_uses_their_goals_as_the_support_plans_outcomes(client, person, budget):
    chosen = goal_make(person, wording="Get to the allotment most weeks")
    goal_make(person, wording="Sleep before midnight")
    client.force_login(person)
    plan = client.get(reverse("budgets:plan", args=[budget.pk])).content.decode()
    assert "Use my goals as the outcomes" in plan
    url = reverse("outcomes:serves_support_plan", args=[budget.pk])
    response = client.post(url, {"goals": [str(chosen.pk)]})
    assert response.status_code == 302
    assert response["Location"] == reverse("budgets:plan", args=[budget.pk])
    page = client.get(url).content.decode()
    assert "Get to the allotment most weeks" in page.split('id="goals-served"')[1].split("</ul>")[0]
    assert "Sleep before midnight" not in page.split('id="goals-served"')[1].split("</ul>")[0]


def test_the_council_sees_the_named_goals_and_the_person_sees_that_they_looked(
    client, person, budget
):
    goal = goal_make(person, wording="Cook a meal with friends")
    goal_links_set(
        person=person, kind=LinkKind.SUPPORT_PLAN, object_id=budget.pk, goals=[goal], actor=person
    )
    staff = council_staff_make(budget.council)
    client.force_login(staff)
    page = client.get(reverse("outcomes:serves_support_plan", args=[budget.pk])).content.decode()
    assert "Cook a meal with friends" in page
    assert "Save my choice" not in page  # staff cannot name the person's goals
    client.force_login(person)
    looked = client.get(reverse("outcomes:looked")).content.decode()
    assert "Cook a meal with friends" in looked


def test_taking_a_goal_back_hides_it_from_the_plan(client, person, budget):
    goal = goal_make(person, wording="Cook a meal with friends")
    goal_links_set(
        person=person, kind=LinkKind.SUPPORT_PLAN, object_id=budget.pk, goals=[goal], actor=person
    )
    client.force_login(person)
    url = reverse("outcomes:serves_support_plan", args=[budget.pk])
    client.post(url, {})
    assert GoalLink.objects.get().withdrawn_at is not None
    assert "No goals are named here yet." in client.get(url).content.decode()


def test_nobody_names_someone_elses_goal_and_a_stranger_gets_404(client, person, other, budget):
    theirs = goal_make(other)
    with pytest.raises(ValidationError):
        goal_links_set(
            person=person,
            kind=LinkKind.SUPPORT_PLAN,
            object_id=budget.pk,
            goals=[theirs],
            actor=person,
        )
    mine = goal_make(person)
    with pytest.raises(ValidationError):
        goal_links_set(
            person=person,
            kind=LinkKind.SUPPORT_PLAN,
            object_id=budget.pk,
            goals=[mine],
            actor=other,
        )
    assert not GoalLink.objects.exists()
    client.force_login(other)
    url = reverse("outcomes:serves_support_plan", args=[budget.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"goals": [str(theirs.pk)]}).status_code == 404


def test_a_member_names_their_goals_on_a_proposal_a_pair_and_a_grant_and_staff_see_them(
    client, world
):
    from flourish.accounts.tests.two_step import force_login_with_two_steps

    routes = route_world()
    member, staff = world.people[routes.MEMBER], world.people[routes.STAFF]
    goal = goal_make(member, wording="Paint with others every week")
    client.force_login(member)
    pages = {
        "serves_pool_proposal": (
            reverse("budgets:pool", args=[world.pool.pk]),
            world.pool_proposal.pk,
        ),
        "serves_mentoring_pair": (
            reverse(
                "timebank:pair",
                args=[world.timebank.slug, world.pair.scheme.slug, world.pair.pk],
            ),
            world.pair.pk,
        ),
        "serves_grant_application": (
            reverse("grants:application_status", args=[world.shortlisted.pk]),
            world.shortlisted.pk,
        ),
    }
    for name, (page, pk) in pages.items():
        url = reverse(f"outcomes:{name}", args=[pk])
        assert url in client.get(page).content.decode()
        assert client.post(url, {"goals": [str(goal.pk)]}).status_code == 302
        assert "Paint with others every week" in client.get(url).content.decode()
    assert GoalLink.objects.filter(goal=goal, withdrawn_at__isnull=True).count() == 3

    force_login_with_two_steps(client, staff)
    url = reverse("outcomes:serves_grant_application", args=[world.shortlisted.pk])
    page = client.get(url).content.decode()
    assert "Paint with others every week" in page
    assert "Save my choice" not in page
    # Staff never reach the member's pair or pool.
    pair_goals = reverse("outcomes:serves_mentoring_pair", args=[world.pair.pk])
    assert client.get(pair_goals).status_code == 404
