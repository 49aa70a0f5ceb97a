"""Reads for the ledger: balances, statements, accounts to follow up, and integrity."""

import hashlib
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, Model, QuerySet, Sum
from django.db.models.functions import Coalesce

from flourish.ledger.models import LedgerAccount, LedgerEntry


def account_balance(*, account: LedgerAccount) -> int:
    """The balance now, read from the maintained column: one query however many entries exist."""
    return LedgerAccount.objects.values_list("balance", flat=True).get(pk=account.pk)


def account_balance_from_entries(*, account: LedgerAccount) -> int:
    """The balance worked out the slow way, by adding up every entry (for checks and audits)."""
    return LedgerEntry.objects.filter(account=account).aggregate(total=Coalesce(Sum("amount"), 0))[
        "total"
    ]


def account_statement(*, account: LedgerAccount) -> QuerySet[LedgerEntry]:
    """The account's entries, oldest first, each with its transaction and the balance after it."""
    return LedgerEntry.objects.filter(account=account).select_related("transaction").order_by("id")


def accounts_over_soft_limit() -> QuerySet[LedgerAccount]:
    """Accounts whose balance is below their soft limit, so someone can follow them up."""
    return LedgerAccount.objects.filter(
        soft_limit__isnull=False, balance__lt=F("soft_limit")
    ).order_by("id")


def accounts_for_owner(*, owner: Model) -> QuerySet[LedgerAccount]:
    """Every account a person, group or programme owns."""
    return LedgerAccount.objects.filter(
        owner_type=ContentType.objects.get_for_model(owner), owner_id=str(owner.pk)
    ).order_by("id")


@dataclass(frozen=True)
class LedgerIntegrity:
    """What a check of the whole ledger found, and a fingerprint of every balance."""

    accounts: int
    entries: int
    mismatched_accounts: list[int]
    unbalanced_transactions: list[int]
    fingerprint: str

    @property
    def sound(self) -> bool:
        return not self.mismatched_accounts and not self.unbalanced_transactions


def ledger_integrity() -> LedgerIntegrity:
    """Every balance equals the sum of its entries, every count of entries their number, and
    every transaction sums to zero per unit; the fingerprint lets two copies of the ledger
    (a backup and its source) be compared."""
    found = {
        pk: (total, count)
        for pk, total, count in LedgerEntry.objects.order_by()
        .values("account_id")
        .annotate(total=Sum("amount"), count=Count("id"))
        .values_list("account_id", "total", "count")
    }
    digest = hashlib.sha256()
    accounts, mismatched = 0, []
    for pk, unit, balance, entry_count in (
        LedgerAccount.objects.order_by("pk")
        .values_list("pk", "unit", "balance", "entry_count")
        .iterator()
    ):
        accounts += 1
        if found.get(pk, (0, 0)) != (balance, entry_count):
            mismatched.append(pk)
        digest.update(f"{pk}:{unit}:{balance};".encode())
    unbalanced = list(
        LedgerEntry.objects.order_by()
        .values("transaction_id", "account__unit")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .values_list("transaction_id", flat=True)
    )
    return LedgerIntegrity(
        accounts=accounts,
        entries=LedgerEntry.objects.count(),
        mismatched_accounts=mismatched,
        unbalanced_transactions=sorted(set(unbalanced)),
        fingerprint=digest.hexdigest(),
    )
