"""A member's exchanges and statement, and the coordinator's dashboard, each in a fixed
number of queries whatever the size of the timebank."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone

from flourish.accounts.selectors import names_of, private_fields_of
from flourish.ledger.models import LedgerAccount, LedgerEntry
from flourish.timebank.models import (
    Exchange,
    ExchangeStatus,
    MemberCheck,
    MemberStatus,
    Timebank,
    TimebankMember,
)
from flourish.timebank.services.accounts import ORGANISATION_PURPOSE, POT_PURPOSE
from flourish.timebank.services.checks import current_checks

DASHBOARD_ROWS = 20
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


def statement_lines(*, account: LedgerAccount) -> QuerySet[Any]:
    """The account's entries, newest first, each as what tells its line apart from every
    other: its id and amounts, and its transaction's id and when it was posted. Ledger
    history is never changed (the database refuses), so a line kept under these needs
    nothing more read to be shown again (`timebank/drawn.py`); a transaction's id with
    its time to the microsecond is another transaction's only if it is the same one,
    even in a database restored from a backup while the cache kept newer lines."""
    return (
        LedgerEntry.objects.filter(account=account)
        .order_by("-id")
        .values_list(
            "pk", "amount", "balance_after", "transaction_id", "transaction__posted_at", named=True
        )
    )


@dataclass(frozen=True)
class Dashboard:
    members: int
    asking: list[TimebankMember]
    disputed: list[Exchange]
    over_soft_limit: list[TimebankMember]
    checks_expiring: list[MemberCheck]
    reminder_days: int
    pot_balance: int
    organisation_balance: int


def coordinator_dashboard(*, timebank: Timebank, today: datetime.date | None = None) -> Dashboard:
    """What needs the coordinator now: people asking to join, disputes, members past the
    soft limit, and checks running out within the reminder window (30 days unless set),
    with whether the reminder has gone. Each list reads only what the dashboard shows:
    writing the SQL for every column of each member, person and timebank took a quarter
    of the page."""
    today = today or timezone.localdate()
    members = timebank.members.filter(status=MemberStatus.APPROVED).aggregate(n=Count("pk"))["n"]
    asking = list(
        timebank.members.filter(status=MemberStatus.ASKED)
        .select_related("user", "recorded_by")
        .only("timebank", "user", "recorded_by", "area", *names_of("user", "recorded_by"))
        .order_by("created_at")[:DASHBOARD_ROWS]
    )
    disputed = list(
        timebank.exchanges.filter(status=ExchangeStatus.DISPUTED)
        .select_related("giver__user")
        .only("timebank", "kind", "mentoring", "description", *names_of("giver__user"))
        .order_by("id")[:DASHBOARD_ROWS]
    )
    over = list(
        members_past_soft_limit(timebank=timebank).only(
            "timebank", "user", "account", "account__balance", *names_of("user")
        )[:DASHBOARD_ROWS]
    )
    window = datetime.timedelta(days=settings.TIMEBANK_CHECK_REMINDER_DAYS)
    expiring = list(
        current_checks()
        .filter(
            member__timebank=timebank,
            member__status=MemberStatus.APPROVED,
            expires_on__isnull=False,
            expires_on__lte=today + window,
        )
        .select_related("member__user")
        .only(
            "member__user",
            "kind",
            "expires_on",
            "reminded_for",
            "reminded_at",
            *names_of("member__user"),
        )
        .order_by("expires_on")[:DASHBOARD_ROWS]
    )
    balances = dict(
        LedgerAccount.objects.filter(
            owner_type__model="timebank",
            owner_type__app_label="timebank",
            owner_id=str(timebank.pk),
            purpose__in=[POT_PURPOSE, ORGANISATION_PURPOSE],
        ).values_list("purpose", "balance")
    )
    return Dashboard(
        members=members,
        asking=asking,
        disputed=disputed,
        over_soft_limit=over,
        checks_expiring=expiring,
        reminder_days=settings.TIMEBANK_CHECK_REMINDER_DAYS,
        pot_balance=balances.get(POT_PURPOSE, 0),
        organisation_balance=balances.get(ORGANISATION_PURPOSE, 0),
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
