"""Reads for the ledger: balances, statements and accounts to follow up."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Model, QuerySet, Sum
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
