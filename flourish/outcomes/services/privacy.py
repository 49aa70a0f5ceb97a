"""Erasing a person's outcomes when they ask for their data to be erased."""

from typing import Any

from django.db import transaction
from django.utils import timezone

from flourish.outcomes.models import (
    CheckIn,
    Goal,
    GoalHelper,
    GoalVersion,
    GroupShare,
    PersonSummary,
    RecordKey,
    Review,
    SeriesShare,
    TotalsConsent,
)


def outcomes_erase(*, person: Any) -> int:
    """Everything a person wrote or scored goes: goals, versions, reviews, reminders,
    check-ins, what they shared and named, their consents to totals; and invitations to see
    other people's goals and check-ins end. Nothing is
    kept, because nothing here is a record anyone else is owed. Returns goals erased."""
    with transaction.atomic():
        goals = list(Goal.objects.filter(owner=person).values_list("pk", flat=True))
        Review.objects.filter(version__goal__in=goals).delete()
        GoalHelper.objects.filter(goal__in=goals).delete()
        # A replaced goal points at the one before it: unhook them before deleting.
        Goal.objects.filter(pk__in=goals).update(replaces=None)
        GoalVersion.objects.filter(goal__in=goals).delete()
        Goal.objects.filter(pk__in=goals).delete()
        # Links to plans, proposals, pairs and grants go with their goals (CASCADE).
        SeriesShare.objects.filter(person=person).delete()
        GroupShare.objects.filter(person=person).delete()
        CheckIn.objects.filter(person=person).delete()
        TotalsConsent.objects.filter(person=person).delete()
        RecordKey.objects.filter(person=person).delete()
        PersonSummary.objects.filter(person=person).delete()
        GoalHelper.objects.filter(helper=person, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
        SeriesShare.objects.filter(viewer=person, withdrawn_at__isnull=True).update(
            withdrawn_at=timezone.now()
        )
    return len(goals)
