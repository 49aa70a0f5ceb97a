"""Reading goals: the person's own, those they invited someone to, and those they shared
with a group the reader is in (with the role they chose). Anyone else gets 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from flourish.outcomes.models import Goal, GoalHelper, GoalStatus, GoalVersion, Review
from flourish.outcomes.scoring import t_score


@dataclass(frozen=True)
class GoalAccess:
    """A goal as one person may reach it: their own, or one they were invited to."""

    goal: Goal
    is_owner: bool
    may_change: bool


def _goals_with_words() -> QuerySet[Goal]:
    versions = GoalVersion.objects.select_related("written_by").prefetch_related(
        Prefetch("reviews", queryset=Review.objects.select_related("recorded_by"))
    )
    return Goal.objects.select_related(
        "owner", "status_changed_by", "replaces", "replaced_by"
    ).prefetch_related(Prefetch("versions", queryset=versions))


def get_goal_for_user(*, user: Any, pk: int) -> GoalAccess:
    """The person's goal, or one they were invited to; 404 for anyone else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    goal = _goals_with_words().filter(pk=pk).first()
    if goal is None:
        raise Http404
    if goal.owner_id == user.pk:
        return GoalAccess(goal=goal, is_owner=True, may_change=True)
    invitation = GoalHelper.objects.filter(
        goal=goal, helper=user, withdrawn_at__isnull=True
    ).first()
    if invitation is not None:
        return GoalAccess(goal=goal, is_owner=False, may_change=invitation.may_help)
    from flourish.outcomes.selectors.groups import group_shares_visible_to

    if group_shares_visible_to(user=user).filter(goal=goal).exists():
        # Shared with a group the person is in: to see, never to change.
        return GoalAccess(goal=goal, is_owner=False, may_change=False)
    raise Http404


def goal_list_for_owner(*, owner: Any) -> list[Goal]:
    """The person's goals, open ones first, each with its words and reviews."""
    order = {GoalStatus.ACTIVE: 0, GoalStatus.PAUSED: 1, GoalStatus.FINISHED: 2}
    goals = list(_goals_with_words().filter(owner=owner).order_by("-created_at", "-id"))
    return sorted(goals, key=lambda goal: order.get(GoalStatus(goal.status), 3))


def goals_shared_with(*, user: Any) -> QuerySet[GoalHelper]:
    """Goals other people invited this person to."""
    return (
        GoalHelper.objects.filter(helper=user, withdrawn_at__isnull=True)
        .select_related("goal__owner")
        .order_by("-created_at", "-id")
    )


def helpers_of(*, goal: Goal) -> QuerySet[GoalHelper]:
    """Everyone ever invited to the goal, newest first, withdrawn ones too (who saw what)."""
    return goal.helpers.select_related("helper", "invited_by").order_by("-created_at")


def current_version(goal: Goal) -> GoalVersion:
    """The goal's latest words (from the prefetched versions)."""
    versions = list(goal.versions.all())
    return max(versions, key=lambda version: version.number)


def reviews_of(goal: Goal) -> list[Review]:
    """Every review of every version, oldest first, each still tied to its own words."""
    reviews = [review for version in goal.versions.all() for review in version.reviews.all()]
    return sorted(reviews, key=lambda review: (review.reviewed_on, review.pk))


def latest_level(goal: Goal) -> int | None:
    reviews = reviews_of(goal)
    return reviews[-1].level if reviews else None


def person_t_score(goals: list[Goal]) -> float | None:
    """The T-score over the person's open and finished goals at their latest reviews."""
    pairs = []
    for goal in goals:
        if goal.status == GoalStatus.REPLACED:
            continue
        level = latest_level(goal)
        if level is not None:
            pairs.append((level, current_version(goal).weight))
    return t_score(pairs)


@dataclass(frozen=True)
class Look:
    """One look by someone else, with what they saw: a goal (and its words now), or a series."""

    event: Any
    goal: Goal | None
    wording: str
    series: str


def looks_described(events: list[Any], *, person: Any) -> list[Look]:
    """Say what each look was at, in two queries for a whole page of looks."""
    from flourish.outcomes.models import Instrument

    goal_ids = {event.data.get("goal") for event in events} - {None}
    goals = {
        goal.pk: goal
        for goal in Goal.objects.filter(owner=person, pk__in=goal_ids).prefetch_related("versions")
    }
    slugs = {event.data.get("series") for event in events} - {None}
    names = dict(Instrument.objects.filter(slug__in=slugs).values_list("slug", "name"))
    looks = []
    for event in events:
        goal = goals.get(event.data.get("goal"))
        wording = current_version(goal).wording if goal is not None else ""
        slug = event.data.get("series")
        series = names.get(slug, slug) if slug else ""
        looks.append(Look(event=event, goal=goal, wording=wording, series=series))
    return looks


def goals_named_for(*, kind: str, object_id: int) -> list[Goal]:
    """The goals their owners named as served by one thing, still named, with their words."""
    return list(
        _goals_with_words()
        .filter(links__kind=kind, links__object_id=object_id, links__withdrawn_at__isnull=True)
        .order_by("owner__name", "pk")
        .distinct()
    )


def open_goals_of(*, owner: Any) -> list[Goal]:
    """The goals a person may name: the ones they are working on or have paused."""
    return [
        goal
        for goal in goal_list_for_owner(owner=owner)
        if goal.status in (GoalStatus.ACTIVE, GoalStatus.PAUSED)
    ]
