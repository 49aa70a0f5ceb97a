"""Keeping each person's numeric summary up to date: called by every service that changes
a goal's level or weight, its status, or adds a check-in."""

from typing import Any

from flourish.outcomes.models import (
    CheckInScore,
    GoalStatus,
    GoalVersion,
    PersonSummary,
    Review,
)
from flourish.outcomes.scoring import t_score

ONS4_KEYS = ("life_satisfaction", "worthwhile", "happiness", "anxiety")


def _t_score_of(person: Any) -> float | None:
    """The T-score over the person's counted goals: each at its latest review, weighted by
    its current words' weight."""
    rows = (
        Review.objects.filter(version__goal__owner=person, version__goal__in_totals=True)
        .exclude(version__goal__status=GoalStatus.REPLACED)
        .order_by("version__goal_id", "reviewed_on", "id")
        .values_list("version__goal_id", "level")
    )
    latest = dict(rows)  # ordered by date, so the last level of each goal wins
    weights = dict(
        GoalVersion.objects.filter(goal__in=latest.keys())
        .order_by("goal_id", "number")
        .values_list("goal_id", "weight")
    )
    return t_score((level, weights[goal]) for goal, level in latest.items())


def summary_refresh(*, person: Any) -> PersonSummary:
    """Work the person's summary out afresh from their own goals and check-ins."""
    summary, _created = PersonSummary.objects.get_or_create(person=person)
    summary.t_score = _t_score_of(person)
    scores = (
        CheckInScore.objects.filter(
            checkin__person=person,
            checkin__in_totals=True,
            checkin__instrument__slug="ons4",
            key__in=ONS4_KEYS,
        )
        .order_by("checkin__taken_at", "checkin_id")
        .values_list("checkin_id", "key", "value")
    )
    checkins = set()
    for key in ONS4_KEYS:
        setattr(summary, f"{key}_first", None)
        setattr(summary, f"{key}_latest", None)
    for checkin, key, value in scores:
        checkins.add(checkin)
        if getattr(summary, f"{key}_first") is None:
            setattr(summary, f"{key}_first", value)
        setattr(summary, f"{key}_latest", value)
    summary.ons4_checkins = len(checkins)
    summary.save()
    return summary
