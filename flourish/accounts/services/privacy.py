"""Writes for people's rights to their data: recording a request for a copy, and erasure.

Erasure keeps the person's row as a nameless, locked placeholder rather than
deleting it: applications, consents, ledger transactions and audit events
point at it, and must keep doing so for money and time to balance and for the
trail to say what happened. Everything that says who the person was goes."""

import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.accounts import events
from flourish.accounts.models import Consent, ContactRoute, Membership, User
from flourish.core import events as core_events
from flourish.core.privacy import ERASED, audit_events_forget
from flourish.core.services import audit_record
from flourish.grants import privacy as grants_privacy
from flourish.ledger import privacy as ledger_privacy
from flourish.outcomes.services.privacy import outcomes_erase
from flourish.timebank import privacy as timebank_privacy

ERASED_EMAIL_DOMAIN = "erased.invalid"

# How a request reached us: online by the person, or by post, phone or in person to staff.
RECEIVED_BY = {
    "online": gettext_lazy("Online, by the person themselves"),
    "post": gettext_lazy("By post"),
    "phone": gettext_lazy("By phone"),
    "email": gettext_lazy("By email"),
    "in_person": gettext_lazy("In person"),
}


@dataclass
class Erasure:
    """What an erasure did, and what it had to keep."""

    person: User
    kept: list[grants_privacy.Kept]
    accounts_unlinked: int


def _check_received_by(received_by: str) -> None:
    if received_by not in RECEIVED_BY:
        raise ValidationError(
            {"received_by": _("Choose how the request reached you, for example by post")}
        )


@transaction.atomic
def person_data_request_record(*, person: User, actor: Any, received_by: str) -> None:
    """Every copy of a person's data that is made, and for whom, is recorded."""
    _check_received_by(received_by)
    audit_record(
        actor=actor,
        action=events.PERSON_DATA_COPIED,
        target=person,
        data={"received_by": received_by},
    )


def person_data_read_record(*, person: User, actor: Any) -> None:
    """Staff opening a person's copy is a read of their sensitive records, which they can see."""
    audit_record(
        actor=actor,
        action=core_events.SENSITIVE_RECORD_READ,
        target=person,
        data={"fields": ["everything held about them"], "where": "copy of their data"},
    )


@transaction.atomic
def person_erase(
    *, person: User, actor: Any, received_by: str, today: date | None = None
) -> Erasure:
    """Remove or anonymise everything that identifies a person, except what the law makes a
    funder keep for a time; money and time records stay whole and balanced."""
    _check_received_by(received_by)
    person = User.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        raise ValidationError(_("This person's data has already been erased."))
    words = [person.email, person.name, person.phone]
    kept = grants_privacy.erase_person(person=person, actor=actor, today=today)
    unlinked = ledger_privacy.accounts_unlink_person(person=person, actor=actor)
    outcomes_erase(person=person)
    timebank_places = timebank_privacy.erase_person(person=person, actor=actor)
    now = timezone.now()
    for consent in Consent.objects.filter(given_by=person) | Consent.objects.filter(
        granted_to=person
    ):
        consent.notes = ""
        consent.withdrawn_at = consent.withdrawn_at or now
        consent.save(update_fields=["notes", "withdrawn_at", "updated_at"])
    Membership.objects.filter(user=person).delete()
    EmailAddress.objects.filter(user=person).delete()
    Authenticator.objects.filter(user=person).delete()
    _anonymise(person)
    audit_events_forget(person=person, words=words)
    audit_record(
        actor=actor,
        action=events.PERSON_ERASED,
        target=person,
        data={
            "received_by": received_by,
            "kept_applications": [record.application.pk for record in kept],
            "ledger_accounts_unlinked": unlinked,
            "timebank_places_erased": timebank_places,
        },
    )
    return Erasure(person=person, kept=kept, accounts_unlinked=unlinked)


def _anonymise(person: User) -> None:
    person.email = f"erased-{uuid.uuid4().hex}@{ERASED_EMAIL_DOMAIN}"
    person.name = ""
    person.phone = ""
    person.access_needs = ""
    person.preferred_language = ""
    person.contact_route = ContactRoute.EMAIL
    person.is_active = False
    person.is_staff = False
    person.is_superuser = False
    person.last_login = None
    # A changed password hash also ends every session the person still has open.
    person.set_unusable_password()
    person.full_clean()
    person.save()
    person.groups.clear()
    person.user_permissions.clear()


__all__ = [
    "ERASED",
    "RECEIVED_BY",
    "Erasure",
    "person_data_read_record",
    "person_data_request_record",
    "person_erase",
]
