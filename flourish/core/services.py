"""Writes owned by core: the audit trail."""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from flourish.core.models import AuditEvent


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Every service that changes something records who did what, to what, and when."""
    event = AuditEvent(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        data=data or {},
    )
    if target is not None:
        event.target_type = ContentType.objects.get_for_model(target)
        event.target_id = str(target.pk)
        event.target_label = str(target)[:200]
    event.full_clean()
    event.save()
    return event
