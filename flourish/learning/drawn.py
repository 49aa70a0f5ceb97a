"""A circle's conversations and meet-ups, a conversation's replies and what a group might
need now, each drawn once for what it shows and kept (`core/fragments.py`).

Fifty replies, each with its date, two links and phrases in the reader's language, were
more than half of a conversation page's time, and a circle page's 25 conversations
nearly as much; the same ones are read again and again as a circle goes on. Each piece's
content is what it shows, and how the reader stands to it (their own post; a
moderator), which decides the links and whether something hidden is shown. A circle's
next five meet-ups, each with two dates and a link, were a sixth of its page; a group's
ten waiting items, each with two forms, a fifth of its page.
"""

from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe

from flourish.core.fragments import drawn_once
from flourish.core.layout import CSRF_INPUT, csrf_field
from flourish.learning.models import Meetup, Reply, Thread
from flourish.learning.selectors.circles import Seat
from flourish.learning.selectors.prompts import Waiting


def drawn_replies(replies: list[Reply], *, seat: Seat) -> list[SafeString]:
    """The replies as HTML, in order, as `seat`'s holder sees them."""
    reader_id, is_moderator, slug = seat.member.user_id, seat.is_moderator, seat.circle.slug

    def shown(reply: Reply) -> list[Any]:
        return [
            reply.pk,
            slug,
            str(reply.author),
            reply.created_at,
            reply.body,
            reply.hidden_at is not None,
            reply.hidden_reason,
            reply.author_id == reader_id,
            is_moderator,
        ]

    def context(reply: Reply) -> dict[str, Any]:
        return {
            "reply": reply,
            "circle_slug": slug,
            "is_author": reply.author_id == reader_id,
            "is_moderator": is_moderator,
        }

    return drawn_once(
        replies,
        kind="learning-reply",
        templates=("learning/_reply.html",),
        content=shown,
        context=context,
    )


def drawn_threads(threads: list[Thread], *, seat: Seat) -> list[SafeString]:
    """A page of the circle's conversations as list items, as `seat`'s holder sees them."""
    reader_id, is_moderator, slug = seat.member.user_id, seat.is_moderator, seat.circle.slug

    def shows_title(thread: Thread) -> bool:
        return not thread.is_hidden or is_moderator or thread.author_id == reader_id

    def shown(thread: Thread) -> list[Any]:
        return [
            thread.pk,
            slug,
            thread.title,
            str(thread.author),
            thread.reply_count,
            thread.last_activity_at,
            thread.is_hidden,
            shows_title(thread),
        ]

    def context(thread: Thread) -> dict[str, Any]:
        return {"thread": thread, "circle_slug": slug, "shows_title": shows_title(thread)}

    return drawn_once(
        threads,
        kind="learning-thread",
        templates=("learning/_thread_item.html",),
        content=shown,
        context=context,
    )


def drawn_meetups(meetups: list[Meetup], *, slug: str) -> list[SafeString]:
    """The circle's meet-ups as list items, in order: the same for every member."""

    def shown(meetup: Meetup) -> list[Any]:
        return [
            meetup.pk,
            slug,
            meetup.title,
            meetup.starts_at,
            meetup.ends_at,
            meetup.where,
            meetup.details,
        ]

    return drawn_once(
        meetups,
        kind="learning-meetup",
        templates=("learning/_meetup_item.html",),
        content=shown,
        context=lambda meetup: {"meetup": meetup, "circle_slug": slug},
    )


def drawn_waiting(
    waiting: list[Waiting], *, group_slug: str, request: HttpRequest
) -> list[SafeString]:
    """What the group might need now, each with its guide and its two answers, in order.
    The answers' forms are drawn with a marker and get this request's CSRF field."""

    def shown(item: Waiting) -> list[Any]:
        guide = item.guide
        return [
            item.prompt.pk,
            item.prompt.reason,
            group_slug,
            guide,
        ]

    pieces = drawn_once(
        waiting,
        kind="learning-waiting",
        templates=("learning/_waiting_item.html",),
        content=shown,
        context=lambda item: {
            "item": item,
            "group_slug": group_slug,
            "csrf_input": mark_safe(CSRF_INPUT),  # a marker, replaced for each request
        },
    )
    field = csrf_field(request)
    return [mark_safe(piece.replace(CSRF_INPUT, field)) for piece in pieces]  # escaped
