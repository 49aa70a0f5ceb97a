"""Loading instruments and recording check-ins."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.outcomes import events
from flourish.outcomes.instruments import BUILT_IN, definition_check, definition_read, scores_for
from flourish.outcomes.models import CheckIn, CheckInScore, Instrument
from flourish.outcomes.services.summaries import summary_refresh


def instrument_load(*, definition: dict[str, Any], actor: Any = None) -> Instrument:
    """A checked definition is loaded whole, or replaces the one with its slug; check-ins
    already made keep the scores they were given."""
    definition = definition_check(definition)
    with transaction.atomic():
        instrument, _created = Instrument.objects.update_or_create(
            slug=definition["slug"],
            defaults={
                "name": definition["name"],
                "version": definition["version"],
                "licence": definition.get("licence", ""),
                "definition": definition,
            },
        )
        audit_record(actor=actor, action=events.INSTRUMENT_LOADED, target=instrument)
    return instrument


def instruments_load_built_in() -> list[Instrument]:
    """ONS4 and the demonstration measure that ship with Flourish."""
    return [
        instrument_load(definition=definition_read(path))
        for path in sorted(BUILT_IN.glob("*.json"))
    ]


def checkin_record(
    *, person: Any, instrument: Instrument, answers: dict[str, int], actor: Any
) -> CheckIn:
    """A check-in is the person's own: every item answered, each within the scale."""
    if actor != person:
        raise ValidationError(_("Only the person can do their own check-in."))
    definition = instrument.definition
    low, high = definition["scale"]["min"], definition["scale"]["max"]
    keys = [item["key"] for item in definition["items"]]
    errors = {}
    for key in keys:
        value = answers.get(key)
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            errors[key] = _("Choose a number from %(low)s to %(high)s") % {"low": low, "high": high}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        checkin = CheckIn(
            person=person, instrument=instrument, taken_at=timezone.now(), recorded_by=actor
        )
        checkin.full_clean()
        checkin.save()
        scores = scores_for(definition, {key: answers[key] for key in keys})
        CheckInScore.objects.bulk_create(
            CheckInScore(checkin=checkin, key=key, value=value) for key, value in scores.items()
        )
        audit_record(actor=actor, action=events.CHECKIN_RECORDED, target=checkin)
        summary_refresh(person=person)
    return checkin
