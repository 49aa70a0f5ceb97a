"""Reading circles: only their members see anything, and anyone else gets 404."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from flourish.core.written import read_written_once
from flourish.learning.models import (
    Circle,
    CircleInvitation,
    CircleMember,
    Meetup,
    Reply,
    ReplyReport,
    Thread,
)


@dataclass(frozen=True)
class Seat:
    """Where a person sits in one circle."""

    circle: Circle
    member: CircleMember

    @property
    def is_moderator(self) -> bool:
        return self.member.is_moderator


def get_seat_for_user(*, user: Any, slug: str) -> Seat:
    """The person's place in the circle; 404 for anyone who is not in it. One query,
    written once for every member (`core/written.py`): every page of a circle reads it."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = read_written_once(_seat, [slug, user.pk], name="circle seat", model=CircleMember)
    if not found:
        raise Http404
    member = found[0]
    return Seat(circle=member.circle, member=member)


def _seat(slug: str, user_pk: int) -> QuerySet[CircleMember]:
    return CircleMember.objects.select_related("circle").filter(circle__slug=slug, user_id=user_pk)


def get_circle_for_joining(*, user: Any, slug: str) -> Circle:
    """An open circle a signed-in person may join; 404 for a circle by invitation."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    circle = Circle.objects.filter(slug=slug, open_to_join=True).first()
    if circle is None:
        raise Http404
    return circle


def circles_of(*, user: Any) -> list[Circle]:
    """The person's own circles, by name."""
    return list(Circle.objects.filter(members__user=user).order_by("name", "pk"))


def circles_to_join(*, user: Any, name: str = "") -> QuerySet[Circle]:
    """The open circles the person is not in, by name; only those whose name has `name`
    in it, if given. There may be thousands across the country: page through them."""
    circles = Circle.objects.filter(open_to_join=True).exclude(members__user=user)
    if name:
        circles = circles.filter(name__icontains=name)
    return circles.order_by("name", "pk")


# What a list shows of a post's author: their name, or their email if they gave none
# (`User.__str__`). Never their phone number or access needs, which would be decrypted
# for every row that loaded them.
AUTHOR_SHOWN = ("author", "author__name", "author__email")


def threads_of(circle_pk: int) -> QuerySet[Thread]:
    """The circle's conversations, latest activity first, with what the list shows of
    each (not its words, which its own page shows)."""
    return (
        Thread.objects.filter(circle_id=circle_pk)
        .select_related("author")
        .only("circle", "title", "reply_count", "last_activity_at", "hidden_at", *AUTHOR_SHOWN)
        .order_by("-last_activity_at", "-id")
    )


def get_thread_for_seat(*, seat: Seat, pk: int) -> Thread:
    """A conversation in the person's circle, written once (`core/written.py`)."""
    found = read_written_once(_thread_in, [seat.circle.pk, int(pk)], name="thread", model=Thread)
    if not found:
        raise Http404
    thread = found[0]
    thread.circle = seat.circle
    return thread


def _thread_in(circle_pk: int, pk: int) -> QuerySet[Thread]:
    own = [field.name for field in Thread._meta.concrete_fields]
    shown = Thread.objects.select_related("author").only(*own, *AUTHOR_SHOWN)
    return shown.filter(circle_id=circle_pk, pk=pk)


def replies_of(thread_pk: int) -> QuerySet[Reply]:
    """The conversation's replies, oldest first, with what each shows."""
    return (
        Reply.objects.filter(thread_id=thread_pk)
        .select_related("author")
        .only("thread", "body", "created_at", "hidden_at", "hidden_reason", *AUTHOR_SHOWN)
        .order_by("created_at", "id")
    )


def get_reply_for_seat(*, seat: Seat, pk: int) -> Reply:
    reply = (
        Reply.objects.select_related("thread", "author")
        .filter(thread__circle=seat.circle, pk=pk)
        .first()
    )
    if reply is None:
        raise Http404
    reply.thread.circle = seat.circle
    return reply


def members_of(*, circle: Circle) -> QuerySet[CircleMember]:
    """A circle's members, moderators first, then by name."""
    return (
        CircleMember.objects.filter(circle=circle)
        .select_related("user")
        .order_by("-is_moderator", "user__name", "pk")
    )


def get_member_of_circle(*, circle: Circle, pk: int) -> CircleMember:
    """One member of the circle; 404 for anyone else's."""
    member = CircleMember.objects.select_related("circle", "user").filter(circle=circle, pk=pk)
    found = member.first()
    if found is None:
        raise Http404
    return found


def open_reports(*, circle: Circle) -> QuerySet[ReplyReport]:
    return ReplyReport.objects.filter(
        reply__thread__circle=circle, resolved_at__isnull=True
    ).select_related("reply__thread", "reply__author", "reported_by")


def meetups_coming(*, circle: Circle, limit: int = 5) -> list[Meetup]:
    """The circle's next meet-ups (and one under way), soonest first: one query."""
    return list(
        Meetup.objects.filter(circle=circle, ends_at__gt=timezone.now()).order_by(
            "starts_at", "id"
        )[:limit]
    )


def meetups_for_feed(*, circle: Circle) -> QuerySet[Meetup]:
    """What a calendar subscription holds: the last month's meet-ups and every one to come."""
    since = timezone.now() - datetime.timedelta(days=31)
    return Meetup.objects.filter(circle=circle, starts_at__gte=since).order_by("starts_at")[:500]


def get_meetup_for_seat(*, seat: Seat, pk: int) -> Meetup:
    meetup = Meetup.objects.filter(circle=seat.circle, pk=pk).first()
    if meetup is None:
        raise Http404
    return meetup


def get_member_by_feed_secret(*, secret: str) -> CircleMember:
    """The member whose calendar address this is; 404 for a wrong or old secret."""
    member = CircleMember.objects.select_related("circle").filter(feed_secret=secret).first()
    if member is None or not secret:
        raise Http404
    return member


def get_invitation_for_user(*, user: Any, secret: str) -> CircleInvitation:
    """An invitation for the signed-in person's own email; 404 for anyone else, so a
    forwarded link tells a stranger nothing."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    invitation = (
        CircleInvitation.objects.select_related("circle", "invited_by")
        .filter(secret=secret, email__iexact=user.email)
        .first()
    )
    if invitation is None:
        raise Http404
    return invitation


def thread_shown_to(*, thread: Thread, seat: Seat) -> bool:
    """A hidden conversation is still read by its author and the moderators."""
    return not thread.is_hidden or seat.is_moderator or thread.author_id == seat.member.user_id
