"""Journeys from the demo data through the pages for the community pot, partner timebanks
and referring someone for a mentor with their consent."""

import html
import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.factories import UserFactory
from flourish.accounts.models import User
from flourish.accounts.tests.two_step import force_login_with_two_steps, with_authenticator
from flourish.ledger.models import LedgerEntry
from flourish.timebank import demo as timebank_demo
from flourish.timebank.factories import TimebankFactory, coordinator_make, member_make
from flourish.timebank.models import (
    Exchange,
    ExchangeKind,
    MenteeRequest,
    PartnershipRequest,
    Timebank,
    TimebankMember,
)
from flourish.timebank.services.accounts import pot_account_open

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for module in (accounts_demo, timebank_demo):
        module.build(io.StringIO())
    return Timebank.objects.get(slug=timebank_demo.SLUG)


def as_coordinator(client):
    coordinator = User.objects.get(email="coordinator@example.org")
    with_authenticator(coordinator)
    force_login_with_two_steps(client, coordinator)
    return coordinator


def url(name, timebank, *args):
    return reverse(f"timebank:{name}", args=[timebank.slug, *args])


def test_from_the_demo_the_pot_partner_timebanks_and_referral_journeys_work(client, demo):
    """One build of the demo for the three journeys: it takes a while to make."""
    check_a_member_gives_to_the_pot_and_the_coordinator_gives_those_hours_to_someone(client, demo)
    check_two_timebanks_become_partners_and_their_members_exchange(client, demo)
    check_a_coordinator_refers_a_member_for_a_mentor_only_with_their_consent(client, demo)


def check_a_member_gives_to_the_pot_and_the_coordinator_gives_those_hours_to_someone(client, demo):
    tom = TimebankMember.objects.get(timebank=demo, user__email="member@example.org")
    client.force_login(tom.user)
    client.post(url("give", demo), {"hours": 2, "extra_minutes": 0})
    # Given in English, read in Welsh: Flourish names the gift in the reader's language.
    gift = Exchange.objects.filter(giver=tom, kind=ExchangeKind.GIFT).latest("pk")
    welsh = client.get(url("exchange", demo, gift.pk), HTTP_ACCEPT_LANGUAGE="cy").text
    heading = '<h1 class="govuk-heading-xl" dir="auto">Oriau a roddwyd i gronfa\'r gymuned</h1>'
    assert heading in html.unescape(welsh)
    pot = pot_account_open(timebank=demo)
    held = pot.balance
    neighbour = demo.members.filter(status="approved").exclude(pk=tom.pk).last()
    before = neighbour.account.balance

    as_coordinator(client)
    member_page = client.get(url("member", demo, neighbour.pk)).text
    assert "Give them hours from the community pot" in member_page
    page = client.get(url("pot_draw", demo, neighbour.pk))
    key = page.context["form"].initial["key"]
    too_much = client.post(
        url("pot_draw", demo, neighbour.pk),
        {"hours": 24, "extra_minutes": 0, "reason": "Moving home", "key": key},
    )
    assert "The community pot holds" in too_much.text
    form = {"hours": 1, "extra_minutes": 30, "reason": "Help with moving home", "key": key}
    done = client.post(url("pot_draw", demo, neighbour.pk), form, follow=True)
    client.post(url("pot_draw", demo, neighbour.pk), form)  # a second click moves nothing

    assert "Hours from the community pot are now in" in done.text
    neighbour.account.refresh_from_db()
    pot.refresh_from_db()
    assert neighbour.account.balance == before + 90
    assert pot.balance == held - 90
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == 0
    client.force_login(neighbour.user)
    statement = client.get(url("statement", demo)).text
    assert "From the community pot: Help with moving home" in statement
    # The coordinator wrote in English; a Welsh reader reads Flourish's words in Welsh.
    in_welsh = client.get(url("statement", demo), HTTP_ACCEPT_LANGUAGE="cy").text
    assert "O'r pot cymunedol: Help with moving home" in html.unescape(in_welsh)


def check_two_timebanks_become_partners_and_their_members_exchange(client, demo):
    armley = TimebankFactory(name="Armley Timebank", slug="armley-timebank")
    armley_coordinator = coordinator_make(armley, UserFactory(name="Ari Coordinator"))
    visitor = member_make(armley, UserFactory(name="Vic Visitor"))
    listing = demo.listings.filter(direction="offer", is_open=True).first()

    as_coordinator(client)
    asked = client.post(url("partners", demo), {"other": armley.pk}, follow=True)
    assert "Asked. Their coordinator will see it" in asked.text
    assert not armley.partners.exists()

    client.force_login(visitor.user)
    assert listing.title not in client.get(url("search", armley)).text

    force_login_with_two_steps(client, armley_coordinator)
    page = client.get(url("partners", armley)).text
    assert "Become partners with Bradford Timebank" in page
    ask = PartnershipRequest.objects.get(to_timebank=armley)
    accepted = client.post(url("partner_act", armley, ask.pk, "accept"), follow=True)
    assert "You are now partners." in accepted.text
    assert client.post(url("partner_act", armley, ask.pk, "accept"), follow=True).status_code == 200

    client.force_login(visitor.user)
    assert listing.title in client.get(url("search", armley)).text
    client.post(url("listing", armley, listing.pk), {"message": "Could you help on Saturday?"})
    exchange = Exchange.objects.get(listing=listing, asked_by=visitor)
    assert exchange.giver == listing.member

    force_login_with_two_steps(client, armley_coordinator)
    client.post(url("partner_act", armley, demo.pk, "end"))
    assert not armley.partners.exists()
    assert not demo.partners.filter(pk=armley.pk).exists()


def check_a_coordinator_refers_a_member_for_a_mentor_only_with_their_consent(client, demo):
    scheme = demo.schemes.get()
    waiting = MenteeRequest.objects.filter(scheme=scheme).values_list("member", flat=True)
    member = demo.members.filter(status="approved").exclude(pk__in=waiting).first()
    coordinator = as_coordinator(client)
    assert "Refer them for a mentor" in client.get(url("member", demo, member.pk)).text
    form = {"scheme": scheme.pk, "hopes": "Someone who has been in hospital too"}

    refused = client.post(url("refer", demo, member.pk), form)
    assert "Ask the person first: we refer people only with their consent." in refused.text
    assert not MenteeRequest.objects.filter(member=member).exists()

    done = client.post(url("refer", demo, member.pk), {**form, "consent_given": "on"}, follow=True)

    assert "is on the waiting list for a mentor" in done.text
    assert "referred, with consent" in done.text
    request = MenteeRequest.objects.get(member=member)
    assert request.referred_by == coordinator and request.consent_given
