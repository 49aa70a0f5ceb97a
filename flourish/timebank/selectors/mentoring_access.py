"""Finding a mentoring scheme and a pair for a person; anyone else gets 404."""

from typing import Any

from django.http import Http404

from flourish.timebank.models import (
    MenteeRequest,
    MentorApplication,
    MentoringPair,
    MentoringScheme,
)
from flourish.timebank.selectors.access import Place


def get_scheme_for_place(*, place: Place, scheme_slug: str) -> MentoringScheme:
    """A scheme of the timebank the person belongs to or coordinates."""
    scheme = MentoringScheme.objects.filter(timebank=place.timebank, slug=scheme_slug).first()
    if scheme is None:
        raise Http404
    return scheme


def get_pair_for_user(*, scheme: MentoringScheme, user: Any, pk: int) -> MentoringPair:
    """A pair's page is the two people's own; mentoring notes never reach anyone else."""
    pair = (
        MentoringPair.objects.select_related(
            "mentor__member__user", "mentee__member__user", "scheme"
        )
        .filter(scheme=scheme, pk=pk)
        .first()
    )
    people = {pair.mentor.member.user_id, pair.mentee.member.user_id} if pair else set()
    if pair is None or getattr(user, "pk", None) not in people:
        raise Http404
    return pair


def get_waiting_for_coordinator(*, place: Place, scheme: MentoringScheme, pk: int) -> MenteeRequest:
    if not place.is_coordinator:
        raise Http404
    request = (
        MenteeRequest.objects.select_related("member__user").filter(scheme=scheme, pk=pk).first()
    )
    if request is None:
        raise Http404
    return request


def get_application_for_coordinator(
    *, place: Place, scheme: MentoringScheme, pk: int
) -> MentorApplication:
    if not place.is_coordinator:
        raise Http404
    application = (
        MentorApplication.objects.select_related("member__user")
        .filter(scheme=scheme, pk=pk)
        .first()
    )
    if application is None:
        raise Http404
    return application
