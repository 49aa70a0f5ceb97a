"""The person chooses which totals they are counted in, and can leave at any time."""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.outcomes import events
from flourish.outcomes.models import RecordKey, TotalsConsent


def record_key_for(person: Any) -> RecordKey:
    """The person's fixed random key for the totals' noise, made the first time it is needed."""
    key, _created = RecordKey.objects.get_or_create(
        person=person, defaults={"key": secrets.randbits(31)}
    )
    return key


def totals_join(
    *, person: Any, actor: Any, programme: Any = None, group: Any = None
) -> TotalsConsent:
    """Only the person agrees to be counted; it is never asked of them for money or support."""
    if actor != person:
        raise ValidationError(_("Only the person can agree to be counted in totals."))
    with transaction.atomic():
        record_key_for(person)
        existing = TotalsConsent.objects.filter(
            person=person, programme=programme, group=group, withdrawn_at__isnull=True
        ).first()
        if existing is not None:
            return existing
        consent = TotalsConsent(person=person, programme=programme, group=group)
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


def totals_read_record(*, reader: Any, programme: Any = None, group: Any = None) -> None:
    """Who looked at which totals, for the audit trail."""
    audit_record(
        actor=reader,
        action=events.TOTALS_READ,
        target=programme or group,
    )
