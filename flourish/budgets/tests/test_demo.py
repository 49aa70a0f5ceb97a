"""The demo budgets let a newcomer try every journey from the pages alone, starting from the
demo data as `make seed` builds it."""

import csv
import io

import pytest
from django.utils import timezone

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.accounts.tests.demo_sign_in import signs_in_with_the_demo_password
from flourish.accounts.tests.two_step import with_authenticator
from flourish.budgets import demo as budgets_demo
from flourish.budgets.models import (
    Booking,
    BookingStatus,
    Budget,
    OutsideSpending,
    Pool,
    ProposalStatus,
    StatementSettings,
)
from flourish.directory import demo as directory_demo
from flourish.ledger.selectors import ledger_integrity

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    for module in (accounts_demo, directory_demo, budgets_demo, budgets_demo):
        module.build(io.StringIO())
    return Budget.objects.get(person__email="holder@example.org")


def test_the_demo_has_every_journey_ready_and_runs_twice(client, demo):
    """One build for every check: the demo takes a while to make."""
    check_the_counts()
    # Before any check gives someone an authenticator app, as the demo has none.
    check_each_person_in_the_budgets_demo_signs_in_with_the_demo_password()
    check_a_person_books_a_peer_session_and_the_group_confirms(client, demo)
    check_a_broker_books_within_the_limit_and_is_refused_over_it(client, demo)
    check_a_pool_votes_and_pays_a_group(client, demo)
    check_a_pool_member_finds_support_and_proposes_it(client, demo)
    check_the_council_downloads_a_months_statements(client)
    check_a_note_on_a_line_reaches_the_councils_own_columns(client, demo)
    assert ledger_integrity().sound


def check_each_person_in_the_budgets_demo_signs_in_with_the_demo_password():
    for email in ("holder@example.org", "broker@example.org", "council@example.org"):
        assert signs_in_with_the_demo_password(email), email


def check_the_counts():
    budgets = Budget.objects.filter(council__slug=budgets_demo.COUNCIL_SLUG)
    assert budgets.count() == 30
    assert set(budgets.values_list("held_as", flat=True)) == {
        "direct_payment",
        "nominated",
        "managed_account",
        "service_fund",
        "council_managed",
    }
    # A year of one-off bookings, and Jo's weekly booking of six sessions.
    assert Booking.objects.filter(status=BookingStatus.CONFIRMED).count() == 181
    assert Booking.objects.filter(repeat="weekly", sessions=6).count() == 1
    assert OutsideSpending.objects.count() == 2
    assert Pool.objects.count() == 2
    assert Pool.objects.filter(proposals__status=ProposalStatus.OPEN).count() == 1


def _book(client, budget, offer, quantity):
    day = timezone.localdate() + timezone.timedelta(days=10)
    return client.post(
        f"/budgets/{budget.pk}/offers/{offer.uuid}/book/",
        {
            "session_on_0": day.day,
            "session_on_1": day.month,
            "session_on_2": day.year,
            "quantity": quantity,
            "share_name": "on",
        },
    )


def check_a_person_books_a_peer_session_and_the_group_confirms(client, budget):
    client.force_login(budget.person)
    home = client.get(f"/budgets/{budget.pk}/").content.decode()
    assert "Left to spend" in home
    offers = client.get(f"/budgets/{budget.pk}/offers/").content.decode()
    assert "Peer support session" in offers
    offer = Booking.objects.filter(offer__name="Peer support session").first().offer
    response = _book(client, budget, offer, 1)
    assert response.status_code == 302
    booking = Booking.objects.filter(budget=budget).order_by("-id").first()
    client.force_login(User.objects.get(email="organiser@example.org"))
    client.post(f"/budgets/groups/peer-support-bradford/{booking.pk}/confirm/")
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def check_a_broker_books_within_the_limit_and_is_refused_over_it(client, budget):
    sam = with_authenticator(User.objects.get(email="broker@example.org"))
    client.force_login(sam)
    offer = Booking.objects.filter(offer__name="Peer support session").first().offer
    assert _book(client, budget, offer, 2).status_code == 302
    refused = _book(client, budget, offer, 5).content.decode()
    assert "over the £100 a month" in refused


def check_a_pool_votes_and_pays_a_group(client, budget):
    pool = Pool.objects.get(name="Tuesday art group")
    proposal = pool.proposals.get(status=ProposalStatus.OPEN)
    client.force_login(budget.person)
    client.post(f"/budgets/pools/{pool.pk}/proposals/{proposal.pk}/vote/", {"in_favour": "yes"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PAID
    assert "Agreed and paid" in client.get(f"/budgets/pools/{pool.pk}/").content.decode()


def check_a_pool_member_finds_support_and_proposes_it(client, budget):
    pool = Pool.objects.get(name="Tuesday art group")
    client.force_login(budget.person)
    found = client.get(f"/budgets/pools/{pool.pk}/propose/", {"q": "peer"}).content.decode()
    offer = Booking.objects.filter(offer__name="Peer support session").first().offer
    address = f"/budgets/pools/{pool.pk}/propose/{offer.uuid}/"
    assert f'href="{address}"' in found
    client.post(address, {"amount_pence": "10", "why": "A session for the group"})
    assert pool.proposals.filter(status=ProposalStatus.OPEN, offer=offer).exists()


def check_the_council_downloads_a_months_statements(client):
    client.force_login(with_authenticator(User.objects.get(email="council@example.org")))
    response = client.get(
        f"/budgets/council/{budgets_demo.COUNCIL_SLUG}/statements/",
        {"period": timezone.localdate().strftime("%Y-%m"), "download": "csv"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) > 180 + 30 * 12


def check_a_note_on_a_line_reaches_the_councils_own_columns(client, budget):
    """Jo notes a line of this month's statement (not sent yet); the council's download in
    its own columns carries the note, and flags what is over its threshold."""
    settings = StatementSettings.objects.get(council__slug=budgets_demo.COUNCIL_SLUG)
    assert settings.unspent_threshold_pence == 50_000 and settings.columns
    client.force_login(budget.person)
    statement = client.get(f"/budgets/{budget.pk}/statement/").content.decode()
    assert "My bus pass" in statement and "Not sent yet" in statement
    line = budget.account.entries.filter(transaction__budget_period__isnull=False).first()
    response = client.post(
        f"/budgets/{budget.pk}/statement/lines/{line.pk}/note/", {"text": "A year of money in"}
    )
    assert response.status_code == 302
    client.force_login(with_authenticator(User.objects.get(email="council@example.org")))
    page = client.get(f"/budgets/council/{budgets_demo.COUNCIL_SLUG}/statements/")
    assert "Your council’s own columns" in page.content.decode()
    response = client.get(
        f"/budgets/council/{budgets_demo.COUNCIL_SLUG}/statements/",
        {"period": timezone.localdate().strftime("%Y-%m"), "download": "csv", "layout": "own"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [heading for _key, heading in budgets_demo.DEMO_COLUMNS]
    notes = {row[5] for row in rows[1:]}
    assert {
        "A year of money in",
        "My bus pass, so I can get to the peer support group on my own.",
    } <= notes
    assert any(row[6] not in ("", "0.00") for row in rows[1:])  # over the £500 threshold
    sent = client.get(f"/budgets/council/{budgets_demo.COUNCIL_SLUG}/sent/").content.decode()
    assert "Sent for" in sent
