"""The person's goals, a goal's page, their check-ins and the totals make the same number of
queries however many goals, reviews, check-ins and people there are."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants.factories import AwardFactory, GroupFactory, ProgrammeFactory
from flourish.outcomes.factories import goal_make, ons4, ons4_checkin_make, review_make
from flourish.outcomes.services.sharing import group_share, helper_invite, series_share
from flourish.outcomes.services.totals import totals_join

pytestmark = pytest.mark.django_db
DAY = datetime.date.today() - datetime.timedelta(days=100)
# Each page also lists what was shared with the person's groups, or by them with theirs;
# the goals page shows its three lists of what others shared a page at a time, counting each.
HOME_QUERIES = 12
GOAL_QUERIES = 8
CHECKINS_QUERIES = 7
LOOKED_QUERIES = 8
SHARED_SERIES_QUERIES = 9
TOTALS_QUERIES = 10


def count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


def grow(person, mentor, size):
    for n in range(size):
        group = GroupFactory()
        MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
        goal = goal_make(person, wording=f"Goal {n}")
        for days in range(3):
            review_make(goal, days % 3 - 1, DAY + datetime.timedelta(days=days))
        helper_invite(goal=goal, email=mentor.email, actor=person)
        ons4_checkin_make(person, 5, 5, 5, 5)
        series_share(person=person, instrument=ons4(), email=UserFactory().email, actor=person)
        group_share(person=person, group=group, goal=goal, audience="everyone", actor=person)
        group_share(
            person=person, group=group, instrument=ons4(), audience="organisers", actor=person
        )
    return goal


def test_the_persons_goals_page_makes_a_fixed_number_of_queries(client, person, mentor):
    client.force_login(person)
    grow(person, mentor, 1)
    small = count(client, reverse("outcomes:home"))
    grow(person, mentor, 6)
    assert small == count(client, reverse("outcomes:home")) == HOME_QUERIES


def test_a_goals_page_makes_a_fixed_number_of_queries(client, person, mentor):
    client.force_login(person)
    goal = grow(person, mentor, 1)
    small = count(client, reverse("outcomes:goal", args=[goal.pk]))
    for days in range(10):
        review_make(goal, 1, DAY + datetime.timedelta(days=10 + days))
    helper_invite(goal=goal, email=UserFactory().email, actor=person)
    assert small == count(client, reverse("outcomes:goal", args=[goal.pk])) == GOAL_QUERIES


def test_the_check_ins_page_makes_a_fixed_number_of_queries(client, person, mentor):
    client.force_login(person)
    grow(person, mentor, 1)
    small = count(client, reverse("outcomes:checkins"))
    grow(person, mentor, 6)
    assert small == count(client, reverse("outcomes:checkins")) == CHECKINS_QUERIES


def test_the_totals_page_makes_a_fixed_number_of_queries(client):
    group = GroupFactory(slug="query-group")
    programme = ProgrammeFactory(slug="query-programme")
    AwardFactory(application__programme=programme, application__group=group, programme=programme)
    staff = UserFactory()
    MembershipFactory(user=staff, organisation=programme.funder, role=Role.FUNDER_STAFF)
    client.force_login(with_authenticator(staff))
    address = reverse("outcomes:programme_totals", args=[programme.slug])

    def people(how_many):
        for _ in range(how_many):
            someone = UserFactory()
            review_make(goal_make(someone), 1, DAY)
            ons4_checkin_make(someone, 5, 5, 5, 5)
            ons4_checkin_make(someone, 6, 6, 6, 4)
            totals_join(person=someone, actor=someone, programme=programme)

    people(6)
    small = count(client, address)
    people(10)
    assert small == count(client, address) == TOTALS_QUERIES


def test_the_who_has_looked_page_makes_a_fixed_number_of_queries(client, person, mentor):
    def looks(size):
        for _n in range(size):
            goal = grow(person, mentor, 1)
            client.force_login(mentor)
            client.get(reverse("outcomes:goal", args=[goal.pk]))
        share = series_share(person=person, instrument=ons4(), email=mentor.email, actor=person)
        client.get(reverse("outcomes:series_shared", args=[share.pk]))
        share.withdrawn_at = share.created_at
        share.save()
        client.force_login(person)

    looks(1)
    small = count(client, reverse("outcomes:looked"))
    looks(6)
    assert small == count(client, reverse("outcomes:looked")) == LOOKED_QUERIES


def test_a_shared_series_page_makes_a_fixed_number_of_queries(client, person, mentor):
    share = series_share(person=person, instrument=ons4(), email=mentor.email, actor=person)
    client.force_login(mentor)
    ons4_checkin_make(person, 5, 5, 5, 5)
    address = reverse("outcomes:series_shared", args=[share.pk])
    small = count(client, address)
    for _n in range(8):
        ons4_checkin_make(person, 6, 6, 6, 3)
    assert small == count(client, address) == SHARED_SERIES_QUERIES
