"""Outcomes: a programme's totals over 100,000 people who chose to be counted, each with a
reviewed goal and 10 ONS4 check-ins (1,000,000 check-ins, 4,000,000 scores).

People, goals, reviews and check-ins are bulk-loaded (never in the product); totals are
worked out by the product's own selector, and the page through the Django test client as
the funder's staff, so the figures are server time. The totals take the same fixed number
of queries at any size (asserted in the tests; printed here). BENCH_OUTCOMES_SCALE
(default 1) divides the number of people for a quick run, for example 100.
"""

import datetime
import os
import random
import secrets
import statistics
import time

from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from django.utils import timezone

from benchmarks.pages import DUMMY_CACHE, measure_page
from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.accounts.tests.two_step import force_login_with_two_steps, with_authenticator
from flourish.grants.factories import ProgrammeFactory
from flourish.outcomes.factories import ons4
from flourish.outcomes.models import (
    CheckIn,
    CheckInScore,
    Goal,
    GoalVersion,
    PersonSummary,
    RecordKey,
    Review,
    TotalsConsent,
)
from flourish.outcomes.selectors.totals import count_totals

SCALE = int(os.environ.get("BENCH_OUTCOMES_SCALE", "1"))
PEOPLE = 100_000 // SCALE
CHECKINS = 10
BATCH = 2_000
RUNS = 5
KEYS = ("life_satisfaction", "worthwhile", "happiness", "anxiety")


def run(report) -> None:
    started = time.perf_counter()
    programme, staff = _programme()
    _people(programme)
    report(
        f"{PEOPLE:,} people × {CHECKINS} check-ins bulk-loaded", time.perf_counter() - started, "s"
    )
    times = []
    for _ in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            totals = count_totals(programme=programme)
            times.append((time.perf_counter() - started) * 1000)
    report(f"totals over {PEOPLE:,} people, median of {RUNS}", statistics.median(times), "ms")
    report("totals, queries", len(captured.captured_queries))
    report.note(f"people shown: {totals.people.value}; at or above: {totals.at_or_above.value}")
    client = Client()
    force_login_with_two_steps(client, with_authenticator(staff))
    page = reverse("outcomes:programme_totals", args=[programme.slug])
    # As a funder meets it: the totals counted once, then kept until someone's outcomes
    # change; and as the first funder to open it after a change, counting every time.
    measure_page(report, client, "programme totals page", page)
    counting = {**settings.CACHES, "fragments": {"BACKEND": DUMMY_CACHE}}
    with override_settings(CACHES=counting):
        measure_page(report, client, "programme totals page, counted afresh", page, runs=RUNS)


def _programme() -> tuple[object, User]:
    funder = Organisation.objects.create(
        name="Bench Fund", slug="bench-outcomes-fund", kind=OrganisationKind.FUNDER
    )
    programme = ProgrammeFactory(funder=funder, slug="bench-outcomes", title="Bench outcomes")
    staff = User.objects.create(email="bench.outcomes.staff@example.org", name="Bench Staff")
    Membership.objects.create(user=staff, organisation=funder, role=Role.FUNDER_STAFF)
    return programme, staff


def _people(programme) -> None:
    instrument = ons4()
    rng = random.Random(12)
    start = timezone.now() - datetime.timedelta(days=400)
    for first in range(0, PEOPLE, BATCH):
        with transaction.atomic():
            people = User.objects.bulk_create(
                User(email=f"bench.outcomes.{n}@example.org", name=f"Person {n}")
                for n in range(first, min(first + BATCH, PEOPLE))
            )
            RecordKey.objects.bulk_create(
                RecordKey(person=person, key=secrets.randbits(31)) for person in people
            )
            TotalsConsent.objects.bulk_create(
                TotalsConsent(person=person, programme=programme) for person in people
            )
            goals = Goal.objects.bulk_create(Goal(owner=person) for person in people)
            versions = GoalVersion.objects.bulk_create(
                GoalVersion(goal=goal, number=1, wording="A goal", written_by=goal.owner)
                for goal in goals
            )
            reviews = Review.objects.bulk_create(
                Review(
                    version=version,
                    level=rng.choice((-1, 0, 1)),
                    reviewed_on=datetime.date(2026, 1, 1 + days),
                    recorded_by=version.written_by,
                )
                for version in versions
                for days in range(3)
            )
            checkins = CheckIn.objects.bulk_create(
                CheckIn(
                    person=person,
                    instrument=instrument,
                    taken_at=start + datetime.timedelta(days=30 * n),
                    recorded_by=person,
                )
                for person in people
                for n in range(CHECKINS)
            )
            scores = CheckInScore.objects.bulk_create(
                (
                    CheckInScore(checkin=checkin, key=key, value=rng.randint(0, 10))
                    for checkin in checkins
                    for key in KEYS
                ),
                batch_size=5_000,
            )
            _summaries(people, reviews, scores)


def _summaries(people, reviews, scores) -> None:
    """What summary_refresh keeps for each person, worked out from the rows just made (each
    person has one goal of weight 1, so their T-score is 50 + 10 × their latest level)."""
    latest = {review.recorded_by_id: review.level for review in reviews}
    first: dict[tuple[int, str], float] = {}
    last: dict[tuple[int, str], float] = {}
    for score in scores:  # made in order of person, then date
        person = score.checkin.person_id
        first.setdefault((person, score.key), score.value)
        last[(person, score.key)] = score.value
    PersonSummary.objects.bulk_create(
        PersonSummary(
            person=person,
            t_score=50 + 10 * latest[person.pk],
            ons4_checkins=CHECKINS,
            **{f"{key}_first": first[(person.pk, key)] for key in KEYS},
            **{f"{key}_latest": last[(person.pk, key)] for key in KEYS},
        )
        for person in people
    )
