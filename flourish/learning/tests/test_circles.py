"""Circles: a leader joins, posts and replies; a member reports a reply and a moderator
hides it; strangers see nothing; empty posts and posts from outside are refused."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.learning.factories import CircleFactory, circle_member_make
from flourish.learning.models import CircleMember, Reply, ReplyReport, Thread
from flourish.learning.services.circles import reply_hide, reply_post, thread_start

pytestmark = pytest.mark.django_db


def test_a_leader_joins_a_circle_starts_a_conversation_and_a_peer_replies(
    client, circle, owner, peer
):
    client.force_login(owner)
    assert client.post(reverse("learning:circle_join", args=[circle.slug])).status_code == 302
    assert CircleMember.objects.filter(circle=circle, user=owner).exists()
    response = client.post(
        reverse("learning:thread_new", args=[circle.slug]),
        {"title": "Room hire", "body": "Where do you meet?"},
    )
    thread = Thread.objects.get()
    assert response.url == reverse("learning:thread", args=[circle.slug, thread.pk])
    client.force_login(peer)
    client.post(response.url, {"body": "The library lets us have a room free."})
    thread.refresh_from_db()
    assert thread.reply_count == 1
    page = client.get(reverse("learning:circle", args=[circle.slug])).content.decode()
    assert "Room hire" in page and "1 reply" in page


def test_a_member_reports_a_reply_and_a_moderator_hides_it_and_its_author_sees_why(
    client, circle, owner, peer, moderator, django_capture_on_commit_callbacks
):
    circle_member_make(circle, owner)
    thread = thread_start(circle=circle, actor=owner, title="Burnout", body="How do you rest?")
    reply = reply_post(thread=thread, actor=peer, body="Buy my course!")
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("learning:reply_report", args=[circle.slug, reply.pk]),
            {"reason": "Selling, against the code"},
        )
    assert mail.outbox[-1].to == [moderator.email]  # the moderators hear at once

    client.force_login(moderator)
    reports = client.get(reverse("learning:circle_reports", args=[circle.slug])).content.decode()
    assert "Selling, against the code" in reports
    client.post(
        reverse("learning:reply_hide", args=[circle.slug, reply.pk]),
        {"reason": "No selling in this circle"},
    )
    reply.refresh_from_db()
    assert reply.is_hidden
    assert ReplyReport.objects.get().resolved_at is not None

    address = reverse("learning:thread", args=[circle.slug, thread.pk])
    client.force_login(owner)
    page = client.get(address).content.decode()
    assert "A moderator hid this reply." in page and "Buy my course!" not in page
    client.force_login(peer)
    page = client.get(address).content.decode()
    assert "No selling in this circle" in page


def test_hiding_without_being_a_moderator_is_refused_and_changes_nothing(client, circle, peer):
    thread = thread_start(circle=circle, actor=peer, title="Hello", body="Hi all")
    reply = reply_post(thread=thread, actor=peer, body="Me again")
    client.force_login(peer)
    address = reverse("learning:reply_hide", args=[circle.slug, reply.pk])
    assert client.post(address, {"reason": "x"}).status_code == 404
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_an_empty_post_or_reply_is_refused_with_a_message(client, circle, peer):
    client.force_login(peer)
    response = client.post(
        reverse("learning:thread_new", args=[circle.slug]), {"title": "  ", "body": "  "}
    )
    assert response.status_code == 200
    assert "<title>Error:" in response.content.decode()
    assert response.context["form"].errors.keys() == {"title", "body"}
    thread = thread_start(circle=circle, actor=peer, title="Hello", body="Hi all")
    response = client.post(reverse("learning:thread", args=[circle.slug, thread.pk]), {"body": ""})
    assert response.status_code == 200
    assert Thread.objects.count() == 1 and not Reply.objects.exists()


def test_a_stranger_and_a_leader_outside_the_circle_get_404_and_cannot_post(
    client, circle, peer, stranger, owner
):
    thread = thread_start(circle=circle, actor=peer, title="Hello", body="Hi all")
    for person in (stranger, owner):
        client.force_login(person)
        assert client.get(reverse("learning:circle", args=[circle.slug])).status_code == 404
        address = reverse("learning:thread", args=[circle.slug, thread.pk])
        assert client.get(address).status_code == 404
        assert client.post(address, {"body": "Let me in"}).status_code == 404
    assert not Reply.objects.exists()


def test_a_circle_by_invitation_cannot_be_joined_from_outside(client, owner):
    closed = CircleFactory(name="South Asian women leaders", open_to_join=False)
    client.force_login(owner)
    assert client.post(reverse("learning:circle_join", args=[closed.slug])).status_code == 404
    assert not CircleMember.objects.exists()


def test_a_person_who_runs_no_group_is_told_circles_are_for_group_leaders(client, circle, stranger):
    client.force_login(stranger)
    response = client.post(reverse("learning:circle_join", args=[circle.slug]), follow=True)
    assert "Circles are for people who run a group." in response.content.decode()
    assert not CircleMember.objects.filter(user=stranger).exists()


def test_a_post_with_a_script_is_shown_as_harmless_text(client, circle, peer):
    attack = '<script>alert(1)</script><img src=x onerror=alert(1)><a href="javascript:x">x</a>'
    thread = thread_start(circle=circle, actor=peer, title="<iframe src=x>", body=attack)
    client.force_login(peer)
    page = client.get(reverse("learning:thread", args=[circle.slug, thread.pk])).content.decode()
    assert "<script>alert" not in page and "<img src=x" not in page and "<iframe" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_a_post_to_a_circle_you_are_not_in_is_refused_with_a_message(circle, owner):
    with pytest.raises(ValidationError, match="Join this circle before you post in it"):
        thread_start(circle=circle, actor=owner, title="Hello", body="Let me in")
    assert not Thread.objects.exists()


def test_hiding_a_reply_as_an_ordinary_member_is_refused_by_the_service(circle, peer):
    thread = thread_start(circle=circle, actor=peer, title="Hello", body="Hi all")
    reply = reply_post(thread=thread, actor=peer, body="Me again")
    with pytest.raises(ValidationError, match="moderators can hide a reply"):
        reply_hide(reply=reply, actor=peer, reason="Because")
    reply.refresh_from_db()
    assert not reply.is_hidden


def test_a_circle_pages_its_conversations_by_the_number_it_keeps(client, circle, owner):
    """Each conversation started is counted once, as it starts: the page never counts."""
    from flourish.learning.views.circles import THREADS_PER_PAGE

    circle_member_make(circle, owner)
    client.force_login(owner)
    for number in range(THREADS_PER_PAGE + 1):
        client.post(
            reverse("learning:thread_new", args=[circle.slug]),
            {"title": f"Question {number:02d}", "body": "Any ideas?"},
        )
    circle.refresh_from_db()
    assert circle.thread_count == Thread.objects.filter(circle=circle).count() == 26

    address = reverse("learning:circle", args=[circle.slug])
    first, last = client.get(address).text, client.get(address + "?page=2").text

    assert "Page 1 of 2" in first and "Question 25" in first and "Question 00" not in first
    assert "Page 2 of 2" in last and "Question 00" in last and "Question 01" not in last


def test_a_conversation_pages_its_replies_by_the_number_it_keeps(client, circle, owner, peer):
    from flourish.learning.views.circles import REPLIES_PER_PAGE

    circle_member_make(circle, owner)
    circle_member_make(circle, peer)
    thread = thread_start(circle=circle, actor=owner, title="Room hire", body="Where?")
    client.force_login(peer)
    address = reverse("learning:thread", args=[circle.slug, thread.pk])
    for number in range(REPLIES_PER_PAGE + 1):
        posted = client.post(address, {"body": f"Reply number {number:03d}"})
    # Each reply goes to the page it lands on.
    assert posted.url.startswith(f"{address}?page=2#reply-")

    first, last = client.get(address).text, client.get(address + "?page=2").text

    assert "Page 1 of 2" in first and "Reply number 000" in first
    assert f"Reply number {REPLIES_PER_PAGE:03d}" not in first
    assert "Page 2 of 2" in last and f"Reply number {REPLIES_PER_PAGE:03d}" in last
