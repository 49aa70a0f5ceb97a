"""Writes for paying awards: every payment is a ledger transaction from the programme's budget."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.accounts.models import Organisation
from flourish.core.formatting import format_pence
from flourish.core.public_cache import area_changed_now_and_when_committed
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import (
    Application,
    ApplicationStatus,
    Award,
    PayeeKind,
    Payment,
    Programme,
)
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount, LedgerTransaction, Unit
from flourish.ledger.services import account_open, transaction_post

BUDGET_PURPOSE = "grant-budget"
RECEIVED_PURPOSE = "grants-received"
HELD_PURPOSE = "grants-held-for-groups"
SUPPLIER_PURPOSE = "supplier-payments"


def programme_budget_account(*, programme: Programme) -> LedgerAccount:
    """The ledger account a programme pays grants from; it cannot go overdrawn."""
    return account_open(
        owner=programme,
        purpose=BUDGET_PURPOSE,
        unit=Unit.GBP,
        name=_("%(programme)s: grants budget") % {"programme": programme.title},
    )


def supplier_payments_account(*, programme: Programme) -> LedgerAccount:
    """Money a programme paid to suppliers on groups' behalf leaves the ledger through here."""
    return account_open(
        owner=programme,
        purpose=SUPPLIER_PURPOSE,
        unit=Unit.GBP,
        name=_("%(programme)s: payments to suppliers") % {"programme": programme.title},
    )


def payee_account(*, award: Award) -> tuple[Organisation, LedgerAccount]:
    """The group's own account, or its holding partner's when the group has no bank account."""
    partner = award.holding_partner
    if partner is not None:
        account = account_open(
            owner=partner,
            purpose=HELD_PURPOSE,
            unit=Unit.GBP,
            name=_("%(partner)s: money held for groups") % {"partner": partner.name},
        )
        return partner, account
    group = award.application.group
    if group is None:
        raise ValidationError(_("This award has no group to pay."))
    account = account_open(
        owner=group,
        purpose=RECEIVED_PURPOSE,
        unit=Unit.GBP,
        name=_("%(group)s: grants received") % {"group": group.name},
    )
    return group, account


def programme_fund(
    *,
    programme: Programme,
    actor: Any,
    amount_pence: int,
    source: LedgerAccount,
    idempotency_key: str,
) -> LedgerTransaction:
    """A programme's budget is filled from a funder's account before grants are paid from it."""
    return transaction_post(
        idempotency_key=f"grants:programme-fund:{idempotency_key}",
        lines=[
            (source, -amount_pence),
            (programme_budget_account(programme=programme), amount_pence),
        ],
        description=Described(
            gettext_noop("Money for %(programme)s"), {"programme": programme.title}
        ),
        actor=actor,
    )


def _supplier_fields(*, supplier_name: str, supplier_for: str) -> tuple[str, str]:
    name, purpose = supplier_name.strip(), supplier_for.strip()
    errors = {}
    if not name:
        errors["supplier_name"] = _("Enter the supplier's name, for example Leeds Print Co.")
    if not purpose:
        errors["supplier_for"] = _("Enter what the payment is for, for example 200 leaflets.")
    if errors:
        raise ValidationError(errors)
    return name, purpose


def _amount_to_pay(*, award: Award, amount_pence: int | None) -> int:
    left = award.left_to_pay
    if left <= 0:
        raise ValidationError(_("This grant has been paid in full already, so nothing was paid."))
    amount = left if amount_pence is None else amount_pence
    if not 0 < amount <= left:
        raise ValidationError(
            {"amount": _("Pay between £0.01 and %(left)s.") % {"left": format_pence(left)}}
        )
    return amount


def _earlier_payment(*, award: Award, idempotency_key: str) -> Payment | None:
    """The payment this key already made for this award (a retry), if any. A key belongs to
    one award: sent with another, it would report a payment that never reached this group."""
    existing = Payment.objects.filter(idempotency_key=idempotency_key).first()
    if existing is not None and existing.award_id != award.pk:
        raise ValidationError(
            _(
                "This payment reference was already used to pay a different grant, so nothing "
                "was paid. Open this grant's payment page again and pay from there."
            )
        )
    return existing


@transaction.atomic
def award_pay(
    *,
    award: Award,
    actor: Any,
    idempotency_key: str,
    amount_pence: int | None = None,
    to_supplier: bool = False,
    supplier_name: str = "",
    supplier_for: str = "",
) -> Payment:
    """An award is paid from the programme's budget at most once in full, to the group, its
    holding partner, or a supplier on the group's behalf; a retry pays nothing."""
    existing = _earlier_payment(award=award, idempotency_key=idempotency_key)
    if existing is not None:
        return existing
    if to_supplier:
        supplier_name, supplier_for = _supplier_fields(
            supplier_name=supplier_name, supplier_for=supplier_for
        )
    # The lock makes a double click wait for the first click, then find it already paid.
    award = (
        Award.objects.select_for_update(of=("self",))
        .select_related("programme", "application__group", "holding_partner")
        .get(pk=award.pk)
    )
    existing = _earlier_payment(award=award, idempotency_key=idempotency_key)
    if existing is not None:
        return existing
    amount = _amount_to_pay(award=award, amount_pence=amount_pence)
    group_name = award.application.group_name
    paid_to: Organisation | None
    if to_supplier:
        paid_to, kind = None, PayeeKind.SUPPLIER
        account = supplier_payments_account(programme=award.programme)
        description = _("%(programme)s grant to %(group)s: paid to %(supplier)s for %(what)s") % {
            "programme": award.programme.title,
            "group": group_name,
            "supplier": supplier_name,
            "what": supplier_for,
        }
    else:
        paid_to, account = payee_account(award=award)
        kind = PayeeKind.HOLDING_PARTNER if award.holding_partner else PayeeKind.GROUP
        description = _("%(programme)s grant to %(group)s") % {
            "programme": award.programme.title,
            "group": group_name,
        }
    posted = transaction_post(
        idempotency_key=f"grants:award-pay:{idempotency_key}",
        lines=[(programme_budget_account(programme=award.programme), -amount), (account, amount)],
        description=description,
        actor=actor,
    )
    payment = Payment(
        award=award,
        payee_kind=kind,
        paid_to=paid_to,
        supplier_name=supplier_name if to_supplier else "",
        supplier_for=supplier_for if to_supplier else "",
        amount_pence=amount,
        idempotency_key=idempotency_key,
        ledger_transaction=posted,
        paid_by=actor,
    )
    payment.full_clean()
    payment.save()
    award.paid_pence += amount
    award.save(update_fields=["paid_pence", "updated_at"])
    if award.paid_pence == award.amount_pence:
        Application.objects.filter(pk=award.application_id).update(
            status=ApplicationStatus.PAID, paid_at=timezone.now()
        )
        # An update() sends no signal: the public pages and the staff list's totals
        # that count applications by status learn of it here.
        for area in ("grants", "applications"):
            area_changed_now_and_when_committed(area)
    audit_record(
        actor=actor,
        action=events.AWARD_PAID,
        target=award,
        data={
            "amount_pence": amount,
            "payee_kind": kind,
            "paid_to": paid_to.pk if paid_to else None,
            "supplier_name": payment.supplier_name,
            "transaction": posted.pk,
        },
    )
    return payment
