"""Whatever is posted, in whatever order, the ledger stays balanced.

Hypothesis invents sequences of postings (balanced or not, affordable or not,
retries, reversals and double reversals) and a plain Python model predicts
what the ledger should accept. After every sequence the invariants are checked
against the database itself.
"""

import uuid

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.db.models import F, Q, Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flourish.ledger.factories import LedgerAccountFactory, SystemAccountFactory
from flourish.ledger.models import LedgerAccount, LedgerEntry, Unit
from flourish.ledger.selectors import account_balance_from_entries
from flourish.ledger.services import LedgerFloorBreached, transaction_post, transaction_reverse

# unit, floor, soft limit for each account in every example
ACCOUNTS = [
    (Unit.GBP, None, None),  # the outside world
    (Unit.GBP, 0, None),  # a programme budget: no overdraft
    (Unit.GBP, 0, 500),  # a group's funds, flagged when low
    (Unit.GBP, -1_000, None),  # a pool with a small overdraft
    (Unit.TIME, None, -120),  # a timebank member who may owe time
    (Unit.TIME, 0, None),  # a timebank member who may not
]

account_index = st.integers(0, len(ACCOUNTS) - 1)
movement = st.tuples(account_index, account_index, st.integers(1, 3_000))
posting = st.tuples(
    st.just("post"),
    st.lists(movement, min_size=1, max_size=3),
    # Usually balanced; sometimes one line is nudged so the transaction does not balance.
    st.sampled_from([0, 0, 0, 0, 1, -7]),
)
operation = st.one_of(
    posting,
    st.tuples(st.just("retry"), st.integers(0, 50)),
    st.tuples(st.just("reverse"), st.integers(0, 50)),
)


def lines_for(movements, nudge, accounts):
    totals: dict[int, int] = {}
    for source, destination, amount in movements:
        totals[source] = totals.get(source, 0) - amount
        totals[destination] = totals.get(destination, 0) + amount
    lines = [(accounts[index], amount) for index, amount in totals.items() if amount]
    if lines and nudge:
        account, amount = lines[0]
        lines[0] = (account, amount + nudge)
    return lines


def expected_outcome(lines, balances):
    """What the model says the ledger must do with these lines."""
    units: dict[str, int] = {}
    for account, amount in lines:
        units[account.unit] = units.get(account.unit, 0) + amount
    if len(lines) < 2 or any(amount == 0 for _a, amount in lines) or any(units.values()):
        return "invalid"
    for account, amount in lines:
        after = balances[account.pk] + amount
        if amount < 0 and account.floor is not None and after < account.floor:
            return "floor"
    return "posted"


class Model:
    def __init__(self, accounts):
        self.accounts = accounts
        self.balances = {account.pk: 0 for account in accounts}
        self.posted = []  # (key, lines, transaction)
        self.reversed = set()

    def apply(self, lines):
        for account, amount in lines:
            self.balances[account.pk] += amount

    def post(self, movements, nudge):
        lines = lines_for(movements, nudge, self.accounts)
        outcome = expected_outcome(lines, self.balances)
        key = str(uuid.uuid4())
        try:
            posted = transaction_post(idempotency_key=key, lines=lines, description="P", actor=None)
        except LedgerFloorBreached:
            assert outcome == "floor"
            return
        except ValidationError:
            assert outcome == "invalid"
            return
        assert outcome == "posted"
        self.apply(lines)
        self.posted.append((key, lines, posted))

    def retry(self, index):
        if not self.posted:
            return
        key, lines, posted = self.posted[index % len(self.posted)]
        again = transaction_post(idempotency_key=key, lines=lines, description="P", actor=None)
        assert again.pk == posted.pk

    def reverse(self, index):
        if not self.posted:
            return
        _key, lines, posted = self.posted[index % len(self.posted)]
        opposite = [(account, -amount) for account, amount in lines]
        outcome = expected_outcome(opposite, self.balances)
        try:
            transaction_reverse(
                transaction=posted, idempotency_key=str(uuid.uuid4()), actor=None, reason="Test"
            )
        except LedgerFloorBreached:
            assert outcome == "floor"
            return
        except ValidationError:
            assert posted.pk in self.reversed
            return
        assert outcome == "posted"
        assert posted.pk not in self.reversed
        self.reversed.add(posted.pk)
        self.apply(opposite)


def open_accounts():
    accounts = [SystemAccountFactory()]
    for unit, floor, soft_limit in ACCOUNTS[1:]:
        accounts.append(LedgerAccountFactory(unit=unit, floor=floor, soft_limit=soft_limit))
    return accounts


def assert_ledger_invariants(model):
    unbalanced = (
        LedgerEntry.objects.values("transaction", "account__unit")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
    )
    assert not unbalanced.exists()
    for account in LedgerAccount.objects.all():
        assert account.balance == account_balance_from_entries(account=account)
        assert account.balance == model.balances[account.pk]
        assert account.entry_count == LedgerEntry.objects.filter(account=account).count()
    assert not LedgerAccount.objects.filter(floor__isnull=False, balance__lt=F("floor")).exists()
    flagged = LedgerEntry.objects.filter(went_past_soft_limit=True)
    assert not flagged.exclude(
        Q(amount__lt=0) & Q(balance_after__lt=F("account__soft_limit"))
    ).exists()


@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(operations=st.lists(operation, max_size=25))
def test_any_sequence_of_postings_keeps_the_ledger_balanced(operations):
    with db_transaction.atomic():
        model = Model(open_accounts())
        for kind, *arguments in operations:
            getattr(model, kind)(*arguments)
        assert_ledger_invariants(model)
        # Each example starts from an empty ledger.
        db_transaction.set_rollback(True)
