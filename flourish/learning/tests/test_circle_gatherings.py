"""Circles beyond conversations: a moderator hides a whole conversation (its author sees
why), invites someone by email to a circle that is by invitation, and adds meet-ups that
members download or subscribe to with a secret address; members choose an email digest,
daily, weekly or never."""

import datetime
import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from flourish.accounts.factories import UserFactory
from flourish.learning.factories import CircleFactory, circle_member_make
from flourish.learning.models import CircleMember, Digest, Meetup
from flourish.learning.services.circles import (
    member_digest_set,
    reply_post,
    thread_hide,
    thread_start,
)
from flourish.learning.services.digests import digests_send
from flourish.learning.services.meetups import meetup_add

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(circle):
    return circle_member_make(circle)


def _seat(circle, person):
    return CircleMember.objects.get(circle=circle, user=person)


def test_a_moderator_hides_a_conversation_and_only_its_author_sees_why(
    client, circle, moderator, peer, author
):
    thread = thread_start(circle=circle, actor=author, title="Buy my course", body="Link here")
    client.force_login(moderator)
    hide = reverse("learning:thread_hide", args=[circle.slug, thread.pk])
    assert client.post(hide, {"reason": ""}).status_code == 200  # a reason is needed
    thread.refresh_from_db()
    assert not thread.is_hidden
    assert client.post(hide, {"reason": "Selling, against our code"}).status_code == 302

    address = reverse("learning:thread", args=[circle.slug, thread.pk])
    client.force_login(peer)
    page = client.get(address).content.decode()
    assert "A moderator hid this conversation" in page and "Link here" not in page
    circle_page = client.get(reverse("learning:circle", args=[circle.slug])).content.decode()
    assert "Buy my course" not in circle_page
    assert "A moderator hid this conversation." in circle_page
    client.force_login(author)
    page = client.get(address).content.decode()
    assert "Selling, against our code" in page and "Link here" in page
    with pytest.raises(ValidationError, match="takes no more replies"):
        reply_post(thread=thread, actor=author, body="But why?")


def test_only_a_moderator_can_hide_a_conversation(client, circle, peer, author):
    thread = thread_start(circle=circle, actor=author, title="Hello", body="Hello")
    client.force_login(peer)
    hide = reverse("learning:thread_hide", args=[circle.slug, thread.pk])
    assert client.post(hide, {"reason": "No"}).status_code == 404
    with pytest.raises(ValidationError, match="Only the circle's moderators"):
        thread_hide(thread=thread, actor=peer, reason="No")
    thread.refresh_from_db()
    assert not thread.is_hidden


def test_a_moderator_invites_someone_by_email_to_a_closed_circle(
    client, moderator, django_capture_on_commit_callbacks
):
    closed = CircleFactory(name="South Asian women's groups", slug="saw", open_to_join=False)
    circle_member_make(closed, moderator, moderator=True)
    invited = UserFactory(email="noor@example.org")
    client.force_login(moderator)
    invite = reverse("learning:circle_invite", args=[closed.slug])
    response = client.post(invite, {"email": "not an email"})
    assert "Enter a valid email address" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(invite, {"email": "Noor@example.org"}).status_code == 302
    message = mail.outbox[-1]
    assert message.to == ["noor@example.org"]
    link = next(word for word in message.body.split() if "/circle-invitations/" in word)
    address = link[link.index("/learning/") :]

    client.force_login(UserFactory(email="someone.else@example.org"))
    assert client.get(address).status_code == 404  # a forwarded link tells a stranger nothing
    client.force_login(invited)
    assert "Join the circle" in client.get(address).content.decode()
    assert client.post(address).status_code == 302
    assert CircleMember.objects.filter(circle=closed, user=invited).exists()
    page = client.post(address).content.decode()  # an invitation works once
    assert "used or is too old" in page


def test_a_peer_cannot_invite(client, circle, peer):
    client.force_login(peer)
    assert client.get(reverse("learning:circle_invite", args=[circle.slug])).status_code == 404


def _soon(days=7, hour=18):
    return (timezone.localtime() + datetime.timedelta(days=days)).replace(
        hour=hour, minute=30, second=0, microsecond=0
    )


def test_a_moderator_adds_a_meetup_that_members_put_in_their_calendars(
    client, circle, moderator, peer
):
    client.force_login(moderator)
    when = _soon()
    response = client.post(
        reverse("learning:meetup_new", args=[circle.slug]),
        {
            "title": "Coffee, then\nBEGIN:VEVENT",
            "starts_at": when.strftime("%Y-%m-%dT%H:%M"),
            "minutes": "90",
            "where": "Leeds Central Library; room 2",
        },
    )
    assert response.status_code == 302
    meetup = Meetup.objects.get()
    assert meetup.ends_at - meetup.starts_at == datetime.timedelta(minutes=90)

    client.force_login(peer)
    page = client.get(reverse("learning:circle", args=[circle.slug])).content.decode()
    assert "Leeds Central Library" in page
    download = client.get(reverse("learning:meetup_ics", args=[circle.slug, meetup.pk]))
    assert download["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(download.content).walk("VEVENT")
    assert len(events) == 1  # the typed line break could not start an event of its own
    assert events[0]["location"] == "Leeds Central Library; room 2"
    assert events[0].decoded("dtstart") == when

    client.logout()  # calendar apps cannot sign in: the secret address is the key
    feed = reverse("learning:calendar_feed", args=[_seat(circle, peer).feed_secret])
    assert len(Calendar.from_ical(client.get(feed).content).walk("VEVENT")) == 1
    assert client.get(reverse("learning:calendar_feed", args=["wrong"])).status_code == 404

    client.force_login(peer)
    client.post(reverse("learning:calendar_renew", args=[circle.slug]))
    client.logout()
    assert client.get(feed).status_code == 404  # the old address stops at once


def test_a_meetup_in_the_past_or_by_a_peer_is_refused(client, circle, moderator, peer):
    with pytest.raises(ValidationError):
        meetup_add(
            circle=circle,
            actor=moderator,
            title="Yesterday",
            starts_at=timezone.now() - datetime.timedelta(days=1),
            ends_at=timezone.now(),
            where="Online",
        )
    client.force_login(peer)
    assert client.get(reverse("learning:meetup_new", args=[circle.slug])).status_code == 404
    assert not Meetup.objects.exists()


@pytest.mark.parametrize(
    ("starts_at", "message"),
    [
        ("9999-12-31T23:30", "Enter a date in a year from 1900 to 2100"),
        # The clocks go forward at 1am on the last Sunday of March: 1:30 never happens.
        ("2027-03-28T01:30", "The clocks change at that time. Choose a time an hour earlier"),
        ("next Tuesday", "Enter the day and time it starts, for example 14 3 2027 18:30"),
    ],
)
def test_a_meetup_at_a_time_that_cannot_be_says_what_to_do(
    client, circle, moderator, starts_at, message
):
    client.force_login(moderator)
    form = {"title": "Coffee", "starts_at": starts_at, "minutes": "180", "where": "Online"}

    page = client.post(reverse("learning:meetup_new", args=[circle.slug]), form)

    assert page.status_code == 200
    assert message in page.content.decode()
    assert not Meetup.objects.exists()


def test_a_meetup_typed_as_day_month_year_and_time_is_read_in_uk_time(client, circle, moderator):
    client.force_login(moderator)
    year = timezone.localdate().year + 1
    form = {
        "title": "Coffee",
        "starts_at": f"14 3 {year} 18:30",
        "minutes": "90",
        "where": "Online",
    }

    assert client.post(reverse("learning:meetup_new", args=[circle.slug]), form).status_code == 302
    starts = timezone.localtime(Meetup.objects.get().starts_at)
    assert (starts.year, starts.month, starts.day, starts.hour, starts.minute) == (
        year,
        3,
        14,
        18,
        30,
    )


def test_digests_go_daily_or_weekly_once_and_never_when_off(client, circle, moderator, peer):
    quiet = circle_member_make(circle)
    client.force_login(peer)
    client.post(reverse("learning:digest_set", args=[circle.slug]), {"digest": "daily"})
    assert _seat(circle, peer).digest == Digest.DAILY
    member_digest_set(member=_seat(circle, moderator), actor=moderator, digest=Digest.WEEKLY)
    assert _seat(circle, quiet).digest == Digest.OFF  # nobody gets one unless they ask

    thread = thread_start(circle=circle, actor=quiet, title="Room hire", body="Where?")
    reply_post(thread=thread, actor=quiet, body="Anyone?")
    hidden = thread_start(circle=circle, actor=quiet, title="Selling things", body="Buy")
    thread_hide(thread=hidden, actor=moderator, reason="Selling")
    mail.outbox.clear()

    tomorrow = timezone.now() + datetime.timedelta(days=1)
    assert digests_send(now=tomorrow) == 1
    assert [message.to for message in mail.outbox] == [[peer.email]]
    assert "Room hire (1 new reply)" in mail.outbox[0].body
    assert "Selling things" not in mail.outbox[0].body
    assert digests_send(now=tomorrow) == 0  # a second run sends nothing twice
    assert digests_send(now=tomorrow + datetime.timedelta(days=6, hours=23)) == 1  # weekly
    assert mail.outbox[-1].to == [moderator.email]


def test_the_digest_command_queues_the_task(circle, peer):
    member_digest_set(member=_seat(circle, peer), actor=peer, digest=Digest.DAILY)
    CircleMember.objects.filter(user=peer).update(
        last_digest_at=timezone.now() - datetime.timedelta(days=2)
    )
    thread_start(circle=circle, actor=circle_member_make(circle), title="News", body="Hi")
    mail.outbox.clear()
    call_command("send_circle_digests", stdout=io.StringIO())
    assert [message.to for message in mail.outbox] == [[peer.email]]
