"""Reading circles: only their members see anything, and anyone else gets 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from flourish.learning.models import Circle, CircleMember, Reply, ReplyReport, Thread


@dataclass(frozen=True)
class Seat:
    """Where a person sits in one circle."""

    circle: Circle
    member: CircleMember

    @property
    def is_moderator(self) -> bool:
        return self.member.is_moderator


def get_seat_for_user(*, user: Any, slug: str) -> Seat:
    """The person's place in the circle; 404 for anyone who is not in it. One query."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    member = (
        CircleMember.objects.select_related("circle").filter(circle__slug=slug, user=user).first()
    )
    if member is None:
        raise Http404
    return Seat(circle=member.circle, member=member)


def get_circle_for_joining(*, user: Any, slug: str) -> Circle:
    """An open circle a signed-in person may join; 404 for a circle by invitation."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    circle = Circle.objects.filter(slug=slug, open_to_join=True).first()
    if circle is None:
        raise Http404
    return circle


def circles_for(*, user: Any) -> tuple[list[Circle], list[Circle]]:
    """The person's circles, and the open ones they could join."""
    mine = list(Circle.objects.filter(members__user=user).order_by("name"))
    others = list(Circle.objects.filter(open_to_join=True).exclude(members__user=user))
    return mine, others


def threads_of(*, circle: Circle) -> QuerySet[Thread]:
    return (
        Thread.objects.filter(circle=circle)
        .select_related("author")
        .order_by("-last_activity_at", "-id")
    )


def get_thread_for_seat(*, seat: Seat, pk: int) -> Thread:
    thread = Thread.objects.select_related("author").filter(circle=seat.circle, pk=pk).first()
    if thread is None:
        raise Http404
    thread.circle = seat.circle
    return thread


def replies_of(*, thread: Thread) -> QuerySet[Reply]:
    return Reply.objects.filter(thread=thread).select_related("author").order_by("created_at", "id")


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


def open_reports(*, circle: Circle) -> QuerySet[ReplyReport]:
    return ReplyReport.objects.filter(
        reply__thread__circle=circle, resolved_at__isnull=True
    ).select_related("reply__thread", "reply__author", "reported_by")
