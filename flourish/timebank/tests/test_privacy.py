"""A member's rights in the timebank: their copy shows what the timebank holds about them,
and erasure takes out their own words while every hour given and received stays."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.services.privacy import person_erase
from flourish.ledger.models import LedgerEntry
from flourish.ledger.selectors import account_balance_from_entries
from flourish.timebank.factories import ListingFactory, mentee_make, mentor_make, scheme_make
from flourish.timebank.models import (
    CheckKind,
    Concern,
    ExchangeKind,
    Listing,
    MemberCheck,
    MemberStatus,
    MentorApplication,
    MentoringPair,
    MentoringSession,
    PairStatus,
    SessionMode,
)
from flourish.timebank.services import mentoring
from flourish.timebank.services.exchanges import exchange_confirm, exchange_record_directly

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()
ABOUT = "I grew up in Bramley and love gardening"


@pytest.fixture
def alices_words(timebank, alice, bob, coordinator):
    """Alice's profile, an offer, a check with notes, two hours given to Bob, and a
    mentoring pair (Alice mentors Bob) with a session, aims, and a concern."""
    alice.about, alice.languages, alice.interests = ABOUT, "Polish", "allotments"
    alice.save()
    ListingFactory(member=alice, title="Alice's soup afternoons", description="Soup at mine")
    MemberCheck.objects.create(
        member=alice,
        kind=CheckKind.REFERENCES,
        done_on=TODAY,
        notes="Reference from her GP surgery",
        recorded_by=coordinator,
    )
    exchange = exchange_record_directly(
        timebank=timebank,
        giver=alice,
        receivers=[bob],
        kind=ExchangeKind.PERSON,
        minutes=120,
        happened_on=TODAY,
        description="Digging the allotment",
        help_kind="gardening",
        actor=alice.user,
    )
    exchange_confirm(exchange=exchange, member=bob, actor=bob.user)
    scheme = scheme_make(timebank, timebanked=False)
    mentor = mentor_make(scheme, member=alice)
    MentorApplication.objects.filter(pk=mentor.pk).update(why="I was in hospital in 2019")
    pair = mentoring.pair_propose(
        mentor=mentor, mentee=mentee_make(scheme, member=bob), actor=coordinator
    )
    mentoring.pair_accept(pair=pair, actor=alice.user)
    mentoring.pair_accept(pair=pair, actor=bob.user)
    mentoring.pair_aims_set(pair=pair, aims="Get Bob back to the choir", actor=alice.user)
    mentoring.session_log(
        pair=pair,
        happened_on=TODAY,
        minutes=60,
        mode=SessionMode.PHONE,
        summary="Talked about the choir",
        private_note="Bob is worried about money",
        actor=alice.user,
    )
    mentoring.concern_raise(pair=pair, details="Bob sounded very low", actor=alice.user)
    return pair


def test_a_members_copy_of_their_data_shows_their_timebank_profile_offers_checks_and_mentoring(
    client, alice, alices_words
):
    client.force_login(alice.user)

    data = json.loads(client.get(reverse("accounts:your_data"), {"format": "json"}).getvalue())
    page = client.get(reverse("accounts:your_data")).content.decode()

    [place] = data["timebank_places"]
    assert place["A little about you"] == ABOUT
    assert place["Balance"] == "2 hours"
    assert data["timebank_listings"][0]["In a few words"] == "Alice's soup afternoons"
    assert data["timebank_checks"][0]["Notes"] == "Reference from her GP surgery"
    words = [row["In your words"] for row in data["timebank_mentoring"]]
    assert "I was in hospital in 2019" in words
    assert "Get Bob back to the choir" in words
    assert "Bob sounded very low" in words
    assert "Your peer mentoring" in page


def test_the_copy_takes_the_same_number_of_queries_however_much_the_timebank_holds(
    client, alice, alices_words
):
    client.force_login(alice.user)
    url = reverse("accounts:your_data")
    # Django reads each content type once a process and keeps it: alone, this test's
    # first visit was the process's first read of one.
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        ListingFactory(member=alice)
        mentoring.session_log(
            pair=alices_words,
            happened_on=TODAY,
            minutes=30,
            mode=SessionMode.VIDEO,
            summary="Another chat",
            actor=alice.user,
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(many) == len(few)


def test_erasure_takes_out_a_members_own_words_and_keeps_every_hour_and_ledger_entry(
    alice, bob, alices_words
):
    entries_before = LedgerEntry.objects.count()
    alice.account.refresh_from_db()
    balance_before = alice.account.balance

    person_erase(person=alice.user, actor=alice.user, received_by="online")

    alice.refresh_from_db()
    alice.account.refresh_from_db()
    assert alice.status == MemberStatus.LEFT
    assert (alice.about, alice.languages, alice.interests) == ("", "", "")
    listing = Listing.objects.get(member=alice)
    assert "soup" not in listing.title.lower() + listing.description.lower()
    assert not listing.is_open
    assert MemberCheck.objects.get(member=alice, kind=CheckKind.REFERENCES).notes == ""
    assert "hospital" not in MentorApplication.objects.get(member=alice).why
    pair = MentoringPair.objects.get(pk=alices_words.pk)
    assert pair.aims == "" and pair.status == PairStatus.ENDED
    session = MentoringSession.objects.get(pair=pair)
    assert session.private_note == "" and "choir" not in session.summary
    assert "low" not in Concern.objects.get(pair=pair).details
    # Time given is never deleted: the balances and every entry stay, and still add up.
    assert LedgerEntry.objects.count() == entries_before
    assert alice.account.balance == balance_before == 120
    bob.account.refresh_from_db()
    for account in (alice.account, bob.account):
        assert account.balance == account_balance_from_entries(account=account)
    assert sum(LedgerEntry.objects.values_list("amount", flat=True)) == 0


def test_erasing_one_member_leaves_the_other_members_words_alone(alice, bob, alices_words):
    bob.about = "Choir singer"
    bob.save()
    ListingFactory(member=bob, title="Bob's choir practice")

    person_erase(person=alice.user, actor=alice.user, received_by="online")

    bob.refresh_from_db()
    assert bob.about == "Choir singer" and bob.status == MemberStatus.APPROVED
    assert Listing.objects.get(member=bob).title == "Bob's choir practice"
