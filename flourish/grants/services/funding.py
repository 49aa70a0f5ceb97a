"""Writes for a programme's budget: money the funder puts in, recorded in the ledger."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import Programme
from flourish.grants.services.payments import programme_budget_account
from flourish.ledger.models import LedgerAccount, LedgerTransaction, Unit
from flourish.ledger.services import account_open, transaction_post

FUNDER_PURPOSE = "grant-money-given"
# A generous ceiling that still catches a slip of the keyboard (an extra nought or two).
LARGEST_ADDITION_PENCE = 10_000_000_00


def funder_account(*, funder: Organisation) -> LedgerAccount:
    """The funder's side of the ledger: its balance is minus everything it has put into its
    programmes, so it has no floor (the money came from the funder's own bank)."""
    return account_open(
        owner=funder,
        purpose=FUNDER_PURPOSE,
        unit=Unit.GBP,
        name=_("%(funder)s: money given to programmes") % {"funder": funder.name},
        floor=None,
    )


@transaction.atomic
def programme_budget_add(
    *,
    programme: Programme,
    actor: Any,
    amount_pence: int,
    idempotency_key: str,
    note: str = "",
) -> LedgerTransaction:
    """Money goes into a programme's budget only from its funder, as one ledger transaction;
    the same key records it once however often the form is sent."""
    if not 0 < amount_pence <= LARGEST_ADDITION_PENCE:
        raise ValidationError(
            {
                "amount": _("Enter an amount between £0.01 and %(most)s.")
                % {"most": format_pence(LARGEST_ADDITION_PENCE)}
            }
        )
    key = f"grants:budget-add:{programme.pk}:{idempotency_key}"
    earlier = LedgerTransaction.objects.filter(idempotency_key=key).first()
    if earlier is not None:  # a second click on the same form: recorded (and audited) once
        return earlier
    description = _("Money for %(programme)s from %(funder)s") % {
        "programme": programme.title,
        "funder": programme.funder.name,
    }
    if note.strip():
        description = f"{description}: {note.strip()}"
    posted = transaction_post(
        idempotency_key=key,
        lines=[
            (funder_account(funder=programme.funder), -amount_pence),
            (programme_budget_account(programme=programme), amount_pence),
        ],
        description=description[:500],
        actor=actor,
    )
    audit_record(
        actor=actor,
        action=events.PROGRAMME_BUDGET_ADDED,
        target=programme,
        data={"amount_pence": amount_pence, "transaction": posted.pk},
    )
    return posted
