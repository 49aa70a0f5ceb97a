"""A circle's conversations and a conversation's replies are drawn once for what they
show and kept: reading the page again draws none of them, and anything a reader would
see change (a hidden post, a new reply, a new name, who is reading, their language) is
drawn afresh."""

import pytest
from django.urls import reverse

from flourish.core.tests.pieces import read_counting
from flourish.learning.factories import circle_member_make
from flourish.learning.services.circles import (
    reply_hide,
    reply_post,
    thread_hide,
    thread_start,
)

pytestmark = pytest.mark.django_db

REPLY_TEMPLATE = "learning/_reply.html"
THREAD_TEMPLATE = "learning/_thread_item.html"


@pytest.fixture
def conversation(circle, moderator, peer):
    thread = thread_start(circle=circle, actor=moderator, title="Room hire", body="Where?")
    replies = [
        reply_post(thread=thread, actor=peer, body="The library is free."),
        reply_post(thread=thread, actor=moderator, body="So is the mosque hall."),
        reply_post(thread=thread, actor=peer, body="Buy my course!"),
    ]
    return reverse("learning:thread", args=[circle.slug, thread.pk]), replies


def _read(client, address, language=None, piece=REPLY_TEMPLATE):
    """The page's text, and how many pieces were drawn to make it."""
    headers = {"HTTP_ACCEPT_LANGUAGE": language} if language else {}
    return read_counting(client, address, piece, **headers)


def test_reading_the_page_again_draws_no_reply_again(client, conversation, peer):
    address, _replies = conversation
    client.force_login(peer)
    _first, drawn_first = _read(client, address)
    again, drawn_again = _read(client, address)
    assert (drawn_first, drawn_again) == (3, 0)
    assert "The library is free." in again and "So is the mosque hall." in again


def test_a_hidden_reply_is_hidden_from_everyone_at_once(
    client, conversation, moderator, peer, stranger_in_circle
):
    address, replies = conversation
    client.force_login(stranger_in_circle)
    assert "Buy my course!" in _read(client, address)[0]
    reply_hide(reply=replies[2], actor=moderator, reason="No selling in this circle")
    page, drawn = _read(client, address)
    assert "Buy my course!" not in page and "A moderator hid this reply." in page
    assert "No selling in this circle" not in page
    assert drawn == 1  # only the reply that changed
    client.force_login(peer)  # its author sees their words and why
    page = _read(client, address)[0]
    assert "Buy my course!" in page and "No selling in this circle" in page


def test_a_new_name_shows_on_every_reply_at_once(client, conversation, moderator, peer):
    address, _replies = conversation
    client.force_login(moderator)
    _read(client, address)
    peer.name = "Parveen Akhtar"
    peer.save()
    page, drawn = _read(client, address)
    assert page.count("Parveen Akhtar,") == 2 and drawn == 2


def test_each_reader_gets_their_own_links_from_the_kept_replies(
    client, conversation, moderator, peer, stranger_in_circle
):
    address, _replies = conversation
    client.force_login(moderator)
    page = _read(client, address)[0]
    assert page.count(">Hide<") == 3 and page.count(">Report<") == 2
    client.force_login(stranger_in_circle)  # wrote none of them, and does not moderate
    page = _read(client, address)[0]
    assert ">Hide<" not in page and page.count(">Report<") == 3
    client.force_login(peer)
    page = _read(client, address)[0]
    assert ">Hide<" not in page
    assert page.count(">Report<") == 1  # not on their own replies


def test_a_reader_in_welsh_gets_the_replies_in_welsh(client, conversation, moderator, peer):
    address, _replies = conversation
    client.force_login(moderator)
    _read(client, address, language="en")
    peer.preferred_language = "cy"
    peer.save()
    client.force_login(peer)
    page, drawn = _read(client, address, language="cy")
    assert 'lang="cy"' in page and page.count(">Adrodd<") == 1
    assert drawn == 3


@pytest.fixture
def stranger_in_circle(circle):
    """A member who neither wrote the reply nor moderates."""
    return circle_member_make(circle)


def _circle_page(client, circle):
    return _read(client, reverse("learning:circle", args=[circle.slug]), piece=THREAD_TEMPLATE)


def test_the_circle_page_draws_its_conversations_once_and_shows_a_new_reply_at_once(
    client, circle, conversation, moderator, peer
):
    client.force_login(peer)
    page, drawn = _circle_page(client, circle)
    assert drawn == 1 and "3 replies" in page
    assert _circle_page(client, circle)[1] == 0
    thread = conversation[1][0].thread
    reply_post(thread=thread, actor=moderator, body="And the community centre.")
    page, drawn = _circle_page(client, circle)
    assert drawn == 1 and "4 replies" in page


def test_a_hidden_conversation_keeps_its_title_from_members_but_not_from_its_author(
    client, circle, conversation, moderator, peer, stranger_in_circle
):
    thread = conversation[1][0].thread
    client.force_login(stranger_in_circle)
    assert "Room hire" in _circle_page(client, circle)[0]
    thread_hide(thread=thread, actor=moderator, reason="Off topic")
    page = _circle_page(client, circle)[0]
    assert "Room hire" not in page and "A moderator hid this conversation." in page
    client.force_login(moderator)  # who started it, and moderates
    page = _circle_page(client, circle)[0]
    assert "Room hire" in page and "Hidden" in page
