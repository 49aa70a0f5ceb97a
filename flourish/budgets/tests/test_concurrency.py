"""Many bookings at once against the last £50 of a budget: nothing overspent, nothing paid
twice. These need real row locks and concurrent connections, so they run on PostgreSQL
only (SQLite makes writers take turns with BEGIN IMMEDIATE)."""

import datetime
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections
from django.utils import timezone

from flourish.budgets.factories import budget_make, budget_offer_make
from flourish.budgets.models import Booking, BookingStatus
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.ledger.models import LedgerTransaction
from flourish.ledger.selectors import account_balance, ledger_integrity

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and concurrent connections; SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 20


def at_once(work, count=THREADS):
    start = threading.Barrier(count)

    def worker(number):
        start.wait()
        try:
            work(number)
            return "done"
        except ValidationError:
            return "refused"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(count) as pool:
        return Counter(pool.map(worker, range(count)))


def test_twenty_bookings_at_once_against_the_last_50_pounds_never_overspend(council, jo, group):
    budget = budget_make(council=council, person=jo, amount_pence=5_000)
    budget_periods_pay(today=datetime.date(2026, 1, 2))
    offer = budget_offer_make(group=group, price_pence=1_000)
    day = timezone.localdate() + datetime.timedelta(days=3)
    outcomes = at_once(lambda n: booking_ask(budget=budget, offer=offer, session_on=day, actor=jo))
    assert outcomes == Counter(done=5, refused=15)
    asked = list(Booking.objects.filter(status=BookingStatus.ASKED))
    # The group confirms every one, twice over, at once: each is paid exactly once.
    outcomes = at_once(lambda n: booking_confirm(booking=asked[n % 5], actor=None), count=10)
    assert outcomes == Counter(done=10)
    assert account_balance(account=budget.account) == 0
    assert (
        LedgerTransaction.objects.filter(idempotency_key__startswith="budget-booking").count() == 5
    )
    assert ledger_integrity().sound


def test_two_proposals_passing_at_once_never_take_the_pool_below_zero(pool, offer, jo, ali):
    from flourish.budgets.models import Proposal, ProposalStatus
    from flourish.budgets.services.pools import proposal_make, proposal_settle, vote_cast

    members = {member.budget.person_id: member for member in pool.members.all()}
    proposals = [
        proposal_make(
            pool=pool,
            member=members[jo.pk],
            offer=offer,
            amount_pence=6_000,
            why=f"Proposal {n}",
            actor=jo,
        )
        for n in range(2)
    ]
    for proposal in proposals:
        vote_cast(proposal=proposal, member=members[jo.pk], in_favour=True, actor=jo)
    outcomes = at_once(
        lambda n: vote_cast(
            proposal=proposals[n], member=members[ali.person_id], in_favour=True, actor=ali.person
        ),
        count=2,
    )
    assert outcomes == Counter(done=2)
    statuses = sorted(Proposal.objects.values_list("status", flat=True))
    assert statuses == sorted([ProposalStatus.PAID, ProposalStatus.NOT_PAID])
    assert account_balance(account=pool.account) == 4_000
    # Settling the paid one again from many workers pays nothing more.
    paid = Proposal.objects.get(status=ProposalStatus.PAID)
    at_once(lambda n: proposal_settle(proposal=paid), count=5)
    assert (
        LedgerTransaction.objects.filter(idempotency_key__startswith="pool-proposal").count() == 1
    )
    assert ledger_integrity().sound
