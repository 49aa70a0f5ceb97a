"""Two timebank promises: only approved members get inside a timebank,
and only the person who was asked can agree to an exchange."""

import pytest
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.ledger.selectors import account_balance
from flourish.timebank.factories import AskingMemberFactory, ListingFactory, member_make
from flourish.timebank.models import Direction, Exchange, ExchangeStatus, MemberStatus
from flourish.timebank.services.exchanges import exchange_ask
from flourish.timebank.services.timebanks import member_leave

# The pages a member uses inside a timebank.
INSIDE = ["home", "search", "record", "listing"]


def url(name, timebank, *args):
    return reverse(f"timebank:{name}", args=[timebank.slug, *args])


@pytest.fixture
def asking(timebank):
    return AskingMemberFactory(timebank=timebank, user=UserFactory(name="Ash Asking"))


@pytest.fixture
def leaver(timebank):
    member = member_make(timebank, UserFactory(name="Lee Leaver"))
    return member_leave(member=member, actor=member.user)


def pages_seen_by(client, user, timebank, listing):
    client.force_login(user)
    seen = {}
    for name in INSIDE:
        args = [listing.pk] if name == "listing" else []
        seen[name] = client.get(url(name, timebank, *args)).status_code
    seen["members"] = client.get(url("members", timebank)).status_code
    return seen


def test_an_approved_member_gets_the_timebanks_home_listings_and_search(client, timebank, alice):
    listing = ListingFactory(member=member_make(timebank))

    seen = pages_seen_by(client, alice.user, timebank, listing)

    assert seen == {name: 200 for name in INSIDE} | {"members": 404}


def test_a_person_who_has_only_asked_to_join_is_told_nothing_about_the_timebank(
    client, timebank, asking
):
    listing = ListingFactory(member=member_make(timebank))
    assert asking.status == MemberStatus.ASKED

    seen = pages_seen_by(client, asking.user, timebank, listing)

    assert seen == {name: 404 for name in [*INSIDE, "members"]}


def test_a_person_who_has_left_is_told_nothing_about_the_timebank(client, timebank, leaver):
    listing = ListingFactory(member=member_make(timebank))
    assert leaver.status == MemberStatus.LEFT

    seen = pages_seen_by(client, leaver.user, timebank, listing)

    assert seen == {name: 404 for name in [*INSIDE, "members"]}


def test_the_person_who_asked_for_an_hour_cannot_agree_to_it_themselves(
    client, timebank, alice, bob
):
    listing = ListingFactory(member=bob, direction=Direction.OFFER)
    exchange = exchange_ask(asker=alice, listing=listing, message="", actor=alice.user)
    client.force_login(alice.user)

    response = client.post(
        url("exchange_act", timebank, exchange.pk, "agree"), {"agree-agreed_when": "Saturday 10am"}
    )

    assert response.status_code == 200
    assert "Only the person who was asked can agree to this exchange." in response.text
    exchange = Exchange.objects.get(pk=exchange.pk)
    assert exchange.status == ExchangeStatus.ASKED
    assert exchange.agreed_when == ""
    assert (account_balance(account=alice.account), account_balance(account=bob.account)) == (0, 0)
