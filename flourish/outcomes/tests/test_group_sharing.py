"""A person shares a goal or a check-in series with one of their groups (its organisers, or
everyone in it); those people see it, each look recorded and shown to the person; stopping
ends it at once; anyone in a different group gets 404."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.grants.factories import GroupFactory
from flourish.outcomes.factories import goal_make, ons4, ons4_checkin_make, review_make
from flourish.outcomes.models import GroupAudience, GroupShare
from flourish.outcomes.services.sharing import (
    group_share,
    group_share_withdraw,
    helper_invite,
    series_share,
)
from flourish.outcomes.views import goals as goals_views

pytestmark = pytest.mark.django_db
DAY = datetime.date.today() - datetime.timedelta(days=20)
HOME_QUERIES = 10  # a group organiser with no goals of their own; three lists counted for paging


@pytest.fixture
def group():
    return GroupFactory(name="Allotment Friends", slug="allotment-friends")


def _in(group, role=Role.GROUP_MEMBER, **fields):
    person = UserFactory(**fields)
    MembershipFactory(user=person, organisation=group, role=role)
    return person


@pytest.fixture
def people(group):
    return {
        "person": _in(group, name="Ruth Person", email="ruth@example.org"),
        "organiser": _in(group, Role.GROUP_LEAD, name="Olu Organiser", email="olu@example.org"),
        "member": _in(group, name="Mel Member"),
        "elsewhere": _in(GroupFactory(slug="another-group"), Role.GROUP_LEAD),
    }


def test_the_person_shares_a_goal_with_everyone_in_their_group_then_stops(client, group, people):
    person = people["person"]
    goal = goal_make(person, wording="Go to the allotment")
    review_make(goal, 1, DAY)
    client.force_login(person)
    url = reverse("outcomes:goal_share_group", args=[goal.pk])
    page = client.get(url).content.decode()
    assert "Allotment Friends" in page and "Everyone in the group" in page
    response = client.post(url, {"group": group.pk, "audience": "everyone"})
    assert response.status_code == 302
    share = GroupShare.objects.get(goal=goal)
    for viewer in (people["organiser"], people["member"]):
        client.force_login(viewer)
        home = client.get(reverse("outcomes:home")).content.decode()
        assert "A goal of Ruth Person, shared with Allotment Friends" in home
        page = client.get(reverse("outcomes:goal", args=[goal.pk])).content.decode()
        assert "Go to the allotment" in page
        assert "Review it" not in page or "Stop sharing" not in page
    client.force_login(people["elsewhere"])
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404
    client.force_login(person)
    looked = client.get(reverse("outcomes:looked")).content.decode()
    assert "Olu Organiser" in looked and "Mel Member" in looked
    client.post(reverse("outcomes:group_share_withdraw", args=[share.pk]))
    for viewer in (people["organiser"], people["member"]):
        client.force_login(viewer)
        assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404


def test_shared_with_the_organisers_only_a_member_sees_nothing(client, group, people):
    person = people["person"]
    goal = goal_make(person)
    group_share(
        person=person, group=group, goal=goal, audience=GroupAudience.ORGANISERS, actor=person
    )
    client.force_login(people["organiser"])
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 200
    client.force_login(people["member"])
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404


def test_a_person_in_several_groups_chooses_which(client, group, people):
    person = people["person"]
    second = GroupFactory(name="Walking Group", slug="walking-group")
    MembershipFactory(user=person, organisation=second, role=Role.GROUP_MEMBER)
    walker = _in(second)
    goal = goal_make(person)
    client.force_login(person)
    page = client.get(reverse("outcomes:goal_share_group", args=[goal.pk])).content.decode()
    assert "Allotment Friends" in page and "Walking Group" in page
    client.post(
        reverse("outcomes:goal_share_group", args=[goal.pk]),
        {"group": second.pk, "audience": "everyone"},
    )
    client.force_login(walker)
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 200
    client.force_login(people["member"])
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404


def test_a_check_in_series_shared_with_the_group_is_seen_and_each_look_recorded(
    client, group, people
):
    person = people["person"]
    ons4_checkin_make(person, 6, 7, 6, 3)
    client.force_login(person)
    url = reverse("outcomes:series_share_group", args=["ons4"])
    client.post(url, {"group": group.pk, "audience": "everyone"})
    share = GroupShare.objects.get(instrument=ons4())
    assert (
        "Everyone in Allotment Friends" in client.get(reverse("outcomes:checkins")).content.decode()
    )
    client.force_login(people["member"])
    page = client.get(reverse("outcomes:group_series", args=[share.pk])).content.decode()
    assert "check-ins of Ruth Person" in page
    client.force_login(people["elsewhere"])
    assert client.get(reverse("outcomes:group_series", args=[share.pk])).status_code == 404
    client.force_login(person)
    looked = client.get(reverse("outcomes:looked")).content.decode()
    assert "Mel Member" in looked and "Olu Organiser" not in looked
    client.post(reverse("outcomes:group_share_withdraw", args=[share.pk]))
    client.force_login(people["member"])
    assert client.get(reverse("outcomes:group_series", args=[share.pk])).status_code == 404


def test_leaving_the_group_ends_what_was_shared_with_it(client, group, people):
    person = people["person"]
    goal = goal_make(person)
    group_share(person=person, group=group, goal=goal, audience="everyone", actor=person)
    person.memberships.filter(organisation=group).delete()
    client.force_login(people["member"])
    assert client.get(reverse("outcomes:goal", args=[goal.pk])).status_code == 404


def test_bad_input_is_refused_with_a_clear_message_and_no_change(client, group, people):
    person = people["person"]
    goal = goal_make(person)
    client.force_login(person)
    url = reverse("outcomes:goal_share_group", args=[goal.pk])
    page = client.post(url, {"audience": "everyone"}).content.decode()
    assert "Choose which of your groups to share with" in page
    other_group = people["elsewhere"].memberships.get().organisation
    page = client.post(url, {"group": other_group.pk, "audience": "everyone"}).content.decode()
    assert "Choose one of the groups you belong to" in page
    page = client.post(url, {"group": group.pk}).content.decode()
    assert "Choose who in the group can see it" in page
    assert not GroupShare.objects.exists()
    with pytest.raises(ValidationError):
        group_share(person=person, group=other_group, goal=goal, audience="everyone", actor=person)
    with pytest.raises(ValidationError):
        group_share(
            person=person, group=group, goal=goal, audience="everyone", actor=people["member"]
        )
    client.post(url, {"group": group.pk, "audience": "everyone"})
    page = client.post(url, {"group": group.pk, "audience": "organisers"}).content.decode()
    assert "already shared with that group" in page
    assert GroupShare.objects.count() == 1


def test_only_the_person_stops_sharing_and_shares(client, group, people):
    person = people["person"]
    goal = goal_make(person)
    share = group_share(person=person, group=group, goal=goal, audience="everyone", actor=person)
    client.force_login(people["organiser"])
    assert client.post(reverse("outcomes:group_share_withdraw", args=[share.pk])).status_code == 404
    assert client.get(reverse("outcomes:goal_share_group", args=[goal.pk])).status_code == 404
    with pytest.raises(ValidationError):
        group_share_withdraw(share=share, actor=people["organiser"])
    share.refresh_from_db()
    assert share.withdrawn_at is None


def test_someone_in_no_group_is_told_so(client):
    lonely = UserFactory()
    goal = goal_make(lonely)
    client.force_login(lonely)
    page = client.get(reverse("outcomes:goal_share_group", args=[goal.pk])).content.decode()
    assert "You are not in a group on Flourish" in page


def test_the_goals_page_lists_group_shares_in_a_fixed_number_of_queries(client, group, people):
    viewer = people["organiser"]

    def grow(size):
        for _ in range(size):
            someone = _in(group)
            goal = goal_make(someone)
            group_share(person=someone, group=group, goal=goal, audience="everyone", actor=someone)
            ons4_checkin_make(someone, 5, 5, 5, 5)
            group_share(
                person=someone, group=group, instrument=ons4(), audience="everyone", actor=someone
            )

    def count():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("outcomes:home")).status_code == 200
        return len(captured.captured_queries)

    client.force_login(viewer)
    grow(2)
    small = count()
    grow(8)
    assert small == count() == HOME_QUERIES


def test_an_organiser_of_a_big_group_reads_what_is_shared_a_page_at_a_time(
    client, group, people, monkeypatch
):
    monkeypatch.setattr(goals_views, "SHARED_PER_PAGE", 3)
    for number in range(4):
        someone = _in(group, name=f"Sharer {number}")
        group_share(
            person=someone, group=group, goal=goal_make(someone), audience="everyone", actor=someone
        )
    client.force_login(people["organiser"])

    newest = client.get(reverse("outcomes:home")).content.decode()
    oldest = client.get(reverse("outcomes:home"), {"shared": 2}).content.decode()

    assert all(f"A goal of Sharer {n}," in newest for n in (3, 2, 1))
    assert "Sharer 0" not in newest and "Pages of what is shared with your groups" in newest
    assert "A goal of Sharer 0," in oldest and "Sharer 3" not in oldest


def test_someone_invited_to_many_goals_reads_them_a_page_at_a_time(
    client, group, people, monkeypatch
):
    monkeypatch.setattr(goals_views, "SHARED_PER_PAGE", 2)
    helper = people["organiser"]
    for number in range(3):
        someone = _in(group, name=f"Inviter {number}")
        helper_invite(goal=goal_make(someone), email=helper.email, actor=someone)
    client.force_login(helper)

    newest = client.get(reverse("outcomes:home")).content.decode()
    oldest = client.get(reverse("outcomes:home"), {"invited": 2}).content.decode()

    assert "A goal of Inviter 2" in newest and "A goal of Inviter 1" in newest
    assert "Inviter 0" not in newest and "Pages of goals people have invited you to" in newest
    assert "A goal of Inviter 0" in oldest and "Inviter 2" not in oldest


def test_the_goals_page_names_who_shared_without_reading_their_private_details(
    client, group, people
):
    person = people["person"]
    ons4_checkin_make(person, 6, 7, 6, 3)
    group_share(
        person=person, group=group, goal=goal_make(person), audience="everyone", actor=person
    )
    series_share(person=person, instrument=ons4(), email="olu@example.org", actor=person)
    client.force_login(people["organiser"])

    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("outcomes:home")).content.decode()

    assert "Ruth Person" in page
    shared = [
        q["sql"]
        for q in captured.captured_queries
        if "outcomes_groupshare" in q["sql"] or "outcomes_seriesshare" in q["sql"]
    ]
    # Shared with the group, and with the organiser themself: the two lists that read
    # people (only a person's row has a password column).
    people_read = [sql for sql in shared if '"password"' in sql]
    assert len(people_read) == 2
    assert all('."name"' in sql for sql in people_read)
    # Only people have these columns (accounts.models.User), however the query names them.
    assert not [sql for sql in people_read if '."phone"' in sql or '."access_needs"' in sql]
