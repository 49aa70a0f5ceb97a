"""A conversation page's replies, each drawn once for what it shows (`core/fragments.py`).

Fifty replies, each with its date, two links and phrases in the reader's language, were
more than half of a conversation page's time, and the same replies are read again and
again as a conversation goes on. A reply's content is what it shows: its words, its
author's name, when it was written, whether and why a moderator hid it, and how the
reader stands to it (their own reply; a moderator), which decide the links and whether
a hidden reply's words are shown.
"""

from collections.abc import Iterable
from typing import Any

from django.utils.safestring import SafeString

from flourish.core.fragments import drawn_once
from flourish.learning.models import Reply
from flourish.learning.selectors.circles import Seat

TEMPLATES = ("learning/_reply.html",)


def drawn_replies(replies: Iterable[Reply], *, seat: Seat) -> list[SafeString]:
    """The replies as HTML, in order, as `seat`'s holder sees them."""
    reader_id, is_moderator = seat.member.user_id, seat.is_moderator
    slug = seat.circle.slug

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
        list(replies), kind="learning-reply", templates=TEMPLATES, content=shown, context=context
    )
