"""Setting, reviewing and changing goals: by the person, or by someone they invited to help."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.outcomes import events
from flourish.outcomes.models import LEVELS, Goal, GoalStatus, GoalVersion, Review
from flourish.outcomes.rules import may_change_goal
from flourish.outcomes.services.reminders import reminder_roll_on
from flourish.outcomes.services.summaries import summary_refresh

LEVEL_FIELDS = ("much_worse", "worse", "expected", "better", "much_better")


def _check_may_change(goal: Goal, actor: Any) -> None:
    if not may_change_goal(actor, goal):
        raise ValidationError(
            _("Only the person whose goal this is, or someone they invited to help, can do this.")
        )


def _version_make(
    *, goal: Goal, number: int, wording: str, levels: dict[str, str], weight: int, actor: Any
) -> GoalVersion:
    version = GoalVersion(
        goal=goal,
        number=number,
        wording=wording.strip(),
        weight=weight,
        written_by=actor,
        **{field: levels.get(field, "").strip() for field in LEVEL_FIELDS},
    )
    if not version.wording:
        raise ValidationError({"wording": _("Write your goal in your own words.")})
    if not 1 <= weight <= 10:
        raise ValidationError({"weight": _("Give the goal a weight from 1 to 10.")})
    version.full_clean(exclude=["goal"])
    version.save()
    return version


def goal_set(
    *,
    owner: Any,
    wording: str,
    actor: Any,
    levels: dict[str, str] | None = None,
    weight: int = 1,
    replaces: Goal | None = None,
) -> Goal:
    """A person sets a goal in their own words, with what each level would look like if they
    want. Only they can start a goal; people they invite help review and reword it."""
    if actor != owner:
        raise ValidationError(_("Only the person can set a new goal for themselves."))
    with transaction.atomic():
        goal = Goal(owner=owner, replaces=replaces)
        goal.full_clean()
        goal.save()
        _version_make(
            goal=goal, number=1, wording=wording, levels=levels or {}, weight=weight, actor=actor
        )
        audit_record(actor=actor, action=events.GOAL_SET, target=goal)
    return goal


def goal_reword(
    *, goal: Goal, wording: str, actor: Any, levels: dict[str, str] | None = None, weight: int = 1
) -> GoalVersion:
    """Rewording makes a new version; the old one keeps its words and its reviews."""
    _check_may_change(goal, actor)
    if goal.status == GoalStatus.REPLACED:
        raise ValidationError(_("This goal was replaced. Reword the goal that replaced it."))
    with transaction.atomic():
        latest = goal.versions.select_for_update().order_by("-number").first()
        number = (latest.number if latest else 0) + 1
        version = _version_make(
            goal=goal,
            number=number,
            wording=wording,
            levels=levels or {},
            weight=weight,
            actor=actor,
        )
        audit_record(
            actor=actor, action=events.GOAL_REWORDED, target=goal, data={"version": number}
        )
        summary_refresh(person=goal.owner)
    return version


def goal_review(
    *,
    goal: Goal,
    level: int,
    actor: Any,
    note: str = "",
    reviewed_on: datetime.date | None = None,
) -> Review:
    """A review says where the person is now on the goal's current words."""
    _check_may_change(goal, actor)
    if level not in LEVELS:
        raise ValidationError({"level": _("Choose where you are now, from the five levels.")})
    if goal.status in (GoalStatus.FINISHED, GoalStatus.REPLACED):
        raise ValidationError(_("This goal is closed. Set a new goal to keep going."))
    today = timezone.localdate()
    when = reviewed_on or today
    if when > today:
        raise ValidationError({"reviewed_on": _("The date of a review cannot be in the future.")})
    with transaction.atomic():
        version = goal.versions.order_by("-number").first()
        review = Review(
            version=version, level=level, note=note.strip(), reviewed_on=when, recorded_by=actor
        )
        review.full_clean()
        review.save()
        audit_record(actor=actor, action=events.GOAL_REVIEWED, target=goal)
        reminder_roll_on(goal=goal, reviewed_on=when)
        summary_refresh(person=goal.owner)
    return review


_MOVES = {
    "pause": ((GoalStatus.ACTIVE,), GoalStatus.PAUSED, events.GOAL_PAUSED),
    "resume": ((GoalStatus.PAUSED,), GoalStatus.ACTIVE, events.GOAL_RESUMED),
    "finish": ((GoalStatus.ACTIVE, GoalStatus.PAUSED), GoalStatus.FINISHED, events.GOAL_FINISHED),
}


def goal_move(*, goal: Goal, move: str, actor: Any) -> Goal:
    """Pause, resume or finish a goal: only the person decides, and the history stays."""
    if actor != goal.owner:
        raise ValidationError(_("Only the person whose goal this is can pause or finish it."))
    if move not in _MOVES:
        raise ValidationError(_("Choose pause, resume or finish."))
    allowed, status, action = _MOVES[move]
    if goal.status not in allowed:
        raise ValidationError(
            _("This goal cannot do that now: it is %s.") % goal.get_status_display()
        )
    with transaction.atomic():
        goal.status = status
        goal.status_changed_by = actor
        goal.status_changed_at = timezone.now()
        goal.full_clean()
        goal.save()
        audit_record(actor=actor, action=action, target=goal)
        summary_refresh(person=goal.owner)
    return goal


def goal_replace(
    *,
    goal: Goal,
    wording: str,
    actor: Any,
    levels: dict[str, str] | None = None,
    weight: int = 1,
) -> Goal:
    """A goal that no longer fits is replaced by a new one; the old one and its reviews stay."""
    if actor != goal.owner:
        raise ValidationError(_("Only the person whose goal this is can replace it."))
    if goal.status == GoalStatus.REPLACED:
        raise ValidationError(_("This goal was already replaced."))
    with transaction.atomic():
        new = goal_set(
            owner=goal.owner,
            wording=wording,
            actor=actor,
            levels=levels,
            weight=weight,
            replaces=goal,
        )
        goal.status = GoalStatus.REPLACED
        goal.status_changed_by = actor
        goal.status_changed_at = timezone.now()
        goal.save()
        audit_record(actor=actor, action=events.GOAL_REPLACED, target=goal, data={"by": new.pk})
        summary_refresh(person=goal.owner)
    return new
