"""Grants: the staff application list and the public pages with 10,000 applications in
one programme beside 200 in another, and the 360Giving export of 100,000 grants.

A list page must cost the same whatever the size of the programme behind it: the big
programme's figure is reported beside the small one's, and each beside the floor.

The data set is generated here with bulk inserts (never in the product). Each list
request goes through the Django test client as a signed-in funder with two-factor
sign-in set up, so the figure is server time (middleware, queries, templates). The
export is read through the same generator the public URL streams; peak memory is
measured with tracemalloc for the first 10,000 grants and for all 100,000, which
should be about the same if memory is flat.
"""

import datetime
import time
import tracemalloc

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

from benchmarks.pages import DUMMY_CACHE, measure_page
from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.accounts.tests.two_step import force_login_with_two_steps
from flourish.grants.models import (
    DEFAULT_CATEGORIES,
    Application,
    ApplicationStatus,
    Award,
    Programme,
    ProgrammeCategory,
    SpendLine,
)
from flourish.grants.services.funding import LARGEST_ADDITION_PENCE, programme_budget_add
from flourish.grants.threesixtygiving import grant_records, stream_json

BIG, SMALL = 10_000, 200
EXPORT_GRANTS = 100_000
GROUPS = 5_000
PLACES = ["Leeds", "Bradford", "Hackney", "Kirklees", "Sheffield", "Bristol", "Norwich", "Hull"]
STATUSES = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.SHORTLISTED,
    ApplicationStatus.DECLINED,
    ApplicationStatus.AWARDED,
]


def run(report) -> None:
    started = time.perf_counter()
    staff, big, small = _generate_list_data()
    report(
        f"generated {BIG:,} + {SMALL} applications in two programmes",
        time.perf_counter() - started,
        "s",
    )
    client = Client()
    force_login_with_two_steps(client, staff)
    public = Client()
    ratios: dict[str, dict[int, float]] = {}
    for size, programme in [(BIG, big), (SMALL, small)]:
        base = f"/grants/manage/programmes/{programme.slug}/applications/"
        category = programme.categories.first().pk
        staff_pages = [
            ("staff list: page 1", base),
            ("staff list: status filter, page 2", base + "?status=in_review&page=2"),
            (
                "staff list: category + council area",
                f"{base}?category={category}&local_authority=leeds",
            ),
            ("staff list: search group name", base + "?search=voices"),
            ("staff list: last page", f"{base}?page={size // 25}"),
        ]
        public_pages = [
            ("programme page", f"/grants/programmes/{programme.slug}/"),
            ("who we funded", f"/grants/programmes/{programme.slug}/funded/"),
            ("who we funded, page 3", f"/grants/programmes/{programme.slug}/funded/?page=3"),
        ]
        # A programme's page and "who we funded" are kept for everyone until the programme
        # changes; drawn afresh, they read the programme's categories or a page of awards.
        no_fragments = {**settings.CACHES, "fragments": {"BACKEND": DUMMY_CACHE}}
        drawn_afresh = [
            (f"{label}, drawn afresh", url, no_fragments) for label, url in public_pages
        ]
        kept = settings.CACHES
        for pages, visitor in [
            ([(label, url, kept) for label, url in staff_pages], client),
            ([(label, url, kept) for label, url in public_pages] + drawn_afresh, public),
        ]:
            for label, url, caches in pages:
                # Built for every request, not served from the public page cache.
                with override_settings(PUBLIC_PAGE_CACHE=False, CACHES=caches):
                    ratio = measure_page(report, visitor, f"{label} ({size:,} in programme)", url)
                ratios.setdefault(label, {})[size] = ratio
    for label, by_size in ratios.items():
        report.note(f"{label}: {BIG:,} against {SMALL}: ×{by_size[BIG] / by_size[SMALL]:.2f}")

    started = time.perf_counter()
    _generate_export_data()
    report(f"generated {EXPORT_GRANTS:,} awarded grants", time.perf_counter() - started, "s")
    _measure_export(report)


def _measure_export(report) -> None:
    started = time.perf_counter()
    written = sum(len(text) for text in stream_json(grant_records()))
    elapsed = time.perf_counter() - started
    report("360Giving export: grants per second", EXPORT_GRANTS / elapsed, "grants/s")
    report("360Giving export: size", written / 1_000_000, "MB")
    for limit in (10_000, EXPORT_GRANTS):
        tracemalloc.start()
        for number, _record in enumerate(grant_records(), start=1):
            if number >= limit:
                break
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        report(f"360Giving export: peak memory over {limit:,} grants", peak / 1_000_000, "MB")


@transaction.atomic
def _generate_list_data() -> tuple[User, Programme, Programme]:
    funder = Organisation.objects.create(
        name="Bench Fund", slug="bench-fund", kind=OrganisationKind.FUNDER
    )
    staff = User.objects.create_user("bench.funder@example.org", name="Bench Funder")
    Membership.objects.create(user=staff, organisation=funder, role=Role.FUNDER_STAFF)
    Authenticator.objects.create(user=staff, type=Authenticator.Type.TOTP, data={"secret": "x"})
    big, small = (
        Programme.objects.create(
            funder=funder,
            title=f"Bench programme of {size}",
            slug=f"bench-programme-{size}",
            description="Bench",
            who_can_apply="Anyone",
            max_grant_pence=200_000,
            identifier_prefix="bench",
        )
        for size in (BIG, SMALL)
    )
    for programme in (big, small):
        _fund(programme, staff)
    groups = _groups(GROUPS)
    for programme, size in [(big, BIG), (small, SMALL)]:
        categories = ProgrammeCategory.objects.bulk_create(
            ProgrammeCategory(programme=programme, name=str(name), position=position)
            for position, name in enumerate(DEFAULT_CATEGORIES, start=1)
        )
        applications = Application.objects.bulk_create(
            _application(programme, groups[n % GROUPS], staff, n) for n in range(size)
        )
        SpendLine.objects.bulk_create(
            SpendLine(
                application=application,
                category=categories[n % len(categories)],
                description="Video calls",
                amount_pence=application.amount_requested_pence,
            )
            for n, application in enumerate(applications)
        )
        Award.objects.bulk_create(
            Award(
                application=application,
                programme=programme,
                amount_pence=application.amount_requested_pence,
                decided_by=staff,
                awarded_on=timezone.localdate(),
            )
            for application in applications
            if application.status == ApplicationStatus.AWARDED
        )
    return staff, big, small


def _fund(programme: Programme, staff: User) -> None:
    """A budget put in through the ledger, as the funder's staff would."""
    programme_budget_add(
        programme=programme,
        actor=staff,
        amount_pence=LARGEST_ADDITION_PENCE,
        idempotency_key="bench",
    )


def _groups(count: int, prefix: str = "bench") -> list[Organisation]:
    words = ["Voices", "Peer", "Walk", "Radio", "Circle", "Café", "Shed", "Garden"]
    return Organisation.objects.bulk_create(
        Organisation(
            name=f"{PLACES[n % len(PLACES)]} {words[n % len(words)]} {n}",
            slug=f"{prefix}-group-{n}",
            kind=OrganisationKind.GROUP,
            charity_number=f"11{n:05d}" if n % 10 == 0 else "",
        )
        for n in range(count)
    )


def _application(programme: Programme, group: Organisation, person: User, n: int) -> Application:
    status = STATUSES[n % len(STATUSES)]
    return Application(
        programme=programme,
        group=group,
        submitted_by=person,
        status=status,
        local_authority=PLACES[n % len(PLACES)],
        what_you_want_to_do="Keep our group meeting online; voices and peer support.",
        who_it_helps="People who live alone.",
        amount_requested_pence=50_000 + (n % 30) * 5_000,
        submitted_at=timezone.now() - datetime.timedelta(minutes=n),
    )


def _generate_export_data() -> None:
    staff = User.objects.get(email="bench.funder@example.org")
    funder = Organisation.objects.get(slug="bench-fund")
    programme = Programme.objects.create(
        funder=funder,
        title="Bench export programme",
        slug="bench-export",
        description="Bench",
        who_can_apply="Anyone",
        max_grant_pence=200_000,
        identifier_prefix="bench",
    )
    _fund(programme, staff)
    category = ProgrammeCategory.objects.create(programme=programme, name="Technology", position=1)
    groups = _groups(GROUPS, prefix="export")
    today = timezone.localdate()
    for start in range(0, EXPORT_GRANTS, 10_000):
        with transaction.atomic():
            applications = Application.objects.bulk_create(
                _application(programme, groups[n % GROUPS], staff, n)
                for n in range(start, start + 10_000)
            )
            SpendLine.objects.bulk_create(
                SpendLine(application=a, category=category, description="x", amount_pence=100)
                for a in applications
            )
            Award.objects.bulk_create(
                Award(
                    application=a,
                    programme=programme,
                    amount_pence=a.amount_requested_pence,
                    decided_by=staff,
                    awarded_on=today,
                )
                for a in applications
            )
