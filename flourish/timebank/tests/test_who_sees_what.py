"""Every timebank page × every kind of person: who gets it, who is sent to sign in, and who
is told nothing (404). Balances and exchanges are private to the people in them."""

import pytest
from django.test import Client
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.timebank.factories import ListingFactory, coordinator_make, member_make
from flourish.timebank.services.exchanges import exchange_ask

ROLES = [
    "anonymous",
    "member",
    "other_member",
    "coordinator",
    "other_coordinator",
    "stranger",
    # A member coordinates the timebank only if they coordinate its organisation,
    # not because they coordinate another timebank.
    "coordinating_member",
    "member_coordinating_elsewhere",
]
MEMBERS = {"member", "other_member", "coordinating_member", "member_coordinating_elsewhere"}
PEOPLE_OF_THE_TIMEBANK = MEMBERS | {"coordinator"}
COORDINATORS = {"coordinator", "coordinating_member"}


def status(**overrides):
    expected = {role: 404 for role in ROLES} | {"anonymous": 302}
    return expected | overrides


SIGNED_IN = status(**{role: 200 for role in ROLES if role != "anonymous"})
TAKING_PART = status(**{role: 200 for role in PEOPLE_OF_THE_TIMEBANK})
# Pages about a member's own hours: a coordinator who is not a member is sent to the home page.
OWN_HOURS = status(**{role: 200 for role in MEMBERS}, coordinator=302)
COORDINATOR = status(**{role: 200 for role in COORDINATORS})

MATRIX = [
    ("index", None, SIGNED_IN),
    ("join", None, SIGNED_IN),
    ("home", None, TAKING_PART),
    ("search", None, TAKING_PART),
    ("record", None, TAKING_PART),
    ("listing", "listing", TAKING_PART),
    ("statement", None, OWN_HOURS),
    ("give", None, OWN_HOURS),
    ("leave", None, OWN_HOURS),
    ("listing_new", None, OWN_HOURS),
    ("exchange", "exchange", status(member=200, **{role: 200 for role in COORDINATORS})),
    ("dashboard", None, COORDINATOR),
    ("members", None, COORDINATOR),
    ("join_by_phone", None, COORDINATOR),
    ("settings", None, COORDINATOR),
    ("report", None, COORDINATOR),
    ("member", "member", COORDINATOR),
]


@pytest.fixture
def scene(timebank, other_timebank, alice, bob, coordinator, other_coordinator):
    third = member_make(timebank)
    coordinating_member = member_make(timebank, user=coordinator_make(timebank)).user
    coordinating_elsewhere = member_make(timebank, user=coordinator_make(other_timebank)).user
    listing = ListingFactory(member=alice)
    exchange = exchange_ask(asker=third, listing=listing, message="", actor=third.user)
    people = {
        "anonymous": None,
        "member": alice.user,
        "other_member": bob.user,
        "coordinator": coordinator,
        "other_coordinator": other_coordinator,
        "stranger": UserFactory(),
        "coordinating_member": coordinating_member,
        "member_coordinating_elsewhere": coordinating_elsewhere,
    }
    objects = {"listing": listing.pk, "exchange": exchange.pk, "member": alice.pk}
    return timebank, people, objects


@pytest.mark.parametrize(("name", "about", "expected"), MATRIX, ids=[row[0] for row in MATRIX])
def test_each_page_is_shown_only_to_the_people_it_is_for(client, scene, name, about, expected):
    timebank, people, objects = scene
    args = [] if name == "index" else [timebank.slug]
    if about:
        args.append(objects[about])
    address = reverse(f"timebank:{name}", args=args)
    seen = {}
    for role in ROLES:
        client.logout()
        if people[role] is not None:
            client.force_login(people[role])
        seen[role] = client.get(address).status_code
    assert seen == expected


def test_a_member_never_sees_another_members_balance(client, timebank, alice, bob):
    client.force_login(bob.user)
    assert "Alice Giver" not in client.get(reverse("timebank:home", args=[timebank.slug])).text
    assert client.get(reverse("timebank:member", args=[timebank.slug, alice.pk])).status_code == 404


def test_actions_on_an_exchange_are_404_to_anyone_outside_it(client, scene, other_coordinator):
    timebank, people, objects = scene
    address = reverse("timebank:exchange_act", args=[timebank.slug, objects["exchange"], "confirm"])
    for role in ("other_member", "other_coordinator", "stranger"):
        client.force_login(people[role])
        assert client.post(address).status_code == 404


def test_a_coordinator_sets_up_two_step_sign_in_before_seeing_a_members_checks(
    client, timebank, alice
):
    newcomer = coordinator_make(timebank, authenticator=False)
    client.force_login(newcomer)

    page = client.get(reverse("timebank:member", args=[timebank.slug, alice.pk]))

    assert page.status_code == 302 and page["Location"] == reverse("mfa_activate_totp")


def test_a_coordinator_who_skipped_the_code_in_this_session_is_asked_to_sign_in_again(
    timebank, alice, coordinator
):
    browser = Client()  # signed in without entering the authenticator code
    browser.force_login(coordinator)

    page = browser.get(reverse("timebank:member", args=[timebank.slug, alice.pk]))

    assert page.status_code == 302 and page["Location"].startswith(reverse("account_login"))
