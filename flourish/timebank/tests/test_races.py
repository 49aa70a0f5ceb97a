"""A double click or two people at once on PostgreSQL: a gift is never more than the hours
a member has, and an exchange is confirmed, corrected and counted in the totals once."""

from django.db.models import Sum

from flourish.core.tests.races import ONLY_ON_POSTGRESQL, at_once
from flourish.ledger.selectors import account_balance
from flourish.timebank.models import ExchangeStatus, ExchangeTotal
from flourish.timebank.services import exchanges as services
from flourish.timebank.tests.test_exchanges import recorded

pytestmark = ONLY_ON_POSTGRESQL


def _totals(timebank):
    return ExchangeTotal.objects.filter(timebank=timebank).aggregate(
        exchanges=Sum("exchanges"), minutes=Sum("minutes")
    )


def test_gifts_sent_at_once_give_no_more_than_the_member_has(alice, bob, timebank):
    services.exchange_confirm(exchange=recorded(alice, bob, minutes=90), member=bob, actor=bob.user)

    outcomes = at_once(
        *[lambda: services.gift_give(member=alice, minutes=60, actor=alice.user)] * 4
    )

    assert outcomes == ["done", "refused", "refused", "refused"]
    assert account_balance(account=alice.account) == 30


def test_a_confirmation_sent_at_once_is_counted_once(alice, bob, coordinator, timebank):
    exchange = recorded(alice, bob, minutes=60)

    def confirm():
        services.exchange_confirm(
            exchange=type(exchange).objects.get(pk=exchange.pk),
            member=None,
            actor=coordinator,
            as_coordinator=True,
        )

    outcomes = at_once(*[confirm] * 4)

    assert outcomes == ["done", "refused", "refused", "refused"]
    assert _totals(timebank) == {"exchanges": 1, "minutes": 60}
    assert account_balance(account=alice.account) == 60


def test_a_correction_sent_at_once_takes_the_exchange_off_the_totals_once(
    alice, bob, coordinator, timebank
):
    exchange = recorded(alice, bob, minutes=60)
    services.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)

    def correct():
        services.exchange_reverse(
            exchange=type(exchange).objects.get(pk=exchange.pk),
            reason="Recorded twice",
            actor=coordinator,
        )

    outcomes = at_once(*[correct] * 4)

    assert outcomes == ["done", "refused", "refused", "refused"]
    assert _totals(timebank) == {"exchanges": 0, "minutes": 0}
    assert type(exchange).objects.get(pk=exchange.pk).status == ExchangeStatus.REVERSED
    assert (account_balance(account=alice.account), account_balance(account=bob.account)) == (0, 0)
