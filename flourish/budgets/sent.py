"""Statements sent: for one month a council's statements were sent, each budget's money in
and out, its underspend or overspend for the month, what was left over the council's
threshold, the brokers acting for the person and the pools they were in.

Everything for a page of budgets is read in a fixed number of grouped queries, so the page
costs the same whatever the number of budgets or movements."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max, Q, QuerySet, Sum

from flourish.accounts.models import Organisation
from flourish.accounts.selectors import private_fields_of
from flourish.budgets.models import BrokerConsent, Budget, PoolMember, StatementNote
from flourish.budgets.statements import midnight
from flourish.ledger.models import LedgerEntry


def sent_budgets(
    *, council: Organisation, start: datetime.date, end: datetime.date
) -> QuerySet[Budget]:
    """The budgets a month's statements covered: running at some time in the month."""
    return (
        Budget.objects.filter(council=council, starts_on__lt=end, account__isnull=False)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=start))
        .select_related("person")
        .defer(*private_fields_of("person"))
        .order_by("id")
    )


@dataclass
class SentRow:
    budget: Budget
    money_in: int = 0
    spent: int = 0
    closing: int | None = None
    over_threshold: int = 0
    notes: int = 0
    brokers: list[Any] = field(default_factory=list)
    pools: list[Any] = field(default_factory=list)

    @property
    def under(self) -> int:
        return max(self.money_in - self.spent, 0)

    @property
    def over(self) -> int:
        return max(self.spent - self.money_in, 0)


def sent_rows(
    *,
    budgets: list[Budget],
    start: datetime.date,
    end: datetime.date,
    threshold: int | None,
) -> list[SentRow]:
    """Each budget's month, in five queries for the whole page."""
    rows = {budget.pk: SentRow(budget=budget) for budget in budgets}
    by_account = {budget.account_id: rows[budget.pk] for budget in budgets}
    month = Q(transaction__posted_at__gte=midnight(start), transaction__posted_at__lt=midnight(end))
    money_in = Q(transaction__budget_period__isnull=False)
    totals = (
        LedgerEntry.objects.filter(month, account_id__in=list(by_account))
        .values("account_id")
        .annotate(
            money_in=Sum("amount", filter=money_in),
            net_out=Sum("amount", filter=~money_in),
            last=Max("id"),
        )
    )
    lasts = {}
    for total in totals:
        row = by_account[total["account_id"]]
        row.money_in = total["money_in"] or 0
        row.spent = max(-(total["net_out"] or 0), 0)
        lasts[total["last"]] = row
    for entry_id, balance in LedgerEntry.objects.filter(id__in=list(lasts)).values_list(
        "id", "balance_after"
    ):
        lasts[entry_id].closing = balance
        if threshold is not None:
            lasts[entry_id].over_threshold = max(balance - threshold, 0)
    notes = (
        StatementNote.objects.filter(
            budget_id__in=list(rows),
            entry__transaction__posted_at__gte=midnight(start),
            entry__transaction__posted_at__lt=midnight(end),
        )
        .values("budget_id")
        .annotate(count=Count("id"))
    )
    for note in notes:
        rows[note["budget_id"]].notes = note["count"]
    _people_and_pools(rows, start, end)
    return list(rows.values())


def _people_and_pools(rows: dict[int, SentRow], start: datetime.date, end: datetime.date) -> None:
    """The brokers whose consent ran in the month, and the pools the budget was in."""
    consents = (
        BrokerConsent.objects.filter(
            budget_id__in=list(rows), created_at__lt=midnight(end), ends_on__gte=start
        )
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=midnight(start)))
        .select_related("broker")
        .order_by("id")
    )
    for consent in consents:
        rows[consent.budget_id].brokers.append(consent.broker)
    places = (
        PoolMember.objects.filter(budget_id__in=list(rows), consented_at__lt=midnight(end))
        .filter(Q(left_at__isnull=True) | Q(left_at__gte=midnight(start)))
        .select_related("pool")
        .order_by("id")
    )
    for place in places:
        rows[place.budget_id].pools.append(place.pool)
