"""Spending outside Flourish, recorded in under a minute so the statement is complete: the
amount, the date, the kind of spending from the plan, and a photo or PDF of the receipt if
the person has one. The receipt goes through the same checks as a grant application's
upload (libmagic content sniffing, a size limit) and is stored privately."""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.accounts.models import Organisation
from flourish.budgets import events
from flourish.budgets.models import Budget, OutsideSpending, SpendingKind
from flourish.budgets.selectors import waiting_total
from flourish.core.formatting import format_day, format_pence
from flourish.core.services import audit_record
from flourish.grants import uploads
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import account_open, transaction_post

RECEIPT_KINDS = ("pdf", "jpg", "jpeg", "png")
RECEIPT_MAX_BYTES = 10 * 1024 * 1024


def outside_account_open(*, council: Organisation) -> LedgerAccount:
    """Where money spent outside Flourish leaves the ledger: it shows what the council's
    budget holders have spent elsewhere, so it has no floor and only grows."""
    return account_open(
        owner=council,
        purpose="personal-budgets-spent-outside",
        unit=Unit.GBP,
        name=_("%(council)s personal budgets: spent outside Flourish") % {"council": council.name},
        floor=None,
    )


def receipt_check(upload: UploadedFile) -> None:
    """A receipt is a photo (JPG or PNG) or a PDF whose content is what its name says."""
    kinds = _("Send a photo (JPG or PNG) or a PDF of the receipt, 10 MB or smaller.")
    kind = uploads.extension(upload.name or "")
    if kind not in RECEIPT_KINDS:
        raise ValidationError({"receipt": kinds})
    if (upload.size or 0) > RECEIPT_MAX_BYTES:
        raise ValidationError(
            {"receipt": _("The receipt must be 10 MB or smaller. Try a smaller photo.")}
        )
    if not uploads.content_matches(upload, kind):
        raise ValidationError(
            {
                "receipt": _(
                    "The file's content does not match its name, so it was not saved. %(kinds)s"
                )
                % {"kinds": kinds}
            }
        )


def outside_spending_record(
    *,
    budget: Budget,
    amount_pence: int,
    spent_on: datetime.date,
    spending_kind: SpendingKind | None,
    what: str = "",
    receipt: UploadedFile | None = None,
    token: str,
    actor: Any,
) -> OutsideSpending:
    """The person (or a broker who may spend for them) records money spent outside
    Flourish, no more than is left and not in the future; it leaves the budget on the
    ledger once and appears on the statement."""
    if amount_pence is None or amount_pence <= 0:
        raise ValidationError(
            {"amount_pence": _("Enter an amount more than £0, for example 12.50")}
        )
    if spent_on > timezone.localdate():
        raise ValidationError(
            {"spent_on": _("The date is in the future. Enter the day you spent it.")}
        )
    if spent_on < budget.starts_on:
        raise ValidationError(
            {
                "spent_on": _("The budget started on %(day)s. Enter a date on or after it.")
                % {"day": format_day(budget.starts_on)}
            }
        )
    if spending_kind is not None and spending_kind.plan.budget_id != budget.pk:
        raise ValidationError(_("Choose a kind of spending from this budget’s plan."))
    if receipt is not None:
        receipt_check(receipt)
    with transaction.atomic():
        locked = (
            Budget.objects.select_for_update(of=("self",))
            .select_related("account", "council")
            .get(pk=budget.pk)
        )
        assert locked.account is not None
        key = f"budget-outside:{locked.pk}:{token}"
        done = OutsideSpending.objects.filter(
            budget=locked, transaction__idempotency_key=key
        ).first()
        if done is not None:
            return done  # the same form sent twice (a double click) records it once
        left = LedgerAccount.objects.get(pk=locked.account.pk).balance - waiting_total(
            budget=locked
        )
        if amount_pence > left:
            raise ValidationError(
                {
                    "amount_pence": _(
                        "This is more than the %(left)s left in the budget. Check the amount; "
                        "if it is right, tell the council, who can help."
                    )
                    % {"left": format_pence(max(left, 0))}
                }
            )
        spending = OutsideSpending(
            budget=locked,
            spent_on=spent_on,
            amount_pence=amount_pence,
            spending_kind=spending_kind,
            what=what.strip(),
            recorded_by=actor,
        )
        spending.transaction = transaction_post(
            idempotency_key=key,
            lines=[
                (locked.account, -amount_pence),
                (outside_account_open(council=locked.council), amount_pence),
            ],
            description=Described(
                gettext_noop("Spent outside Flourish: %(what)s, %(day)s"),
                {"what": _spent_on_what(what, spending_kind), "day": spent_on},
            ),
            actor=actor,
        )
        if receipt is not None:
            spending.receipt_name = (receipt.name or "")[:200]
            spending.receipt.save(receipt.name or "receipt", receipt, save=False)
        spending.full_clean()
        spending.save()
        audit_record(
            actor=actor,
            action=events.OUTSIDE_SPENDING_RECORDED,
            target=spending,
            data={"budget": locked.pk, "amount_pence": amount_pence, "receipt": bool(receipt)},
        )
    return spending


def _spent_on_what(what: str, spending_kind: SpendingKind | None) -> "str | Described":
    """What the money went on, in the holder's words, or the kind of spending they chose."""
    if what.strip():
        return what.strip()
    return spending_kind.name if spending_kind else Described(gettext_noop("other"))
