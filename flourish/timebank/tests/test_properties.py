"""Whatever exchanges, reversals, leavings and cross-timebank exchanges happen, time in the
whole system sums to zero, every balance equals its entries, and a refusal changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction as db_transaction
from django.db.models import Sum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flourish.accounts.factories import UserFactory
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.selectors import account_balance_from_entries
from flourish.timebank.factories import TimebankFactory, coordinator_make, member_make
from flourish.timebank.models import Exchange, ExchangeKind, ExchangeStatus
from flourish.timebank.services import exchanges, timebanks

TODAY = datetime.date(2026, 3, 1)
MEMBERS = 6  # the first four in one timebank, the last two in its partner
person = st.integers(0, MEMBERS - 1)
minutes = st.integers(-30, 1_500)
operation = st.one_of(
    st.tuples(st.just("exchange"), person, st.lists(person, min_size=1, max_size=3), minutes),
    st.tuples(st.just("volunteer"), person, minutes),
    st.tuples(st.just("gift"), person, minutes),
    st.tuples(st.just("reverse"), st.integers(0, 20)),
    st.tuples(st.just("leave"), person),
)


class World:
    def __init__(self):
        home, partner = (
            TimebankFactory(name="Home Timebank"),
            TimebankFactory(name="Partner Timebank"),
        )
        home.partners.add(partner)
        self.home = home
        self.coordinator = coordinator_make(home, UserFactory())
        self.members = [member_make(home) for _ in range(4)] + [
            member_make(partner) for _ in range(2)
        ]

    def refresh(self, index):
        member = self.members[index]
        member.refresh_from_db()
        return member

    def exchange(self, giver, receivers, amount):
        giver = self.refresh(giver)
        people = [self.refresh(index) for index in dict.fromkeys(receivers)]
        exchange = exchanges.exchange_record_directly(
            timebank=giver.timebank,
            giver=giver,
            receivers=people,
            kind=ExchangeKind.PERSON,
            minutes=amount,
            happened_on=TODAY,
            description="Help",
            help_kind="company",
            actor=giver.user,
        )
        for receiver in people:
            exchanges.exchange_confirm(exchange=exchange, member=receiver, actor=receiver.user)

    def volunteer(self, giver, amount):
        giver = self.refresh(giver)
        exchange = exchanges.exchange_record_directly(
            timebank=giver.timebank,
            giver=giver,
            receivers=[],
            kind=ExchangeKind.ORGANISATION,
            minutes=amount,
            happened_on=TODAY,
            description="Stall",
            help_kind="group",
            actor=self.coordinator,
        )
        exchanges.exchange_confirm(
            exchange=exchange, member=None, actor=self.coordinator, as_coordinator=True
        )

    def gift(self, giver, amount):
        exchanges.gift_give(member=self.refresh(giver), minutes=amount, actor=None)

    def reverse(self, number):
        confirmed = list(
            Exchange.objects.filter(status=ExchangeStatus.CONFIRMED).exclude(kind=ExchangeKind.GIFT)
        )
        if confirmed:
            exchange = confirmed[number % len(confirmed)]
            exchanges.exchange_reverse(
                exchange=exchange, reason="Corrected", actor=self.coordinator
            )

    def leave(self, index):
        timebanks.member_leave(member=self.refresh(index), actor=self.coordinator)


def balances():
    return dict(LedgerAccount.objects.filter(unit=Unit.TIME).values_list("pk", "balance"))


def assert_time_balances():
    accounts = LedgerAccount.objects.filter(unit=Unit.TIME)
    assert accounts.aggregate(total=Sum("balance"))["total"] in (0, None)
    for account in accounts:
        assert account.balance == account_balance_from_entries(account=account)
        assert account.floor is None or account.balance >= account.floor
    for exchange in Exchange.objects.filter(
        status__in=[ExchangeStatus.CONFIRMED, ExchangeStatus.REVERSED]
    ):
        assert exchange.transaction_id is not None
        assert (exchange.status == ExchangeStatus.REVERSED) == (exchange.reversal_id is not None)


@pytest.mark.django_db
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(operations=st.lists(operation, max_size=12))
def test_time_always_sums_to_zero_and_balances_equal_their_entries(operations):
    with db_transaction.atomic():
        world = World()
        for kind, *arguments in operations:
            before = balances()
            try:
                with db_transaction.atomic():
                    getattr(world, kind)(*arguments)
            except ValidationError:
                assert balances() == before, f"a refused {kind} moved time"
            assert_time_balances()
        db_transaction.set_rollback(True)
