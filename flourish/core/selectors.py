"""Reads owned by core."""

from django.db.models import QuerySet

from flourish.core.models import AuditEvent


def audit_event_list(*, action_prefix: str = "") -> QuerySet[AuditEvent]:
    """Audit events, newest first, optionally narrowed to one area (e.g. "ledger.")."""
    events = AuditEvent.objects.select_related("actor", "target_type")
    if action_prefix:
        events = events.filter(action__startswith=action_prefix)
    return events
