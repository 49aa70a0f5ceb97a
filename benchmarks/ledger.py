"""Ledger: posting speed, and whether reading a balance stays flat from 10,000 to 1,000,000 entries.

The first 10,000 entries go through `transaction_post`, exactly as the product
posts them. Posting a million that way would take far longer than anyone waits
for a benchmark, so the rest are loaded by `bulk_load_for_benchmark`, a fast
path that lives here (never in the product) and keeps every maintained balance
correct. At the end every balance is checked against the sum of its entries.
"""

import random
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator

from django.core.management.color import no_style
from django.db import connection
from django.db import transaction as db_transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import F, Max, Model, Sum
from django.utils import timezone

from flourish.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction, Unit
from flourish.ledger.selectors import account_balance, account_balance_from_entries
from flourish.ledger.services import account_open, transaction_post

SERVICE_TRANSACTIONS = 5_000  # 10,000 entries
TOTAL_ENTRIES = 1_000_000
BULK_BATCH = 20_000  # transactions per database transaction in the fast path
MEMBER_ACCOUNTS = 100
BALANCE_READS = 2_000
SUM_READS = 5

Lines = list[tuple[LedgerAccount, int]]


def run(report) -> None:
    outside, budget, members = _open_accounts()
    postings = _postings(outside, budget, members)

    started = time.perf_counter()
    for number in range(SERVICE_TRANSACTIONS):
        transaction_post(
            idempotency_key=f"bench-service-{number}",
            lines=next(postings),
            description="Benchmark posting",
            actor=None,
        )
    elapsed = time.perf_counter() - started
    report(
        f"transaction_post, 2 lines, {SERVICE_TRANSACTIONS:,} posts",
        SERVICE_TRANSACTIONS / elapsed,
        "posts/s",
    )
    _report_reads(report, budget)

    remaining = (TOTAL_ENTRIES - LedgerEntry.objects.count()) // 2
    started = time.perf_counter()
    bulk_load_for_benchmark(postings, count=remaining, key_prefix="bench-bulk")
    elapsed = time.perf_counter() - started
    report(
        f"bulk_load_for_benchmark, {remaining * 2:,} entries", remaining * 2 / elapsed, "entries/s"
    )
    _report_reads(report, budget)
    _verify(report)


def _open_accounts() -> tuple[LedgerAccount, LedgerAccount, list[LedgerAccount]]:
    outside = account_open(
        owner=None, purpose="bench-outside", unit=Unit.GBP, name="Outside world", floor=None
    )
    budget = account_open(
        owner=None, purpose="bench-programme-budget", unit=Unit.GBP, name="Programme budget"
    )
    members = [
        account_open(owner=None, purpose=f"bench-group-{n}", unit=Unit.GBP, name=f"Group {n}")
        for n in range(MEMBER_ACCOUNTS)
    ]
    return outside, budget, members


def _postings(
    outside: LedgerAccount, budget: LedgerAccount, members: list[LedgerAccount]
) -> Iterator[Lines]:
    """Top up the programme budget, then pay a grant from it, and so on: every
    transaction touches the budget, so it is the account with the most entries."""
    chance = random.Random(2020)
    number = 0
    while True:
        if number % 2 == 0:
            amount = chance.randint(20_000, 200_000)
            yield [(outside, -amount), (budget, amount)]
        else:
            amount = chance.randint(1_000, 100_000)
            yield [(budget, -amount), (members[number % len(members)], amount)]
        number += 1


def bulk_load_for_benchmark(postings: Iterator[Lines], *, count: int, key_prefix: str) -> None:
    """Benchmark data only: write `count` transactions with bulk inserts (COPY on PostgreSQL),
    moving each account's maintained balance by the batch's total, and its count of entries
    by the batch's number, in the same transaction.

    Unlike `transaction_post` it takes no row locks, looks up no idempotency key, writes no
    audit event and skips the ORM (whose per-object work would take most of the run), so it
    is only fit for filling an otherwise idle database. It still refuses an unbalanced
    transaction and a breached floor, and the database's own constraints still apply.
    """
    accounts = {account.pk: account for account in LedgerAccount.objects.all()}
    balances = {pk: account.balance for pk, account in accounts.items()}
    next_id = (LedgerTransaction.objects.aggregate(last=Max("id"))["last"] or 0) + 1
    written = 0
    while written < count:
        batch = [next(postings) for _ in range(min(BULK_BATCH, count - written))]
        _gather_statistics()
        with db_transaction.atomic(), connection.cursor() as cursor:
            _bulk_write(cursor, batch, balances, accounts, key_prefix, next_id + written)
        written += len(batch)
    # The ids above were chosen here, so move PostgreSQL's sequences past them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(
            no_style(), [LedgerTransaction, LedgerEntry]
        ):
            cursor.execute(statement)


def _gather_statistics() -> None:
    """Before each batch, fresh statistics on the ledger, so PostgreSQL plans its
    foreign-key checks again when the batch commits.

    Those checks otherwise keep the plans this connection made earlier in the run, when
    another benchmark left the ledger a few rows long: plans that read every transaction
    to find one. Loading budgets after grants read 6 billion rows that way and had not
    finished after ten minutes. A plan made at the commit sees the batch's rows."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table for model in (LedgerAccount, LedgerTransaction, LedgerEntry)]
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def _bulk_write(
    cursor: CursorWrapper,
    batch: list[Lines],
    balances: dict[int, int],
    accounts: dict[int, LedgerAccount],
    key_prefix: str,
    first_id: int,
) -> None:
    posted_at = connection.ops.adapt_datetimefield_value(timezone.now())
    transactions = []
    entries = []
    deltas: dict[int, int] = defaultdict(int)
    added: dict[int, int] = defaultdict(int)
    for transaction_id, lines in enumerate(batch, start=first_id):
        if sum(amount for _account, amount in lines) != 0:
            raise ValueError(f"Unbalanced benchmark transaction: {lines}")
        transactions.append(
            (
                transaction_id,
                f"{key_prefix}-{transaction_id}",
                "Bulk load",
                "",  # no message: the words stay as written (see ledger/descriptions.py)
                "{}",
                posted_at,
                False,
            )
        )
        for account, amount in lines:
            balances[account.pk] += amount
            floor = accounts[account.pk].floor
            if floor is not None and balances[account.pk] < floor:
                raise ValueError(f"Benchmark data would take {account} below its floor.")
            deltas[account.pk] += amount
            added[account.pk] += 1
            entries.append((transaction_id, account.pk, amount, balances[account.pk], False))
    _insert_rows(
        cursor,
        LedgerTransaction,
        [
            "id",
            "idempotency_key",
            "description",
            "description_message",
            "description_values",
            "posted_at",
            "went_past_soft_limit",
        ],
        transactions,
    )
    _insert_rows(
        cursor,
        LedgerEntry,
        ["transaction_id", "account_id", "amount", "balance_after", "went_past_soft_limit"],
        entries,
    )
    for account_id, delta in deltas.items():
        LedgerAccount.objects.filter(pk=account_id).update(
            balance=F("balance") + delta, entry_count=F("entry_count") + added[account_id]
        )


def _insert_rows(
    cursor: CursorWrapper, model: type[Model], columns: list[str], rows: list[tuple]
) -> None:
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        # COPY is PostgreSQL's own bulk loader: one stream instead of a statement per row.
        with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    placeholders = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders})", rows)


def _report_reads(report, budget: LedgerAccount) -> None:
    entries = LedgerEntry.objects.count()
    on_budget = LedgerEntry.objects.filter(account=budget).count()
    timings = []
    for _ in range(BALANCE_READS):
        started = time.perf_counter_ns()
        account_balance(account=budget)
        timings.append(time.perf_counter_ns() - started)
    report(
        f"account_balance at {entries:,} entries, median of {BALANCE_READS:,}",
        statistics.median(timings) / 1_000,
        "µs",
    )
    timings = []
    for _ in range(SUM_READS):
        started = time.perf_counter_ns()
        account_balance_from_entries(account=budget)
        timings.append(time.perf_counter_ns() - started)
    report(
        f"  summing its {on_budget:,} entries instead, median of {SUM_READS}",
        statistics.median(timings) / 1_000,
        "µs",
    )


def _verify(report) -> None:
    started = time.perf_counter()
    sums = dict(
        LedgerEntry.objects.values("account")
        .annotate(total=Sum("amount"))
        .values_list("account", "total")
    )
    accounts = list(LedgerAccount.objects.all())
    wrong = [account for account in accounts if account.balance != sums.get(account.pk, 0)]
    unbalanced = (
        LedgerEntry.objects.values("transaction", "account__unit")
        .annotate(total=Sum("amount"))
        .exclude(total=0)
        .count()
    )
    below_floor = LedgerAccount.objects.filter(floor__isnull=False, balance__lt=F("floor")).count()
    report(
        f"accounts whose balance equals the sum of entries (of {len(accounts)})",
        len(accounts) - len(wrong),
    )
    report("transactions that do not sum to zero per unit", unbalanced)
    report("accounts below their floor", below_floor)
    report("verification took", time.perf_counter() - started, "s")
    if wrong or unbalanced or below_floor:
        raise RuntimeError("The ledger does not balance: see the figures above.")
