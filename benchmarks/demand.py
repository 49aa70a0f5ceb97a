"""Demand: a service's chart page among 1,000 services holding 1,000,000 contacts, the
chart's CSV, and how fast every contact of one service is exported.

Contacts are bulk-loaded (never in the product); pages go through the Django test client
as a member of the service's team, so the figure is server time. BENCH_DEMAND_SCALE
(default 1) divides both sizes for a quick run: `BENCH_DEMAND_SCALE=100 make bench
BENCH_ARGS="--only demand"`.
"""

import datetime
import os
import random
import time

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmarks.pages import measure_page
from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.demand.models import ChangeNote, Channel, Contact, DemandType, FailureKind, Service
from flourish.demand.selectors import contact_rows

SCALE = int(os.environ.get("BENCH_DEMAND_SCALE", "1"))
SERVICES = max(10, 1_000 // SCALE)
CONTACTS = 1_000_000 // SCALE
SERVICES_PER_ORGANISATION = 10
BATCH = 20_000
DAYS = 365


def run(report) -> None:
    started = time.perf_counter()
    services, lead = _services()
    report(f"{len(services):,} services made", time.perf_counter() - started, "s")
    started = time.perf_counter()
    _contacts(services)
    report(f"{CONTACTS:,} contacts bulk-loaded", time.perf_counter() - started, "s")

    service = services[len(services) // 2]
    for weeks_ago in (30, 10):
        ChangeNote.objects.create(
            service=service,
            made_on=timezone.localdate() - datetime.timedelta(weeks=weeks_ago),
            text="A change",
        )
    team = Client()
    team.force_login(lead)
    per_service = Contact.objects.filter(service=service).count()
    url = reverse("demand:service", args=[service.slug])
    measure_page(report, team, f"service chart page by week ({per_service:,} contacts)", url)
    measure_page(report, team, "service chart page by month", url + "?by=month")
    measure_page(report, team, "quick log page", reverse("demand:log", args=[service.slug]))
    started = time.perf_counter()
    rows = sum(1 for _ in contact_rows(service=service))
    elapsed = time.perf_counter() - started
    report(f"contacts export of one service ({rows:,} rows)", rows / elapsed, "rows/s")


def _services() -> tuple[list[Service], User]:
    lead = User.objects.create_user(email="bench.demand.lead@example.org", name="Bench Lead")
    organisations = Organisation.objects.bulk_create(
        Organisation(
            name=f"Bench group {n}", slug=f"bench-demand-group-{n}", kind=OrganisationKind.GROUP
        )
        for n in range(SERVICES // SERVICES_PER_ORGANISATION)
    )
    Membership.objects.bulk_create(
        Membership(user=lead, organisation=organisation, role=Role.GROUP_LEAD)
        for organisation in organisations
    )
    services = Service.objects.bulk_create(
        Service(
            organisation=organisations[n % len(organisations)],
            name=f"Bench service {n}",
            slug=f"bench-service-{n}",
        )
        for n in range(SERVICES)
    )
    return list(Service.objects.filter(pk__in=[s.pk for s in services]).order_by("pk")), lead


def _contacts(services: list[Service]) -> None:
    rng = random.Random(7)
    today = timezone.localdate()
    kinds = list(FailureKind.values)
    channels = list(Channel.values)
    batch: list[Contact] = []
    for number in range(CONTACTS):
        failure = rng.random() < 0.35
        batch.append(
            Contact(
                service=services[number % len(services)],
                received_on=today - datetime.timedelta(days=rng.randrange(DAYS)),
                words="Where is my payment?" if failure else "Can I join on Thursday?",
                channel=rng.choice(channels),
                demand=DemandType.FAILURE if failure else DemandType.VALUE,
                failure_kind=rng.choice(kinds) if failure else "",
                cause=f"Cause {rng.randrange(12)}" if failure else "",
                resolved_first_time=rng.random() < 0.6,
            )
        )
        if len(batch) >= BATCH:
            Contact.objects.bulk_create(batch)
            batch = []
    if batch:
        Contact.objects.bulk_create(batch)
