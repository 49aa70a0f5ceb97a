"""The person names which of their goals something serves, and can take any back."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.outcomes import events
from flourish.outcomes.models import Goal, GoalLink, GoalStatus


def goal_links_set(*, person: Any, kind: str, object_id: int, goals: list[Goal], actor: Any) -> int:
    """Only the person names their own open goals; goals they leave out stop being named.
    Returns how many goals are named now."""
    if actor != person:
        raise ValidationError(_("Only the person can choose which of their goals this serves."))
    open_statuses = (GoalStatus.ACTIVE, GoalStatus.PAUSED)
    for goal in goals:
        if goal.owner_id != person.pk or goal.status not in open_statuses:
            raise ValidationError({"goals": _("Choose from your own open goals.")})
    chosen = {goal.pk for goal in goals}
    with transaction.atomic():
        current = {
            link.goal_id: link
            for link in GoalLink.objects.select_for_update().filter(
                goal__owner=person, kind=kind, object_id=object_id, withdrawn_at__isnull=True
            )
        }
        for goal_id, link in current.items():
            if goal_id not in chosen:
                link.withdrawn_at = timezone.now()
                link.save(update_fields=["withdrawn_at", "updated_at"])
                audit_record(
                    actor=actor,
                    action=events.GOAL_UNLINKED,
                    target=link.goal,
                    data={"kind": kind, "object_id": object_id},
                )
        for goal in goals:
            if goal.pk in current:
                continue
            link = GoalLink(goal=goal, kind=kind, object_id=object_id)
            link.full_clean()
            link.save()
            audit_record(
                actor=actor,
                action=events.GOAL_LINKED,
                target=goal,
                data={"kind": kind, "object_id": object_id},
            )
    return len(chosen)
