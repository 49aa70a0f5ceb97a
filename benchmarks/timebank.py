"""Timebank: a member's statement and the coordinator's dashboard with 10,000 members and
1,000,000 confirmed exchanges, and how fast the funders' report is written.

The members are approved through the product's services in bulk-friendly ways; the
exchanges are bulk-loaded (never in the product) with `bulk_load_for_benchmark` from the
ledger benchmark, which keeps every maintained balance right, and each exchange row
points at its ledger transaction as a confirmed exchange does. Pages go through the
Django test client as the member and the coordinator, so the figure is server time.
`--timebank-scale N` (or BENCH_TIMEBANK_SCALE=N) divides both sizes for a quick run.
The coordinator reads safeguarding checks, so signs in with two steps, as in the product.
"""

import datetime
import os
import random
import time
from collections.abc import Iterator

from allauth.mfa.models import Authenticator
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Max
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmarks.ledger import bulk_load_for_benchmark
from benchmarks.pages import measure_page
from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.ledger.models import LedgerAccount, LedgerTransaction, Unit
from flourish.timebank.models import (
    Exchange,
    ExchangeShare,
    ExchangeStatus,
    HelpKind,
    MemberStatus,
    Timebank,
    TimebankMember,
)
from flourish.timebank.selectors.reports import report_rows
from flourish.timebank.services.timebanks import timebank_create
from flourish.timebank.services.totals import exchange_totals_rebuild

SCALE = int(os.environ.get("BENCH_TIMEBANK_SCALE", "1"))
MEMBERS = 10_000 // SCALE
EXCHANGES = 1_000_000 // SCALE
BATCH = 20_000
AREAS = ["BD1", "BD3", "BD5", "BD7", "LS6", "LS7", "LS8", "M14"]


def run(report) -> None:
    started = time.perf_counter()
    timebank, coordinator = _timebank()
    members = _members(timebank)
    report(f"{MEMBERS:,} members approved with accounts", time.perf_counter() - started, "s")
    started = time.perf_counter()
    _exchanges(timebank, members)
    report(f"{EXCHANGES:,} exchanges bulk-loaded", time.perf_counter() - started, "s")
    started = time.perf_counter()
    # Bulk-loaded exchanges skip the services that keep the reports' totals: add them up.
    totals = exchange_totals_rebuild(timebanks=Timebank.objects.filter(pk=timebank.pk))
    report(f"report totals made again ({totals:,} rows)", time.perf_counter() - started, "s")
    if connection.vendor == "postgresql":
        # A live database has planner statistics (autovacuum gathers them); a freshly
        # bulk-loaded one has none, and PostgreSQL would then guess its plans blind.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    member = Client()
    member.force_login(members[0].user)
    measure_page(
        report, member, "statement page", reverse("timebank:statement", args=[timebank.slug])
    )
    staff = Client()
    Authenticator.objects.create(
        user=coordinator, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    force_login_with_two_steps(staff, coordinator)
    measure_page(
        report, staff, "coordinator dashboard", reverse("timebank:dashboard", args=[timebank.slug])
    )

    started = time.perf_counter()
    rows = sum(
        1
        for _ in report_rows(
            timebanks=Timebank.objects.filter(pk=timebank.pk),
            start=datetime.date(2000, 1, 1),
            end=timezone.localdate(),
        )
    )
    elapsed = time.perf_counter() - started
    report(f"report export over {EXCHANGES:,} exchanges ({rows} rows)", rows / elapsed, "rows/s")
    report("report export, whole report", elapsed * 1000, "ms")


def _timebank() -> tuple[Timebank, User]:
    organisation = Organisation.objects.create(
        name="Bench Timebank Org", slug="bench-timebank-org", kind=OrganisationKind.GROUP
    )
    coordinator = User.objects.create_user(
        email="bench.coordinator@example.org", name="Bench Coordinator"
    )
    Membership.objects.create(
        user=coordinator, organisation=organisation, role=Role.TIMEBANK_COORDINATOR
    )
    # No floor, so any random sequence of exchanges is allowed to load.
    timebank = timebank_create(
        organisation=organisation,
        name="Bench Timebank",
        slug="bench-timebank",
        actor=None,
        floor_minutes=-10_000_000,
        soft_limit_minutes=-600,
    )
    return timebank, coordinator


def _members(timebank: Timebank) -> list[TimebankMember]:
    now = timezone.now()
    with transaction.atomic():
        users = User.objects.bulk_create(
            User(email=f"bench.member.{n}@example.org", name=f"Member {n}", password="!")
            for n in range(MEMBERS)
        )
        members = TimebankMember.objects.bulk_create(
            TimebankMember(
                timebank=timebank,
                user=user,
                area=AREAS[n % len(AREAS)],
                status=MemberStatus.APPROVED,
                approved_at=now,
            )
            for n, user in enumerate(users)
        )
        member_type = ContentType.objects.get_for_model(TimebankMember)
        accounts = LedgerAccount.objects.bulk_create(
            LedgerAccount(
                owner_type=member_type,
                owner_id=str(m.pk),
                purpose="timebank-hours",
                unit=Unit.TIME,
                name=f"Member {m.pk}'s hours",
                floor=-10_000_000,
                soft_limit=-600,
            )
            for m in members
        )
        for member, account in zip(members, accounts, strict=True):
            member.account = account
        TimebankMember.objects.bulk_update(members, ["account"], batch_size=2_000)
    return members


def _pairs(members: list[TimebankMember]) -> Iterator[tuple[TimebankMember, TimebankMember, int]]:
    chance = random.Random(2026)
    while True:
        giver, receiver = chance.sample(members, 2)
        yield giver, receiver, chance.choice([30, 60, 90, 120])


def _exchanges(timebank: Timebank, members: list[TimebankMember]) -> None:
    pairs = _pairs(members)
    today = timezone.localdate()
    kinds = HelpKind.values
    loaded = 0
    while loaded < EXCHANGES:
        size = min(BATCH, EXCHANGES - loaded)
        batch = [next(pairs) for _ in range(size)]
        first_id = (LedgerTransaction.objects.aggregate(last=Max("id"))["last"] or 0) + 1
        lines = iter([[(g.account, m), (r.account, -m)] for g, r, m in batch])
        bulk_load_for_benchmark(lines, count=size, key_prefix="bench-timebank")  # type: ignore[arg-type]
        with transaction.atomic():
            exchanges = Exchange.objects.bulk_create(
                Exchange(
                    timebank=timebank,
                    giver=g,
                    asked_by=g,
                    description="Help",
                    minutes=m,
                    help_kind=kinds[(loaded + i) % len(kinds)],
                    area=g.area,
                    status=ExchangeStatus.CONFIRMED,
                    happened_on=today - datetime.timedelta(days=(loaded + i) % 365),
                    transaction_id=first_id + i,
                )
                for i, (g, _r, m) in enumerate(batch)
            )
            ExchangeShare.objects.bulk_create(
                ExchangeShare(exchange=e, member=r, minutes=m, confirmed_at=e.created_at)
                for e, (_g, r, m) in zip(exchanges, batch, strict=True)
            )
        loaded += size
