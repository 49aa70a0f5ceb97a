"""The council's overview: for each budget, its money this period against what was spent,
so staff see under- and overspends without asking anyone for a return.

"This period" is each budget's own current period (a week, four weeks, a month or a year
from its start). Spending is everything that left the budget in that period (purchases,
sessions, spending recorded outside Flourish, pool contributions), less refunds; money in
is not counted. One query reads it for a whole page of budgets."""

import datetime
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, Sum

from flourish.budgets.models import Budget
from flourish.budgets.statements import midnight
from flourish.ledger.models import LedgerEntry


@dataclass(frozen=True)
class PeriodSpend:
    budget: Budget
    starts_on: datetime.date | None
    spent: int
    over_threshold: int = 0

    @property
    def under(self) -> int:
        return max(self.budget.amount_pence - self.spent, 0) if self.starts_on else 0

    @property
    def over(self) -> int:
        return max(self.spent - self.budget.amount_pence, 0) if self.starts_on else 0


def _period_start(budget: Budget, today: datetime.date) -> datetime.date | None:
    number = budget.period_for(today)
    return None if number is None else budget.period_start(number)


def period_spending(
    *, budgets: list[Budget], today: datetime.date, threshold: int | None = None
) -> list[PeriodSpend]:
    """Each budget's spending in its current period, in one query for the lot, and how much
    of its balance is over the council's threshold for unspent money."""
    starts = {budget.pk: _period_start(budget, today) for budget in budgets}
    bounds = [
        Q(account_id=budget.account_id, transaction__posted_at__gte=midnight(start))
        for budget in budgets
        if (start := starts[budget.pk]) is not None and budget.account_id is not None
    ]
    spent: dict[int, int] = {}
    if bounds:
        # The page's accounts first, so PostgreSQL starts from their own entries (by the
        # account index) rather than from every movement anyone in the country posted
        # this period (220 ms at 240,000 movements, against a few).
        accounts = [budget.account_id for budget in budgets if budget.account_id is not None]
        spent = dict(
            LedgerEntry.objects.filter(account_id__in=accounts)
            .filter(reduce(or_, bounds), transaction__budget_period__isnull=True)
            .values("account_id")
            .annotate(net=Sum("amount"))
            .values_list("account_id", "net")
        )
    return [
        PeriodSpend(
            budget=budget,
            starts_on=starts[budget.pk],
            spent=max(-(spent.get(budget.account_id or 0) or 0), 0),
            over_threshold=(
                max(budget.account.balance - threshold, 0)
                if threshold is not None and budget.account is not None
                else 0
            ),
        )
        for budget in budgets
    ]
