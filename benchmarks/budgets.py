"""Personal budgets: a month's statements for 10,000 budgets × 12 periods (rows per second
and peak memory while streaming), and the budget holder's home page and the council's list
at that size.

Budgets, their accounts and people are bulk-created (never in the product); each budget
then gets 12 periods of money in and 12 purchases, bulk-loaded into the ledger with
`bulk_load_for_benchmark`, which keeps every maintained balance right. Everything is
posted today, so one month's statement holds all 240,000 movements: the worst case.
BENCH_BUDGETS_SCALE (default 1) divides the number of budgets for a quick run.
"""

import datetime
import os
import time
import tracemalloc
from collections.abc import Iterator

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmarks.ledger import bulk_load_for_benchmark
from benchmarks.pages import gather_planner_statistics, measure_page
from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.budgets.models import Budget, HeldAs, Period
from flourish.budgets.services.bookings import group_account_open
from flourish.budgets.services.budgets import council_account_open
from flourish.budgets.statements import month_bounds, statement_rows
from flourish.core.spreadsheets import csv_lines
from flourish.ledger.models import LedgerAccount, Unit

SCALE = int(os.environ.get("BENCH_BUDGETS_SCALE", "1"))
BUDGETS = 10_000 // SCALE
PERIODS = 12
AMOUNT = 40_000
PURCHASE = 2_500


def run(report) -> None:
    started = time.perf_counter()
    council, staff, budgets = _budgets()
    report(f"{BUDGETS:,} budgets with accounts bulk-created", time.perf_counter() - started, "s")
    started = time.perf_counter()
    _movements(council, budgets)
    report(f"{BUDGETS * PERIODS * 2:,} movements bulk-loaded", time.perf_counter() - started, "s")
    # Statements are read as a live council's would be: with the statistics autovacuum
    # keeps (without them, PostgreSQL streamed them at a sixth of the speed).
    gather_planner_statistics(report.benchmark)

    start, end = month_bounds(timezone.localdate().strftime("%Y-%m"))
    started = time.perf_counter()
    rows, written = _stream(council, start, end)
    elapsed = time.perf_counter() - started
    report(f"statements, {rows:,} rows ({written / 1e6:.0f} MB of CSV)", elapsed, "s")
    report("statements streamed", rows / elapsed, "rows/s")
    # A second pass under tracemalloc (which slows Python down) for the peak memory.
    tracemalloc.start()
    _stream(council, start, end)
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    report("statements, peak Python memory while streaming", peak / 1e6, "MB")

    person = Client()
    person.force_login(budgets[0].person)
    measure_page(
        report, person, "budget holder's home", reverse("budgets:home", args=[budgets[0].pk])
    )
    council_client = Client()
    council_client.force_login(staff)
    _two_steps(council_client, staff)
    measure_page(
        report,
        council_client,
        "council's list of budgets",
        reverse("budgets:council", args=[council.slug]),
    )


def _stream(council: Organisation, start: datetime.date, end: datetime.date) -> tuple[int, int]:
    rows = written = 0
    for line in csv_lines(statement_rows(council=council, start=start, end=end)):
        rows += 1
        written += len(line)
    return rows - 1, written


def _two_steps(client: Client, person: User) -> None:
    from flourish.accounts.tests.two_step import complete_two_step_sign_in, with_authenticator

    with_authenticator(person)
    complete_two_step_sign_in(client, person)


def _budgets() -> tuple[Organisation, User, list[Budget]]:
    council = Organisation.objects.create(
        name="Bench Council", slug="bench-council", kind=OrganisationKind.COUNCIL
    )
    staff = User.objects.create_user(email="bench.council@example.org", name="Bench Staff")
    Membership.objects.create(user=staff, organisation=council, role=Role.FUNDER_STAFF)
    starts = timezone.localdate() - datetime.timedelta(days=365)
    held = HeldAs.values
    with transaction.atomic():
        people = User.objects.bulk_create(
            User(email=f"bench.holder.{n}@example.org", name=f"Holder {n}", password="!")
            for n in range(BUDGETS)
        )
        budgets = Budget.objects.bulk_create(
            Budget(
                council=council,
                person=person,
                amount_pence=AMOUNT,
                period=Period.MONTHLY,
                starts_on=starts,
                held_as=held[n % len(held)],
            )
            for n, person in enumerate(people)
        )
        budget_type = ContentType.objects.get_for_model(Budget)
        accounts = LedgerAccount.objects.bulk_create(
            LedgerAccount(
                owner_type=budget_type,
                owner_id=str(budget.pk),
                purpose="personal-budget",
                unit=Unit.GBP,
                name=f"Personal budget {budget.pk}",
            )
            for budget in budgets
        )
        for budget, account in zip(budgets, accounts, strict=True):
            budget.account = account
        Budget.objects.bulk_update(budgets, ["account"], batch_size=2_000)
    return council, staff, budgets


def _movements(council: Organisation, budgets: list[Budget]) -> None:
    source = council_account_open(council=council)
    group = Organisation.objects.create(
        name="Bench Group", slug="bench-group", kind=OrganisationKind.GROUP
    )
    income = group_account_open(group=group)

    def postings() -> Iterator[list[tuple[LedgerAccount, int]]]:
        for _period in range(PERIODS):
            for budget in budgets:
                assert budget.account is not None
                yield [(source, -AMOUNT), (budget.account, AMOUNT)]
                yield [(budget.account, -PURCHASE), (income, PURCHASE)]

    bulk_load_for_benchmark(postings(), count=BUDGETS * PERIODS * 2, key_prefix="bench-budgets")
