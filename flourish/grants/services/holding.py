"""Writes for holding partners: a funder adds one, and the partner records what it passes on
to a group or spends for it. Every movement of money is a ledger transaction."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import Award, HeldMoneyKind, HeldMoneyMovement, HoldingPartnership
from flourish.grants.money import award_held_money
from flourish.grants.services.payments import HELD_PURPOSE, RECEIVED_PURPOSE
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import account_open, transaction_post

SPENT_PURPOSE = "grants-spent-for-groups"


def _unique_slug(name: str) -> str:
    base = slugify(name)[:180] or "holding-partner"
    slug, number = base, 1
    while Organisation.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def holding_partner_add(
    *, funder: Organisation, actor: Any, name: str, contact_email: str, contact_name: str = ""
) -> HoldingPartnership:
    """A funder adds an organisation that has agreed to hold grants for groups without a bank
    account; the person named there can then see and record what it holds."""
    name, contact_email = name.strip(), contact_email.strip().lower()
    if not name:
        raise ValidationError({"name": _("Enter the holding partner's name.")})
    if funder.kind != OrganisationKind.FUNDER:
        raise ValidationError(_("Only a funder can add a holding partner."))
    partner = Organisation.objects.filter(
        name__iexact=name, kind=OrganisationKind.HOLDING_PARTNER
    ).first()
    if partner is None:
        partner = Organisation(
            name=name, slug=_unique_slug(name), kind=OrganisationKind.HOLDING_PARTNER
        )
        partner.full_clean()
        partner.save()
    if HoldingPartnership.objects.filter(funder=funder, partner=partner).exists():
        raise ValidationError(
            {
                "name": _("%(name)s is already one of your holding partners.")
                % {"name": partner.name}
            }
        )
    partnership = HoldingPartnership(funder=funder, partner=partner, added_by=actor)
    partnership.full_clean()
    partnership.save()
    contact = User.objects.filter(email=contact_email).first()
    if contact is None:
        contact = User.objects.create_user(contact_email, name=contact_name.strip())
    Membership.objects.get_or_create(user=contact, organisation=partner, role=Role.HOLDING_PARTNER)
    audit_record(
        actor=actor,
        action=events.HOLDING_PARTNER_ADDED,
        target=partnership,
        data={"partner": partner.pk, "contact": contact.pk},
    )
    return partnership


def partner_held_account(*, partner: Organisation) -> LedgerAccount:
    """The one account where a holding partner keeps grants for the groups it holds for."""
    return account_open(
        owner=partner,
        purpose=HELD_PURPOSE,
        unit=Unit.GBP,
        name=_("%(partner)s: money held for groups") % {"partner": partner.name},
    )


def _destination(award: Award, kind: str) -> LedgerAccount:
    if kind == HeldMoneyKind.PASSED_ON:
        group = award.application.group
        if group is None:
            raise ValidationError(_("This award has no group to pass the money on to."))
        return account_open(
            owner=group,
            purpose=RECEIVED_PURPOSE,
            unit=Unit.GBP,
            name=_("%(group)s: grants received") % {"group": group.name},
        )
    partner = award.holding_partner
    assert partner is not None  # checked by the caller
    return account_open(
        owner=partner,
        purpose=SPENT_PURPOSE,
        unit=Unit.GBP,
        name=_("%(partner)s: spent for groups") % {"partner": partner.name},
    )


@transaction.atomic
def held_money_move(
    *,
    award: Award,
    actor: Any,
    kind: str,
    amount_pence: int,
    description: str,
    idempotency_key: str,
) -> HeldMoneyMovement:
    """A holding partner passes on to a group, or spends for it, no more than it holds for
    that group's award; a retry with the same key records nothing new."""
    existing = HeldMoneyMovement.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.award_id != award.pk:
        # A key belongs to one award: sent with another, "Recorded" would be untrue.
        raise ValidationError(
            _(
                "This record's reference was already used for a different grant, so nothing "
                "was recorded. Open this grant's page again and record it from there."
            )
        )
    if existing is not None:
        return existing
    # Lock the award so two people at the partner cannot both spend the last of it.
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("application__group", "holding_partner")
        .get(pk=award.pk)
    )
    partner = award.holding_partner
    if partner is None:
        raise ValidationError(_("No holding partner holds this award."))
    if kind not in HeldMoneyKind.values:
        raise ValidationError({"kind": _("Choose whether you passed the money on or spent it.")})
    if not description.strip():
        raise ValidationError(
            {"description": _("Say what it was for, for example hall hire in May.")}
        )
    held = award_held_money(award=award).held_pence
    if held <= 0:
        raise ValidationError(_("You hold nothing for this group from this grant yet."))
    if amount_pence <= 0:
        raise ValidationError({"amount": _("Enter an amount more than £0, for example 50.")})
    if amount_pence > held:
        raise ValidationError(
            {
                "amount": _("You hold %(held)s for this group. Enter an amount up to %(held)s.")
                % {"held": format_pence(held)}
            }
        )
    group_name = award.application.group_name
    posted = transaction_post(
        idempotency_key=f"grants:held-money:{idempotency_key}",
        lines=[
            (partner_held_account(partner=partner), -amount_pence),
            (_destination(award, kind), amount_pence),
        ],
        description=(
            _("%(partner)s for %(group)s: %(what)s")
            % {"partner": partner.name, "group": group_name, "what": description.strip()}
        )[:500],
        actor=actor,
    )
    movement = HeldMoneyMovement(
        award=award,
        kind=kind,
        amount_pence=amount_pence,
        description=description.strip(),
        idempotency_key=idempotency_key,
        ledger_transaction=posted,
        recorded_by=actor,
    )
    movement.full_clean()
    movement.save()
    audit_record(
        actor=actor,
        action=events.HELD_MONEY_MOVED,
        target=award,
        data={"kind": kind, "amount_pence": amount_pence, "transaction": posted.pk},
    )
    return movement
