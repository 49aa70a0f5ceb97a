"""The timebank journeys through the pages, as people meet them (no JavaScript needed)."""

import datetime

import pytest
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.ledger.selectors import account_balance
from flourish.timebank.models import Exchange, ExchangeStatus, Listing, MemberStatus, TimebankMember

TODAY = datetime.date.today().isoformat()


def url(name, timebank, *args):
    return reverse(f"timebank:{name}", args=[timebank.slug, *args])


def test_a_person_asks_to_join_and_the_coordinator_checks_and_approves_them(
    client, timebank, coordinator
):
    person = UserFactory(name="Dina Newcomer")
    client.force_login(person)
    response = client.post(
        url("join", timebank), {"area": "Bramley", "about": "I like gardening"}, follow=True
    )
    assert "The coordinator will be in touch" in response.text
    member = TimebankMember.objects.get(user=person)

    client.force_login(coordinator)
    assert "Dina Newcomer" in client.get(url("dashboard", timebank)).text
    response = client.post(
        url("member", timebank, member.pk),
        {"kind": "safeguarding", "done_on": "2026-01-05", "expires_on": "2029-01-05"},
        follow=True,
    )
    assert "Check recorded" in response.text
    client.post(url("approve", timebank, member.pk))
    member.refresh_from_db()
    assert member.status == MemberStatus.APPROVED and member.account is not None


def test_offer_help_be_asked_record_an_hour_and_the_receiver_confirms(client, timebank, alice, bob):
    client.force_login(alice.user)
    response = client.post(
        url("listing_new", timebank),
        {
            "direction": "offer",
            "kind": "gardening",
            "title": "Weeding and planting",
            "description": "Happy to help in a garden.",
            "area": "Kirkstall",
            "days": ["sat"],
        },
        follow=True,
    )
    assert "Your listing is up" in response.text
    listing = Listing.objects.get(title="Weeding and planting")

    client.force_login(bob.user)
    found = client.get(
        url("search", timebank), {"words": "weeding", "kind": "gardening", "day": "sat"}
    )
    assert "Weeding and planting" in found.text
    client.post(url("listing", timebank, listing.pk), {"message": "Could you help on Saturday?"})
    exchange = Exchange.objects.get(listing=listing)

    client.force_login(alice.user)
    client.post(
        url("exchange_act", timebank, exchange.pk, "agree"), {"agree-agreed_when": "Saturday 10am"}
    )
    client.post(
        url("exchange_act", timebank, exchange.pk, "record"),
        {"record-hours": "1", "record-extra_minutes": "30", "record-happened_on": TODAY},
    )

    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.RECORDED, exchange.status
    client.force_login(bob.user)
    response = client.post(url("exchange_act", timebank, exchange.pk, "confirm"), follow=True)
    assert "Confirmed" in response.text
    assert (account_balance(account=alice.account), account_balance(account=bob.account)) == (
        90,
        -90,
    )
    statement = client.get(url("statement", timebank)).text
    assert "1 hour 30 minutes out" in statement


def test_a_coordinator_records_an_exchange_for_a_member_by_phone(
    client, timebank, coordinator, alice, bob
):
    client.force_login(coordinator)
    response = client.post(
        url("record", timebank),
        {
            "giver": alice.pk,
            "kind": "person",
            "receivers": [bob.pk],
            "description": "Lift to the shops",
            "help_kind": "transport",
            "hours": "2",
            "extra_minutes": "0",
            "happened_on": TODAY,
        },
        follow=True,
    )
    assert "Recorded by Cora Ord for Alice Giver" in response.text
    exchange = Exchange.objects.get(description="Lift to the shops")
    assert exchange.status == ExchangeStatus.RECORDED


def test_bad_time_is_refused_with_a_message_that_says_what_to_do(client, timebank, alice, bob):
    client.force_login(alice.user)
    response = client.post(
        url("record", timebank),
        {
            "kind": "person",
            "receivers": [bob.pk],
            "description": "Too long",
            "help_kind": "transport",
            "hours": "24",
            "extra_minutes": "30",
            "happened_on": TODAY,
        },
    )
    assert "Enter no more than 24 hours" in response.text
    assert not Exchange.objects.exists()


def test_a_date_long_ago_is_refused_as_a_slip_of_the_year(client, timebank, alice, bob):
    client.force_login(alice.user)
    response = client.post(
        url("record", timebank),
        {
            "kind": "person",
            "receivers": [bob.pk],
            "description": "Typed 1900",
            "help_kind": "transport",
            "hours": "1",
            "extra_minutes": "0",
            "happened_on": "1900-01-01",
        },
    )
    assert "Enter a date in the last two years: check the year" in response.text
    assert not Exchange.objects.exists()


@pytest.mark.parametrize("page", ["", "abc", "-3", "99999"])
def test_any_page_number_shows_a_page(client, timebank, alice, page):
    client.force_login(alice.user)
    assert client.get(url("search", timebank), {"page": page}).status_code == 200


def _phoned_in(timebank, alice, bob, coordinator):
    """Help Alice gave Bob, recorded by the coordinator because Alice phoned."""
    from flourish.timebank.services.exchanges import exchange_record_directly

    return exchange_record_directly(
        timebank=timebank,
        giver=alice,
        receivers=[bob],
        kind="person",
        minutes=90,
        happened_on=datetime.date.today(),
        description="Helped with the garden",
        help_kind="gardening",
        actor=coordinator,
    )


def test_a_coordinator_confirms_for_someone_who_phoned_to_say_they_were_helped(
    client, timebank, coordinator, alice, bob
):
    exchange = _phoned_in(timebank, alice, bob, coordinator)
    client.force_login(coordinator)

    page = client.get(url("exchange", timebank, exchange.pk)).text
    response = client.post(url("exchange_act", timebank, exchange.pk, "confirm"), follow=True)

    assert "Confirm for the people helped" in page
    assert "Confirmed. Thank you." in response.text
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.CONFIRMED
    assert (account_balance(account=alice.account), account_balance(account=bob.account)) == (
        90,
        -90,
    )


def test_a_coordinator_who_gave_the_help_cannot_confirm_it_for_the_person_helped(
    client, timebank, coordinator, bob
):
    from flourish.timebank.factories import member_make

    giving_coordinator = member_make(timebank, coordinator)
    exchange = _phoned_in(timebank, giving_coordinator, bob, coordinator)
    client.force_login(coordinator)

    page = client.get(url("exchange", timebank, exchange.pk)).text
    response = client.post(url("exchange_act", timebank, exchange.pk, "confirm"))

    assert "Confirm for the people helped" not in page
    assert "someone else must confirm it" in response.text
    exchange.refresh_from_db()
    assert exchange.status == ExchangeStatus.RECORDED
