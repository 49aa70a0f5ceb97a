"""Writes about people: their preferences and the consents they give."""

import re
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts import events
from flourish.accounts.models import (
    Consent,
    ConsentMethod,
    ContactRoute,
    Organisation,
    User,
)
from flourish.core.fields import rotate_token
from flourish.core.services import audit_record

_PHONE_PUNCTUATION = re.compile(r"[\s\-().]")
# A UK number once the country code is turned back into a leading 0: 10 or 11
# digits. Mobiles (the only numbers that can take a text) start 07.
_UK_NUMBER = re.compile(r"0[1-9]\d{8,9}")
_UK_MOBILE = re.compile(r"07\d{9}")


def _uk_phone(raw: str, *, contact_route: str) -> str:
    """The number in one tidy form, or a message saying how to fix it."""
    digits = _PHONE_PUNCTUATION.sub("", raw or "")
    if not digits:
        if contact_route in {ContactRoute.PHONE, ContactRoute.TEXT}:
            raise ValidationError(
                {
                    "phone": _(
                        "Enter a phone number so we can call or text you, or choose email instead"
                    )
                }
            )
        return ""
    for prefix in ("+440", "+44", "0044"):
        if digits.startswith(prefix):
            digits = "0" + digits[len(prefix) :]
            break
    if not _UK_NUMBER.fullmatch(digits):
        raise ValidationError(
            {"phone": _("Enter a UK phone number, like 01632 960 001 or 07700 900 982")}
        )
    if contact_route == ContactRoute.TEXT and not _UK_MOBILE.fullmatch(digits):
        raise ValidationError(
            {"phone": _("Text messages need a mobile number, starting 07, like 07700 900 982")}
        )
    return f"{digits[:5]} {digits[5:]}"


def user_preferences_update(
    *,
    user: User,
    preferred_language: str,
    contact_route: str,
    phone: str,
    access_needs: str,
    actor: User | None = None,
) -> User:
    """A person chooses their language and how we contact them; calls and texts need a UK number."""
    actor = actor or user
    if not actor.has_perm("accounts.change_preferences", user):
        raise PermissionDenied
    with transaction.atomic():
        person = User.objects.select_for_update().get(pk=user.pk)
        wanted = {
            "preferred_language": preferred_language,
            "contact_route": contact_route,
            "phone": _uk_phone(phone, contact_route=contact_route),
            "access_needs": (access_needs or "").strip(),
        }
        changed = sorted(name for name, value in wanted.items() if getattr(person, name) != value)
        for name in changed:
            setattr(person, name, wanted[name])
        person.full_clean()
        if changed:
            person.save(update_fields=changed)
        # Only the names of what changed: the phone number and access needs
        # themselves are special category data and stay out of the audit trail.
        audit_record(
            actor=actor, action=events.PREFERENCES_UPDATED, target=person, data={"changed": changed}
        )
    return person


def _check_consent_recorder(*, given_by: User, method: str, recorded_by: User) -> None:
    if recorded_by.pk == given_by.pk:
        if method != ConsentMethod.ONLINE:
            raise ValidationError(
                {"method": _("Consent you give yourself on this site is recorded as online")}
            )
        return
    if not recorded_by.has_perm("accounts.record_consent_for_others"):
        raise PermissionDenied
    if method == ConsentMethod.ONLINE:
        raise ValidationError(
            {"method": _("Say how the person gave consent: by phone, in person or in writing")}
        )


def consent_record(
    *,
    given_by: User,
    granted_to: User | None = None,
    organisation: Organisation | None = None,
    scope: str,
    method: str,
    recorded_by: User,
    notes: str = "",
) -> Consent:
    """A person lets someone act for them; only they, or staff who heard them say so, record it."""
    _check_consent_recorder(given_by=given_by, method=method, recorded_by=recorded_by)
    if granted_to is None and organisation is None:
        raise ValidationError(_("Choose who may act for this person"))
    if granted_to is not None and granted_to.pk == given_by.pk:
        raise ValidationError(
            {"granted_to": _("Choose someone else: you can always act for yourself")}
        )
    with transaction.atomic():
        # Lock the giver so two requests cannot both record the same consent.
        User.objects.select_for_update().filter(pk=given_by.pk).first()
        if Consent.objects.filter(
            given_by=given_by,
            granted_to=granted_to,
            organisation=organisation,
            scope=scope,
            withdrawn_at__isnull=True,
        ).exists():
            raise ValidationError(_("This consent is already recorded and still in place"))
        consent = Consent(
            given_by=given_by,
            granted_to=granted_to,
            organisation=organisation,
            scope=scope,
            method=method,
            recorded_by=recorded_by,
            notes=notes.strip(),
        )
        consent.full_clean()
        consent.save()
        audit_record(
            actor=recorded_by,
            action=events.CONSENT_RECORDED,
            target=consent,
            data={"scope": scope, "method": method},
        )
    return consent


def consent_withdraw(*, consent: Consent, actor: User) -> Consent:
    """A person can take back a consent at any time; from then on nobody may act on it."""
    if not actor.has_perm("accounts.withdraw_consent", consent):
        raise PermissionDenied
    with transaction.atomic():
        consent = Consent.objects.select_for_update().get(pk=consent.pk)
        if consent.withdrawn_at is not None:
            raise ValidationError(_("This consent has already been withdrawn"))
        consent.withdrawn_at = timezone.now()
        consent.full_clean()
        consent.save(update_fields=["withdrawn_at", "updated_at"])
        audit_record(
            actor=actor,
            action=events.CONSENT_WITHDRAWN,
            target=consent,
            data={"scope": consent.scope},
        )
    return consent


# The keys of `Authenticator.data` that allauth passes through the MFA
# adapter's encrypt(): an app's secret, the recovery codes' seed, and codes
# carried over from an older two-step sign-in package.
_AUTHENTICATOR_SECRET_KEYS = ("secret", "seed")
_AUTHENTICATOR_SECRET_LISTS = ("migrated_codes",)


def _authenticator_data_rotated(data: dict[str, Any]) -> tuple[dict[str, Any], int]:
    """The data with every secret re-encrypted under the newest key, and how many changed."""
    rotated = dict(data)
    count = 0
    for key in _AUTHENTICATOR_SECRET_KEYS:
        if rotated.get(key):
            rotated[key] = rotate_token(rotated[key])
            count += 1
    for key in _AUTHENTICATOR_SECRET_LISTS:
        if rotated.get(key):
            rotated[key] = [rotate_token(token) for token in rotated[key]]
            count += len(rotated[key])
    return rotated, count


def authenticator_secrets_rotate(*, batch_size: int = 500) -> tuple[int, int]:
    """Re-encrypt every authenticator secret under the newest key; returns (values, rows)."""
    values = rows = 0
    last_pk = 0
    while True:
        pks = list(
            Authenticator.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .values_list("pk", flat=True)[:batch_size]
        )
        if not pks:
            return values, rows
        # One transaction per batch, rows locked so a code used meanwhile
        # (which saves the row) is not overwritten: safe to stop and run again.
        with transaction.atomic():
            for authenticator in Authenticator.objects.select_for_update().filter(pk__in=pks):
                authenticator.data, changed = _authenticator_data_rotated(authenticator.data)
                authenticator.save(update_fields=["data"])
                values += changed
        rows += len(pks)
        last_pk = pks[-1]
