"""Totals for a programme or a group come only from people who chose to be counted, show
nothing under 5, leave out anyone who withdrew, and are seen only by the funder's staff or
the group's lead."""

import datetime

import pytest
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants.factories import AwardFactory, FunderFactory, GroupFactory, ProgrammeFactory
from flourish.outcomes.factories import goal_make, ons4_checkin_make, review_make
from flourish.outcomes.models import TotalsConsent
from flourish.outcomes.selectors.totals import consenting, totals_for
from flourish.outcomes.services.totals import totals_join, totals_leave

pytestmark = pytest.mark.django_db
YEAR_AGO = datetime.date.today() - datetime.timedelta(days=365)


@pytest.fixture
def group(db):
    return GroupFactory(name="Headway Peer Group", slug="headway")


@pytest.fixture
def programme(group):
    funder = FunderFactory(name="Kind Fund", slug="kind-fund")
    programme = ProgrammeFactory(funder=funder, title="Wellbeing Fund", slug="wellbeing-fund")
    AwardFactory(application__programme=programme, application__group=group, programme=programme)
    return programme


@pytest.fixture
def staff(programme):
    person = UserFactory(email="grace@example.org", name="Grace Funder")
    MembershipFactory(user=person, organisation=programme.funder, role=Role.FUNDER_STAFF)
    return with_authenticator(person)


@pytest.fixture
def lead(group):
    person = UserFactory(email="lead@example.org", name="Lee Lead")
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_LEAD)
    return person


def counted(group, programme, how_many, level=1):
    people = []
    for n in range(how_many):
        person = UserFactory()
        MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
        goal = goal_make(person)
        review_make(goal, level, YEAR_AGO)
        ons4_checkin_make(person, 4, 5, 5, 7)
        ons4_checkin_make(person, 6 + n % 2, 6, 7, 4)
        totals_join(person=person, actor=person, programme=programme)
        totals_join(person=person, actor=person, group=group)
        people.append(person)
    return people


def test_with_fewer_than_5_people_nothing_is_shown(group, programme):
    counted(group, programme, 4)
    totals = totals_for(programme=programme)
    assert totals.too_few
    assert totals.at_or_above.hidden and all(c.people.hidden for c in totals.changes)


def test_with_enough_people_the_figures_are_shown_within_the_noise(group, programme):
    counted(group, programme, 12)
    totals = totals_for(programme=programme)
    assert abs(totals.people.value - 12) <= 2
    assert abs(totals.at_or_above.value - 12) <= 2
    life = next(change for change in totals.changes if change.key == "life_satisfaction")
    assert life.mean == pytest.approx(2.5, abs=0.3)
    assert life.low < life.mean < life.high


def test_people_who_did_not_agree_are_not_counted(group, programme):
    counted(group, programme, 10)
    for _ in range(20):
        person = UserFactory()
        review_make(goal_make(person), -2, YEAR_AGO)
    totals = totals_for(programme=programme)
    assert abs(totals.people.value - 10) <= 2
    assert abs(totals.with_goals.value - 10) <= 2


def test_someone_who_withdraws_is_left_out_from_then_on(group, programme):
    people = counted(group, programme, 5)
    assert consenting(programme=programme).count() == 5
    consent = TotalsConsent.objects.get(person=people[0], programme=programme)
    totals_leave(consent=consent, actor=people[0])
    assert totals_for(programme=programme).too_few


def test_the_totals_take_a_fixed_number_of_queries(group, programme, django_assert_max_num_queries):
    counted(group, programme, 6)
    with django_assert_max_num_queries(2):
        totals_for(programme=programme)
    counted(group, programme, 10)
    with django_assert_max_num_queries(2):
        totals_for(programme=programme)


def test_funder_staff_see_their_programmes_totals(client, group, programme, staff):
    counted(group, programme, 8)  # 8 people: the noise (at most 2) cannot hide them
    client.force_login(staff)
    page = client.get(reverse("outcomes:programme_totals", args=[programme.slug]))
    assert 'id="totals"' in page.content.decode()


def test_a_group_under_5_shows_nothing_to_its_lead(client, group, programme, lead):
    counted(group, programme, 3)
    client.force_login(lead)
    page = client.get(reverse("outcomes:group_totals", args=[group.slug])).content.decode()
    assert 'id="too-few"' in page and 'id="totals"' not in page


def test_a_member_another_funder_and_a_stranger_get_404(client, group, programme, other):
    member = UserFactory()
    MembershipFactory(user=member, organisation=group, role=Role.GROUP_MEMBER)
    elsewhere = UserFactory()
    MembershipFactory(
        user=elsewhere, organisation=FunderFactory(slug="other"), role=Role.FUNDER_STAFF
    )
    for person in (member, with_authenticator(elsewhere), other):
        client.force_login(person)
        assert (
            client.get(reverse("outcomes:programme_totals", args=[programme.slug])).status_code
            == 404
        )
        assert client.get(reverse("outcomes:group_totals", args=[group.slug])).status_code == 404


def test_a_person_chooses_to_be_counted_and_stops(client, group, programme, person):
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
    client.force_login(person)
    page = client.get(reverse("outcomes:totals")).content.decode()
    assert "Wellbeing Fund" in page and "Headway Peer Group" in page
    client.post(reverse("outcomes:totals"), {"places": [f"programme-{programme.pk}"]})
    assert TotalsConsent.objects.filter(person=person, withdrawn_at__isnull=True).count() == 1
    client.post(reverse("outcomes:totals"), {})
    assert not TotalsConsent.objects.filter(person=person, withdrawn_at__isnull=True).exists()


def test_a_person_cannot_be_counted_for_a_programme_that_did_not_fund_their_group(client, person):
    elsewhere = ProgrammeFactory(slug="elsewhere")
    client.force_login(person)
    response = client.post(reverse("outcomes:totals"), {"places": [f"programme-{elsewhere.pk}"]})
    assert response.status_code == 200
    assert not TotalsConsent.objects.exists()
