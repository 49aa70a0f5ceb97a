"""Exchanges move time only when confirmed, once, and bad input changes nothing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from flourish.ledger.selectors import account_balance
from flourish.timebank.factories import ListingFactory, member_make
from flourish.timebank.models import Direction, ExchangeKind, ExchangeStatus
from flourish.timebank.services import exchanges as services
from flourish.timebank.services.accounts import organisation_account_open, pot_account_open

TODAY = datetime.date(2026, 6, 1)


def balance(member):
    return account_balance(account=member.account)


def recorded(alice, bob, minutes=60):
    listing = ListingFactory(member=alice, direction=Direction.OFFER)
    exchange = services.exchange_ask(asker=bob, listing=listing, message="", actor=bob.user)
    services.exchange_agree(
        exchange=exchange, member=alice, agreed_when="Tuesday", actor=alice.user
    )
    return services.exchange_record(
        exchange=exchange, minutes=minutes, happened_on=timezone.localdate(), actor=alice.user
    )


def volunteered_for_the_organisation(timebank, giver, coordinator, minutes=90):
    """Time given to the timebank's own organisation, recorded by a coordinator."""
    return services.exchange_record_directly(
        timebank=timebank,
        giver=giver,
        receivers=[],
        kind=ExchangeKind.ORGANISATION,
        minutes=minutes,
        happened_on=timezone.localdate(),
        description="Ran the stall",
        help_kind="group",
        actor=coordinator,
    )


def test_an_hour_given_is_an_hour_received_once_the_receiver_confirms(alice, bob):
    exchange = recorded(alice, bob)
    assert (balance(alice), balance(bob)) == (0, 0)

    services.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)

    assert (balance(alice), balance(bob)) == (60, -60)
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CONFIRMED
    assert exchange.transaction.idempotency_key == f"timebank:exchange:{exchange.pk}"


def test_it_refuses_an_exchange_with_yourself(alice):
    listing = ListingFactory(member=alice)
    with pytest.raises(ValidationError, match="your own listing"):
        services.exchange_ask(asker=alice, listing=listing, message="", actor=alice.user)


@pytest.mark.parametrize(
    ("minutes", "message"),
    [(0, "more than 0"), (-30, "more than 0"), (1441, "no more than 24 hours")],
)
def test_it_refuses_no_time_negative_time_and_more_than_a_day(alice, bob, minutes, message):
    listing = ListingFactory(member=alice)
    exchange = services.exchange_ask(asker=bob, listing=listing, message="", actor=bob.user)
    with pytest.raises(ValidationError, match=message):
        services.exchange_record(
            exchange=exchange, minutes=minutes, happened_on=TODAY, actor=alice.user
        )
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.ASKED


def test_it_refuses_confirming_an_exchange_that_is_not_yours(alice, bob, carol):
    exchange = recorded(alice, bob)
    with pytest.raises(ValidationError, match="Only the person who received"):
        services.exchange_confirm(exchange=exchange, member=carol, actor=carol.user)
    assert balance(bob) == 0


def test_it_refuses_confirming_twice_and_moves_time_once(alice, bob):
    exchange = recorded(alice, bob)
    services.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    with pytest.raises(ValidationError, match="already confirmed"):
        services.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    assert balance(bob) == -60


def test_it_refuses_an_exchange_that_would_go_below_the_floor(alice, bob):
    with pytest.raises(ValidationError, match="past the timebank's limit"):
        recorded(alice, bob, minutes=24 * 60)
    first = recorded(alice, bob, minutes=20 * 60)
    services.exchange_confirm(exchange=first, member=bob, actor=bob.user)
    assert balance(bob) == -1200


def test_a_dispute_goes_to_the_coordinator_and_moves_nothing(alice, bob, coordinator, mailoutbox):
    exchange = recorded(alice, bob)
    services.exchange_dispute(
        exchange=exchange, member=bob, reason="It was 30 minutes", actor=bob.user
    )
    assert exchange.status == ExchangeStatus.DISPUTED
    assert balance(alice) == 0


def test_volunteering_for_the_organisation_is_paid_from_its_account(alice, timebank, coordinator):
    exchange = volunteered_for_the_organisation(timebank, alice, coordinator, minutes=90)
    assert exchange.recorded_by == coordinator
    services.exchange_confirm(
        exchange=exchange, member=None, actor=coordinator, as_coordinator=True
    )
    assert balance(alice) == 90
    assert account_balance(account=organisation_account_open(timebank=timebank)) == -90


def test_one_person_helping_several_shares_the_time_between_them(alice, bob, carol, timebank):
    exchange = services.exchange_record_directly(
        timebank=timebank,
        giver=alice,
        receivers=[bob, carol],
        kind=ExchangeKind.PERSON,
        minutes=61,
        happened_on=TODAY,
        description="Cooking class",
        help_kind="cooking",
        actor=alice.user,
    )
    assert exchange.kind == ExchangeKind.SEVERAL
    services.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    assert balance(alice) == 0
    services.exchange_confirm(exchange=exchange, member=carol, actor=carol.user)
    assert (balance(alice), balance(bob), balance(carol)) == (61, -31, -30)


def test_a_correction_reverses_the_transaction_and_keeps_the_history(alice, bob, coordinator):
    exchange = recorded(alice, bob)
    services.exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    services.exchange_reverse(exchange=exchange, reason="Recorded twice", actor=coordinator)
    assert (balance(alice), balance(bob)) == (0, 0)
    assert exchange.status == ExchangeStatus.REVERSED


def test_a_gift_to_the_pot_can_only_be_hours_you_have(alice, bob, timebank):
    with pytest.raises(ValidationError, match="only hours you have"):
        services.gift_give(member=bob, minutes=30, actor=bob.user)
    services.exchange_confirm(exchange=recorded(alice, bob), member=bob, actor=bob.user)
    services.gift_give(member=alice, minutes=30, actor=alice.user)
    assert account_balance(account=pot_account_open(timebank=timebank)) == 30


def test_members_of_partner_timebanks_can_exchange_and_others_cannot(alice, other_timebank):
    elsewhere = member_make(other_timebank)
    listing = ListingFactory(member=alice)
    with pytest.raises(ValidationError, match="does not exchange with"):
        services.exchange_ask(asker=elsewhere, listing=listing, message="", actor=elsewhere.user)
    alice.timebank.partners.add(other_timebank)
    exchange = services.exchange_ask(
        asker=elsewhere, listing=listing, message="", actor=elsewhere.user
    )
    services.exchange_record(exchange=exchange, minutes=45, happened_on=TODAY, actor=alice.user)
    services.exchange_confirm(exchange=exchange, member=elsewhere, actor=elsewhere.user)
    assert (balance(alice), balance(elsewhere)) == (45, -45)


def test_exchanges_confirm_themselves_after_the_window_unless_disputed(alice, bob):
    recorded(alice, bob)
    assert services.exchanges_confirm_overdue() == 0
    later = timezone.now() + datetime.timedelta(days=8)
    assert services.exchanges_confirm_overdue(now=later) == 1
    assert balance(bob) == -60


def test_the_same_give_form_sent_twice_gives_once(client, alice, bob, timebank):
    from django.urls import reverse

    services.exchange_confirm(exchange=recorded(alice, bob, 120), member=bob, actor=bob.user)
    client.force_login(alice.user)
    address = reverse("timebank:give", args=[timebank.slug])
    shown = client.get(address).content.decode()
    mark = shown.split('name="given_with" value="')[1].split('"')[0]
    form = {"hours": 1, "extra_minutes": 0, "given_with": mark}

    client.post(address, form)
    client.post(address, form)

    assert balance(alice) == 60
    assert account_balance(account=pot_account_open(timebank=timebank)) == 60
