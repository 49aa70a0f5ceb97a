"""A member's exchanges and statement, and the lists a coordinator reads, each in a fixed
number of queries whatever the size of the timebank."""

from typing import Any

from django.db.models import F, Prefetch, Q, QuerySet

from flourish.accounts.selectors import private_fields_of
from flourish.ledger.models import LedgerAccount, LedgerEntry
from flourish.timebank.models import (
    Exchange,
    ExchangeStatus,
    MemberStatus,
    Timebank,
    TimebankMember,
)

OPEN = [
    ExchangeStatus.ASKED,
    ExchangeStatus.AGREED,
    ExchangeStatus.RECORDED,
    ExchangeStatus.DISPUTED,
]


def _with_people(exchanges: QuerySet[Exchange]) -> QuerySet[Exchange]:
    """Exchanges with who gave, who received and who recorded them: their names only."""
    receivers = TimebankMember.objects.select_related("user").defer(*private_fields_of("user"))
    return (
        exchanges.select_related("giver__user", "recorded_by", "timebank")
        .defer(*private_fields_of("giver__user", "recorded_by"))
        .prefetch_related(Prefetch("shares__member", queryset=receivers))
    )


def exchanges_open_for_member(*, member: TimebankMember) -> QuerySet[Exchange]:
    """Exchanges still in progress that this member gives or receives."""
    mine = Q(giver=member) | Q(shares__member=member)
    ids = Exchange.objects.filter(mine, status__in=OPEN).values("pk")
    return _with_people(Exchange.objects.filter(pk__in=ids)).order_by("-created_at", "-id")[:50]


def statement_entries(*, account: LedgerAccount) -> QuerySet[LedgerEntry]:
    """The account's entries, newest first: what a statement counts and pages through,
    by the ledger's index of each account's entries, joining nothing."""
    return LedgerEntry.objects.filter(account=account).order_by("-id")


def statement_lines() -> QuerySet[Any]:
    """Entries as a statement shows them, newest first, each as what tells its line apart
    from every other: its id and amounts, and its transaction's id and when it was posted.
    Read only for a page of `statement_entries`. Ledger history is never changed (the
    database refuses), so a line kept under these needs nothing more read to be shown
    again (`timebank/drawn.py`); a transaction's id with its time to the microsecond is
    another transaction's only if it is the same one, even in a database restored from a
    backup while the cache kept newer lines."""
    return LedgerEntry.objects.order_by("-id").values_list(
        "pk", "amount", "balance_after", "transaction_id", "transaction__posted_at", named=True
    )


def members_past_soft_limit(*, timebank: Timebank) -> QuerySet[TimebankMember]:
    """Approved members whose balance is past their soft limit, most overdrawn first.
    Found from the ledger's index of accounts past their limit, not by reading every
    member's account."""
    return (
        timebank.members.filter(
            status=MemberStatus.APPROVED,
            account__soft_limit__isnull=False,
            account__balance__lt=F("account__soft_limit"),
        )
        .select_related("user", "account")
        .defer(*private_fields_of("user"))
        .order_by("account__balance")
    )


def member_list(*, timebank: Timebank, name: str = "") -> QuerySet[TimebankMember]:
    """Every member for the coordinator, by name, with their balance (never shown to other
    members); only those whose name has `name` in it, if given."""
    members = timebank.members.select_related("user", "account").defer(*private_fields_of("user"))
    if name:
        members = members.filter(user__name__icontains=name)
    return members.order_by("user__name", "pk")
