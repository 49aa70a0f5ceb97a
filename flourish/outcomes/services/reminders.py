"""Reminders the person sets to review a goal: they choose the date (and, if they want, how
often it comes round again); Flourish sends one email for each date it falls due."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.outcomes import events
from flourish.outcomes.models import Goal, GoalStatus

LONGEST_REPEAT_WEEKS = 52


def goal_reminder_set(
    *, goal: Goal, actor: Any, remind_on: datetime.date | None, every_weeks: int | None = None
) -> Goal:
    """Only the person sets (or stops) a reminder for their own open goal, never in the past."""
    if actor != goal.owner:
        raise ValidationError(_("Only the person whose goal this is can set its reminder."))
    if goal.status not in (GoalStatus.ACTIVE, GoalStatus.PAUSED):
        raise ValidationError(_("This goal is closed, so it needs no reminder."))
    if remind_on is not None and remind_on < timezone.localdate():
        raise ValidationError({"remind_on": _("Choose today or a date in the future.")})
    if every_weeks is not None and not 1 <= every_weeks <= LONGEST_REPEAT_WEEKS:
        raise ValidationError(
            {"every_weeks": _("Enter a number of weeks from 1 to 52, or leave it empty.")}
        )
    with transaction.atomic():
        goal.remind_on = remind_on
        goal.remind_every_weeks = every_weeks if remind_on else None
        goal.full_clean()
        goal.save(update_fields=["remind_on", "remind_every_weeks", "updated_at"])
        audit_record(
            actor=actor,
            action=events.GOAL_REMINDER_SET,
            target=goal,
            data={"remind_on": str(remind_on or ""), "every_weeks": goal.remind_every_weeks},
        )
    return goal


def reminder_roll_on(*, goal: Goal, reviewed_on: datetime.date) -> None:
    """After a review, a repeating reminder moves to the same number of weeks later."""
    if goal.remind_on is None or not goal.remind_every_weeks:
        return
    goal.remind_on = reviewed_on + datetime.timedelta(weeks=goal.remind_every_weeks)
    goal.save(update_fields=["remind_on", "updated_at"])


def _not_yet_sent() -> Q:
    return Q(reminded_for__isnull=True) | ~Q(reminded_for=F("remind_on"))


def reminders_due(*, today: datetime.date) -> QuerySet[Goal]:
    """Working goals of people still here, whose reminder date has come and not been sent."""
    return (
        Goal.objects.filter(
            status=GoalStatus.ACTIVE,
            owner__is_active=True,
            remind_on__isnull=False,
            remind_on__lte=today,
        )
        .filter(_not_yet_sent())
        .select_related("owner")
        .order_by("remind_on", "pk")
    )


def _send(goal: Goal) -> None:
    person = goal.owner
    if not person.email:
        return
    # The email never carries the goal's words: an inbox is not as private as Flourish.
    with override(person.preferred_language or None):
        email_send.enqueue(
            to=[person.email],
            subject=_("A reminder you set: review one of your goals"),
            body=render_to_string(
                "outcomes/messages/review_reminder.txt",
                {"link": settings.SITE_URL.rstrip("/") + reverse("outcomes:home")},
            ),
        )


def review_reminders_send(*, today: datetime.date | None = None) -> int:
    """Run daily: one email for each reminder date that has come. A second run, or a second
    worker, sends nothing more for the same date."""
    today = today or timezone.localdate()
    sent = 0
    for goal in reminders_due(today=today):
        with transaction.atomic():
            # Claim it first: only the run that moves `reminded_for` sends the email.
            claimed = (
                Goal.objects.filter(pk=goal.pk)
                .filter(_not_yet_sent())
                .update(reminded_for=F("remind_on"))
            )
            if not claimed:
                continue
            _send(goal)
            audit_record(
                actor=None,
                action=events.REVIEW_REMINDER_SENT,
                target=goal,
                data={"due": str(goal.remind_on)},
            )
            sent += 1
    return sent
