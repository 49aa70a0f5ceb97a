"""Reads for mentoring: suggested matches, the coordinator's overview and waits."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from flourish.accounts.selectors import private_fields_of
from flourish.timebank.models import (
    ApplicationStatus,
    MenteeRequest,
    MentorApplication,
    MentoringPair,
    MentoringScheme,
    MentoringSession,
    PairStatus,
    RequestStatus,
)


@dataclass
class Suggestion:
    mentor: MentorApplication
    places_left: int
    score: int = 0
    reasons: list[str] = field(default_factory=list)


def _score(mentor: MentorApplication, mentee: MenteeRequest, places_left: int) -> Suggestion:
    suggestion = Suggestion(mentor=mentor, places_left=places_left)
    for name, weight in (("languages", 3), ("interests", 2), ("days", 1)):
        shared = mentor.words(name) & mentee.words(name)
        if shared:
            suggestion.score += weight * len(shared)
            suggestion.reasons.append(", ".join(sorted(shared)))
    if mentor.member.area.strip().lower() == mentee.member.area.strip().lower():
        suggestion.score += 2
        suggestion.reasons.append(mentor.member.area)
    return suggestion


def match_suggestions(*, mentee: MenteeRequest, limit: int = 10) -> list[Suggestion]:
    """Approved mentors with room, best fit first: shared languages, interests, days and area.
    A preference the mentee states (same gender, same community) is kept to, not weighed."""
    mentors = (
        MentorApplication.objects.filter(scheme=mentee.scheme, status=ApplicationStatus.APPROVED)
        .exclude(member=mentee.member)
        .select_related("member__user")
        .defer(*private_fields_of("member__user"))
        .annotate(
            taken=Count(
                "pairs", filter=Q(pairs__status__in=[PairStatus.PROPOSED, PairStatus.ACTIVE])
            )
        )
    )
    if mentee.same_gender and mentee.gender:
        mentors = mentors.filter(gender__iexact=mentee.gender)
    if mentee.same_community and mentee.community:
        mentors = mentors.filter(community__iexact=mentee.community)
    suggestions = [
        _score(mentor, mentee, mentor.capacity - mentor.taken)
        for mentor in mentors
        if mentor.capacity > mentor.taken
    ]
    return sorted(suggestions, key=lambda s: (-s.score, str(s.mentor)))[:limit]


@dataclass(frozen=True)
class Waiting:
    request: MenteeRequest
    days_waiting: int


@dataclass(frozen=True)
class MentoringOverview:
    pairs: list[Any]
    sessions_by_month: list[tuple[str, int]]
    waiting: list[Waiting]
    applications: list[MentorApplication]


def mentoring_overview(*, scheme: MentoringScheme) -> MentoringOverview:
    """The coordinator's view: pairs with their session counts, sessions per month, the waiting
    list with how long each person has waited, and mentors waiting for approval."""
    today = timezone.now()
    pairs = list(
        scheme.pairs.select_related("mentor__member__user", "mentee__member__user")
        .annotate(session_count=Count("sessions"))
        .order_by("status", "-created_at")[:100]
    )
    months = (
        MentoringSession.objects.filter(pair__scheme=scheme)
        .annotate(month=TruncMonth("happened_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    waiting = [
        Waiting(request=r, days_waiting=(today - r.created_at).days)
        for r in MenteeRequest.objects.filter(scheme=scheme, status=RequestStatus.WAITING)
        .select_related("member__user")
        .order_by("created_at")[:100]
    ]
    applications = list(
        MentorApplication.objects.filter(scheme=scheme, status=ApplicationStatus.APPLIED)
        .select_related("member__user")
        .order_by("created_at")[:100]
    )
    return MentoringOverview(
        pairs=pairs,
        sessions_by_month=[(row["month"].strftime("%Y-%m"), row["n"]) for row in months],
        waiting=waiting,
        applications=applications,
    )


def pairs_for_member(*, scheme: MentoringScheme, user: object) -> QuerySet[MentoringPair]:
    """The pairs a person is in, as mentor or mentee."""
    return scheme.pairs.filter(
        Q(mentor__member__user=user) | Q(mentee__member__user=user)
    ).select_related("mentor__member__user", "mentee__member__user")
