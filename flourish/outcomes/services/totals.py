"""The person chooses which totals they are counted in, and which of their goals count,
and can leave at any time."""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.outcomes import events
from flourish.outcomes.models import POPULATIONS, Goal, RecordKey, TotalsConsent
from flourish.outcomes.services.summaries import summary_refresh


def record_key_for(person: Any) -> RecordKey:
    """The person's fixed random key for the totals' noise, made the first time it is needed."""
    key, _created = RecordKey.objects.get_or_create(
        person=person, defaults={"key": secrets.randbits(31)}
    )
    return key


def totals_join(*, person: Any, actor: Any, **population: Any) -> TotalsConsent:
    """Only the person agrees to be counted (for one programme, group, council, timebank or
    mentoring scheme); it is never asked of them for money or support."""
    if actor != person:
        raise ValidationError(_("Only the person can agree to be counted in totals."))
    named = {kind: population.get(kind) for kind in POPULATIONS}
    if set(population) - set(POPULATIONS):
        raise ValueError("A population is one programme, group, council, timebank or scheme.")
    with transaction.atomic():
        record_key_for(person)
        existing = TotalsConsent.objects.filter(
            person=person, withdrawn_at__isnull=True, **named
        ).first()
        if existing is not None:
            return existing
        consent = TotalsConsent(person=person, **named)
        consent.full_clean()
        consent.save()
        audit_record(actor=actor, action=events.TOTALS_JOINED, target=consent)
    return consent


def totals_leave(*, consent: TotalsConsent, actor: Any) -> TotalsConsent:
    """Withdrawing leaves the person out of every total from the next time it is worked out."""
    if actor != consent.person:
        raise ValidationError(_("Only the person can stop being counted."))
    if consent.withdrawn_at is None:
        with transaction.atomic():
            consent.withdrawn_at = timezone.now()
            consent.save(update_fields=["withdrawn_at", "updated_at"])
            audit_record(actor=actor, action=events.TOTALS_LEFT, target=consent)
    return consent


def totals_read_record(*, reader: Any, **population: Any) -> None:
    """Who looked at which totals, for the audit trail."""
    target = next(value for value in population.values() if value is not None)
    audit_record(actor=reader, action=events.TOTALS_READ, target=target)


def goal_in_totals_set(*, goal: Goal, in_totals: bool, actor: Any) -> Goal:
    """The person decides, goal by goal, whether it counts in the totals they joined."""
    if actor != goal.owner:
        raise ValidationError(_("Only the person whose goal this is can decide this."))
    if goal.in_totals != in_totals:
        with transaction.atomic():
            goal.in_totals = in_totals
            goal.save(update_fields=["in_totals", "updated_at"])
            audit_record(
                actor=actor,
                action=events.GOAL_IN_TOTALS_SET,
                target=goal,
                data={"in_totals": in_totals},
            )
            summary_refresh(person=goal.owner)
    return goal
