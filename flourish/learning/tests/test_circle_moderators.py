"""A circle's moderators change who moderates it from the circle's own pages: they make a
member a moderator or stop one moderating, the circle never loses its last moderator,
every change is audited, and nobody else can even see the page."""

import pytest
from django.urls import reverse

from flourish.core.models import AuditEvent
from flourish.learning.factories import CircleFactory, circle_member_make
from flourish.learning.models import CircleMember

pytestmark = pytest.mark.django_db


@pytest.fixture
def circle():
    return CircleFactory(name="Leads in Leeds", slug="leads-in-leeds")


@pytest.fixture
def moderator(circle):
    return circle_member_make(circle, moderator=True)


@pytest.fixture
def member(circle):
    return circle_member_make(circle)


def _seat(circle, person):
    return CircleMember.objects.get(circle=circle, user=person)


def _set(client, circle, person, moderates):
    url = reverse("learning:circle_moderators", args=[circle.slug])
    data = {"member": _seat(circle, person).pk, "moderator": "yes" if moderates else "no"}
    return client.post(url, data, follow=True)


def test_a_moderator_makes_a_member_a_moderator_and_it_is_audited(
    client, circle, moderator, member
):
    client.force_login(moderator)
    page = client.get(reverse("learning:circle", args=[circle.slug])).content.decode()
    assert reverse("learning:circle_moderators", args=[circle.slug]) in page
    done = _set(client, circle, member, True)
    assert "The circle&#x27;s moderators have changed." in done.content.decode()
    assert _seat(circle, member).is_moderator
    event = AuditEvent.objects.get(action="learning.moderator_added")
    assert event.actor == moderator and event.data == {"member": member.pk}


def test_a_moderator_stops_another_moderating(client, circle, moderator, member):
    circle_member_make(circle, member, moderator=True)
    client.force_login(moderator)
    _set(client, circle, member, False)
    assert not _seat(circle, member).is_moderator
    assert AuditEvent.objects.filter(action="learning.moderator_removed").count() == 1


def test_the_last_moderator_cannot_step_down(client, circle, moderator, member):
    client.force_login(moderator)
    page = _set(client, circle, moderator, False).content.decode()
    assert "A circle needs at least one moderator. Make someone else a moderator first." in page
    assert _seat(circle, moderator).is_moderator
    assert not AuditEvent.objects.filter(action="learning.moderator_removed").exists()


def test_a_moderator_who_steps_down_goes_back_to_the_circle(client, circle, moderator, member):
    circle_member_make(circle, member, moderator=True)
    client.force_login(moderator)
    done = _set(client, circle, moderator, False)
    assert done.redirect_chain[-1][0] == reverse("learning:circle", args=[circle.slug])
    assert not _seat(circle, moderator).is_moderator


def test_members_and_strangers_get_404_and_change_nothing(client, circle, moderator, member):
    url = reverse("learning:circle_moderators", args=[circle.slug])
    other_circle = CircleFactory(name="Elsewhere", slug="elsewhere")
    outsider = circle_member_make(other_circle, moderator=True)
    for person in (member, outsider):
        client.force_login(person)
        assert client.get(url).status_code == 404
        data = {"member": _seat(circle, person if person == member else moderator).pk}
        assert client.post(url, {**data, "moderator": "yes"}).status_code == 404
    assert not _seat(circle, member).is_moderator


def test_a_member_of_another_circle_cannot_be_changed_from_this_one(client, circle, moderator):
    elsewhere = circle_member_make(CircleFactory(name="Elsewhere", slug="elsewhere"))
    client.force_login(moderator)
    seat = CircleMember.objects.get(user=elsewhere)
    url = reverse("learning:circle_moderators", args=[circle.slug])
    assert client.post(url, {"member": seat.pk, "moderator": "yes"}).status_code == 404
    seat.refresh_from_db()
    assert not seat.is_moderator


def test_the_page_lists_members_in_a_fixed_number_of_queries(
    client, circle, moderator, django_assert_max_num_queries
):
    for _n in range(3):
        circle_member_make(circle)
    client.force_login(moderator)
    url = reverse("learning:circle_moderators", args=[circle.slug])
    client.get(url)
    with django_assert_max_num_queries(12) as few:
        client.get(url)
    for _n in range(10):
        circle_member_make(circle)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count("Make a moderator") == 13
