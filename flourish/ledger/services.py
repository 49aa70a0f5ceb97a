"""Writes for the ledger: open accounts, post transactions, reverse them."""

from collections import defaultdict
from collections.abc import Sequence
from typing import Any, NoReturn

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.db import transaction as db_transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.core.services import audit_record
from flourish.ledger import events
from flourish.ledger.descriptions import Described
from flourish.ledger.models import (
    LedgerAccount,
    LedgerEntry,
    LedgerTransaction,
    Unit,
    format_amount,
)

Line = tuple[LedgerAccount, int]


class LedgerFloorBreached(ValidationError):
    """A posting would take an account below its floor; nothing was posted."""


def account_open(
    *,
    owner: models.Model | None,
    purpose: str,
    unit: str,
    name: str,
    floor: int | None = 0,
    soft_limit: int | None = None,
) -> LedgerAccount:
    """An account is known by its owner, purpose and unit; opening it again returns the same one."""
    if owner is not None and owner.pk is None:
        raise ValidationError(_("Save the owner before opening an account for it."))
    if floor is not None and floor > 0:
        raise ValidationError(_("An account starts empty, so its floor must be 0 or less."))
    owner_type = ContentType.objects.get_for_model(owner) if owner is not None else None
    owner_id = str(owner.pk) if owner is not None else ""
    found = LedgerAccount.objects.filter(
        owner_type=owner_type, owner_id=owner_id, purpose=purpose, unit=unit
    )
    with db_transaction.atomic():
        existing = found.first()
        if existing is not None:
            return existing
        account = LedgerAccount(
            owner_type=owner_type,
            owner_id=owner_id,
            purpose=purpose,
            unit=unit,
            name=name,
            floor=floor,
            soft_limit=soft_limit,
        )
        try:
            account.full_clean()
        except ValidationError:
            # Someone opened the same account since we looked (two confirmations paying
            # one group for the first time at once): theirs is the one.
            opened = found.first()
            if opened is None:
                raise
            return opened
        try:
            with db_transaction.atomic():
                account.save()
        except IntegrityError:
            # Someone opened the same account at the same moment; theirs is the one.
            return found.get()
        audit_record(
            actor=None,
            action=events.ACCOUNT_OPENED,
            target=account,
            data={"purpose": purpose, "unit": unit, "floor": floor, "soft_limit": soft_limit},
        )
    return account


def transaction_post(
    *,
    idempotency_key: str,
    lines: Sequence[Line],
    description: str | Described,
    actor: Any,
) -> LedgerTransaction:
    """Money and time move only in balanced transactions: each unit's lines sum to zero, no
    account goes below its floor, and a retry with the same key posts nothing.

    A description Flourish writes itself is `Described`, so that each reader sees it in
    their own language; words a person typed are a plain string."""
    return _post(
        idempotency_key=idempotency_key,
        lines=list(lines),
        description=description,
        actor=actor,
        reverses=None,
    )


def transaction_reverse(
    *,
    transaction: LedgerTransaction,
    idempotency_key: str,
    actor: Any,
    reason: str,
) -> LedgerTransaction:
    """A mistake is corrected by posting the opposite entries once; a reversal is never reversed."""
    if not reason.strip():
        raise ValidationError(
            _("Say why you are reversing this transaction, for example “paid the wrong group”.")
        )
    if transaction.reverses_id is not None:
        raise ValidationError(
            _(
                "This transaction is itself a correction, so it cannot be reversed. "
                "Post a new transaction instead."
            )
        )
    lines = [
        (entry.account, -entry.amount) for entry in transaction.entries.select_related("account")
    ]
    description = Described(
        gettext_noop("Reverses “%(description)s”: %(reason)s"),
        {"description": transaction.as_described(), "reason": reason.strip()},
    )
    with db_transaction.atomic():
        earlier = LedgerTransaction.objects.filter(reverses=transaction).first()
        if earlier is not None and earlier.idempotency_key != idempotency_key:
            _refuse_second_reversal(transaction)
        return _post(
            idempotency_key=idempotency_key,
            lines=lines,
            description=description,
            actor=actor,
            reverses=transaction,
        )


def _post(
    *,
    idempotency_key: str,
    lines: list[Line],
    description: str | Described,
    actor: Any,
    reverses: LedgerTransaction | None,
) -> LedgerTransaction:
    if not idempotency_key.strip() or len(idempotency_key) > 200:
        raise ValidationError(
            _("Give the transaction a key of 1 to 200 characters that names what it is for.")
        )
    if not str(description).strip():
        raise ValidationError(
            _("Describe the transaction in a few words, for example “Kick-start grant”.")
        )
    _check_lines(lines)
    with db_transaction.atomic():
        existing = _already_posted(idempotency_key, lines, reverses)
        if existing is not None:
            return existing
        try:
            with db_transaction.atomic():
                posted = _write(idempotency_key, lines, description, actor, reverses)
        except IntegrityError:
            # Two callers raced with the same key (or to reverse the same
            # transaction): the unique constraint let exactly one in.
            existing = _already_posted(idempotency_key, lines, reverses)
            if existing is not None:
                return existing
            if reverses is not None:
                _refuse_second_reversal(reverses)
            raise
        audit_record(
            actor=actor,
            action=events.TRANSACTION_REVERSED if reverses else events.TRANSACTION_POSTED,
            target=posted,
            data={
                "idempotency_key": idempotency_key,
                "lines": [[account.pk, amount] for account, amount in lines],
                "reverses": reverses.pk if reverses else None,
                "went_past_soft_limit": posted.went_past_soft_limit,
            },
        )
        return posted


def _check_lines(lines: list[Line]) -> None:
    if len(lines) < 2:
        raise ValidationError(
            _(
                "A transaction needs at least two lines: where the money or time comes from "
                "and where it goes."
            )
        )
    totals: dict[str, int] = defaultdict(int)
    seen: set[int] = set()
    for account, amount in lines:
        if type(amount) is not int:
            raise ValidationError(
                _("Amounts must be whole numbers of pence or minutes, not %(amount)r.")
                % {"amount": amount}
            )
        if amount == 0:
            raise ValidationError(
                _("Each line needs an amount other than zero. Remove the line or enter an amount.")
            )
        if account.pk is None or account.pk in seen:
            raise ValidationError(
                _("Each line must name a different, open account. Combine lines for one account.")
            )
        seen.add(account.pk)
        totals[account.unit] += amount
    for unit, total in totals.items():
        if total != 0:
            raise ValidationError(
                _(
                    "The %(unit)s lines add up to %(total)s, not zero. Every amount taken out "
                    "of one account must go into another."
                )
                % {
                    "unit": _("money") if unit == Unit.GBP else _("time"),
                    "total": format_amount(total, unit),
                }
            )


def _already_posted(
    key: str, lines: list[Line], reverses: LedgerTransaction | None
) -> LedgerTransaction | None:
    """The transaction posted earlier with this key, if it is the same one; a clash is refused."""
    found = LedgerTransaction.objects.filter(idempotency_key=key).first()
    if found is None:
        return None
    posted = sorted(found.entries.values_list("account_id", "amount"))
    asked = sorted((account.pk, amount) for account, amount in lines)
    if posted != asked or found.reverses_id != (reverses.pk if reverses else None):
        raise ValidationError(
            _(
                "The key “%(key)s” was already used for a different transaction "
                "(“%(description)s”). Use a new key for a new transaction."
            )
            % {"key": key, "description": found.described}
        )
    return found


def _write(
    key: str,
    lines: list[Line],
    description: str | Described,
    actor: Any,
    reverses: LedgerTransaction | None,
) -> LedgerTransaction:
    # Lock every affected account in id order, so two posts that touch the same
    # accounts queue behind each other instead of deadlocking. (SQLite ignores
    # FOR UPDATE; there, BEGIN IMMEDIATE makes writers take turns.)
    locked = {
        account.pk: account
        for account in LedgerAccount.objects.select_for_update()
        .filter(pk__in=[account.pk for account, _amount in lines])
        .order_by("pk")
    }
    entries = []
    for account, amount in lines:
        current = locked.get(account.pk)
        if current is None:
            raise ValidationError(_("One of these accounts no longer exists."))
        entries.append(_entry_for(current, amount))
    posted = LedgerTransaction(
        idempotency_key=key,
        # The words as written now, in the writer's language, for the audit trail.
        description=str(description)[:500],
        description_message=description.message if isinstance(description, Described) else "",
        description_values=(
            description.stored_values() if isinstance(description, Described) else {}
        ),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        reverses=reverses,
        went_past_soft_limit=any(entry.went_past_soft_limit for entry in entries),
    )
    # The key's uniqueness is decided by the insert itself (see _post), and the
    # related rows were just read, so skip the extra queries full_clean would make.
    posted.full_clean(exclude=["actor", "reverses"], validate_unique=False)
    posted.save()
    for entry in entries:
        entry.transaction = posted
        entry.full_clean(exclude=["transaction", "account"], validate_constraints=False)
    LedgerEntry.objects.bulk_create(entries)
    LedgerAccount.objects.bulk_update(locked.values(), ["balance", "entry_count"])
    return posted


def _entry_for(account: LedgerAccount, amount: int) -> LedgerEntry:
    """Apply one line to a locked account, refusing it if it would breach the floor."""
    new_balance = account.balance + amount
    if amount < 0 and account.floor is not None and new_balance < account.floor:
        raise LedgerFloorBreached(
            _(
                "There is not enough in %(account)s: it has %(balance)s, and taking out "
                "%(amount)s would leave %(after)s, below its limit of %(floor)s. "
                "Use a smaller amount, or add to the account first."
            )
            % {
                "account": account.name,
                "balance": account.format(account.balance),
                "amount": account.format(-amount),
                "after": account.format(new_balance),
                "floor": account.format(account.floor),
            },
            code="floor_breached",
        )
    went_past = amount < 0 and account.soft_limit is not None and new_balance < account.soft_limit
    account.balance = new_balance
    account.entry_count += 1
    return LedgerEntry(
        account=account, amount=amount, balance_after=new_balance, went_past_soft_limit=went_past
    )


def _refuse_second_reversal(transaction: LedgerTransaction) -> NoReturn:
    raise ValidationError(
        _("“%(description)s” has already been reversed, and a transaction is reversed only once.")
        % {"description": transaction.described}
    )


def accounts_limits_set(
    *, accounts: "models.QuerySet[LedgerAccount]", floor: int | None, soft_limit: int | None
) -> int:
    """New limits apply from now on: an account already below a new floor keeps its balance,
    and its floor sits at that balance, so it can only go back up."""
    if floor is not None and floor > 0:
        raise ValidationError(_("A floor must be 0 or less."))
    with db_transaction.atomic():
        changed = 0
        for account in accounts.select_for_update().order_by("pk"):
            account.floor = None if floor is None else min(floor, account.balance)
            account.soft_limit = soft_limit
            account.save(update_fields=["floor", "soft_limit", "updated_at"])
            changed += 1
        if changed:
            audit_record(
                actor=None,
                action=events.ACCOUNT_LIMITS_SET,
                data={"accounts": changed, "floor": floor, "soft_limit": soft_limit},
            )
        return changed
