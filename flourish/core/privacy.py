"""The audit trail's part in a person's rights: what it holds about them, and erasing
their name from it while keeping each event (what happened, when, to which record)."""

import re
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from flourish.core.events import SENSITIVE_RECORD_READ
from flourish.core.models import AuditEvent

ERASED = "Erased person"


def _about(targets: list[models.Model]) -> Q:
    about = Q(pk__in=[])
    for target in targets:
        about |= Q(target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk))
    return about


def audit_events_about(*, person: Any, records: list[models.Model]) -> models.QuerySet[AuditEvent]:
    """Events done by a person or to them or their records, newest first."""
    return (
        AuditEvent.objects.filter(Q(actor=person) | _about([person, *records]))
        .select_related("actor", "target_type")
        .order_by("-occurred_at", "-id")
    )


def record_reads_about(*, person: Any, records: list[models.Model]) -> models.QuerySet[AuditEvent]:
    """Every time someone was shown a person's sensitive details or their records."""
    return (
        AuditEvent.objects.filter(_about([person, *records]), action=SENSITIVE_RECORD_READ)
        .select_related("actor", "target_type")
        .order_by("-occurred_at", "-id")
    )


def _without(value: Any, words: list[str]) -> Any:
    if isinstance(value, str):
        for word in words:
            value = re.sub(re.escape(word), ERASED, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, list):
        return [_without(item, words) for item in value]
    if isinstance(value, dict):
        return {key: _without(item, words) for key, item in value.items()}
    return value


def audit_events_forget(*, person: Any, words: list[str]) -> int:
    """Take a person's name, email and phone out of the audit trail, keeping every event.

    The trail is append-only, and this is the one change the law asks of it: it
    must not keep naming someone who has been erased. Events still say what was
    done, when, by which (now nameless) account and to which record."""
    words = sorted({word for word in words if len(word) >= 3}, key=len, reverse=True)
    if not words:
        return 0
    mentions = _about([person])
    for word in words:
        mentions |= Q(target_label__icontains=word) | Q(data__icontains=word)
    # Django's base manager (a plain Manager), not AuditEvent.objects, whose update()
    # refuses every change: this is the one place the trail may be rewritten.
    plain = AuditEvent._base_manager.all()
    events = plain.filter(mentions)
    person_type = ContentType.objects.get_for_model(person).pk
    changed = 0
    for event in events.only("pk", "target_type", "target_id", "target_label", "data"):
        label = _without(event.target_label, words)
        if (event.target_type_id, event.target_id) == (person_type, str(person.pk)):
            label = ERASED
        plain.filter(pk=event.pk).update(target_label=label, data=_without(event.data, words))
        changed += 1
    return changed
