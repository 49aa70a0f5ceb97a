"""The benchmarks fill the ledger with bulk inserts that skip the ORM, so a column added
to the ledger without a default would break `make bench` and nothing else: this runs
the same loader on both databases, as CI does."""

import itertools

from benchmarks.ledger import bulk_load_for_benchmark
from flourish.ledger.models import LedgerEntry, LedgerTransaction
from flourish.ledger.selectors import (
    account_balance,
    account_balance_from_entries,
    ledger_integrity,
)


def test_bulk_loaded_transactions_read_as_the_ledger_reads_its_own(outside, budget):
    postings = itertools.repeat([(outside, -2_500), (budget, 2_500)])

    bulk_load_for_benchmark(postings, count=3, key_prefix="bench-check")

    assert LedgerTransaction.objects.filter(idempotency_key__startswith="bench-check").count() == 3
    assert LedgerEntry.objects.filter(account=budget).count() == 3
    assert account_balance(account=budget) == account_balance_from_entries(account=budget) == 7_500
    assert {line.described for line in LedgerTransaction.objects.all()} == {"Bulk load"}
    # Each account's count of entries moved with its balance.
    assert ledger_integrity().sound
