"""Many people posting at once: no lost updates, no breached floors, no double posts.

These need real row locks and real concurrent connections, so they run on
PostgreSQL only. (SQLite serialises every writer with BEGIN IMMEDIATE.)
"""

import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections

from flourish.ledger.factories import LedgerAccountFactory, SystemAccountFactory
from flourish.ledger.models import LedgerTransaction
from flourish.ledger.selectors import account_balance, account_balance_from_entries
from flourish.ledger.services import LedgerFloorBreached
from flourish.ledger.tests.conftest import move

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL row locks and concurrent connections; SQLite serialises writers",
    ),
    pytest.mark.django_db(transaction=True),
]

THREADS = 8
POSTS_PER_THREAD = 25


def run_at_once(work):
    """Run work(thread, post) THREADS x POSTS_PER_THREAD times, all threads released together."""
    start = threading.Barrier(THREADS)

    def worker(thread):
        start.wait()
        outcomes = []
        try:
            for post in range(POSTS_PER_THREAD):
                try:
                    work(thread, post)
                    outcomes.append("posted")
                except LedgerFloorBreached:
                    outcomes.append("refused")
        finally:
            connections.close_all()
        return outcomes

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(worker, range(THREADS)))
    return Counter(outcome for outcomes in results for outcome in outcomes)


def test_concurrent_deposits_into_one_account_lose_no_update():
    outside = SystemAccountFactory()
    shared = LedgerAccountFactory(name="Shared pool")
    outcomes = run_at_once(lambda thread, post: move(outside, shared, 100 + thread))
    expected = sum((100 + thread) * POSTS_PER_THREAD for thread in range(THREADS))
    assert outcomes == {"posted": THREADS * POSTS_PER_THREAD}
    assert account_balance(account=shared) == expected
    assert account_balance_from_entries(account=shared) == expected
    assert account_balance(account=outside) == -expected
    shared.refresh_from_db()
    assert shared.entry_count == THREADS * POSTS_PER_THREAD


def test_concurrent_withdrawals_never_take_an_account_below_its_floor():
    outside = SystemAccountFactory()
    shared = LedgerAccountFactory(name="Shared pool")
    spenders = [LedgerAccountFactory(name=f"Group {n}") for n in range(THREADS)]
    affordable = 80
    move(outside, shared, affordable * 250)
    # 200 withdrawals of £2.50 are attempted against money for 80 of them.
    outcomes = run_at_once(lambda thread, post: move(shared, spenders[thread], 250))
    assert outcomes == {"posted": affordable, "refused": THREADS * POSTS_PER_THREAD - affordable}
    assert account_balance(account=shared) == 0
    assert account_balance_from_entries(account=shared) == 0
    assert sum(account_balance(account=spender) for spender in spenders) == affordable * 250


def test_concurrent_posts_with_the_same_key_post_once():
    outside = SystemAccountFactory()
    shared = LedgerAccountFactory(name="Shared pool")
    posted_ids = []

    def post_same(thread, post):
        posted_ids.append(move(outside, shared, 500, key=f"payment-{post}").pk)

    outcomes = run_at_once(post_same)
    assert outcomes == {"posted": THREADS * POSTS_PER_THREAD}
    assert LedgerTransaction.objects.count() == POSTS_PER_THREAD
    assert len(set(posted_ids)) == POSTS_PER_THREAD
    assert account_balance(account=shared) == 500 * POSTS_PER_THREAD
    assert account_balance_from_entries(account=shared) == 500 * POSTS_PER_THREAD
