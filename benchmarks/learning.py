"""Learning: a circle with 10,000 conversations, 200,000 replies and 50 meet-ups to come, and
a group's page with many items waiting and the guides they point to.

Conversations and replies are bulk-loaded (never in the product); each conversation's
reply count and last activity are set as the services keep them. Pages go through the
Django test client as a moderator of the circle and as the group's lead, so the figure
is server time. BENCH_LEARNING_SCALE (default 1) divides the sizes for a quick run.
"""

import datetime
import os
import random
import time

from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from benchmarks.pages import measure_page
from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role, User
from flourish.learning.models import (
    GUIDE_FOR_REASON,
    Circle,
    CircleKind,
    CircleMember,
    Meetup,
    PromptReason,
    Reply,
    Thread,
)
from flourish.learning.services.guides import guide_create, guide_publish, guide_version_save
from flourish.learning.services.prompts import prompt_offer

SCALE = int(os.environ.get("BENCH_LEARNING_SCALE", "1"))
THREADS = 10_000 // SCALE
REPLIES = 200_000 // SCALE
BIG_THREAD_REPLIES = 2_000 // SCALE  # one long conversation, for the thread page
MEMBERS = 200
BATCH = 10_000


def run(report) -> None:
    started = time.perf_counter()
    circle, moderator, people = _circle()
    threads = _threads(circle, people)
    report(f"{THREADS:,} conversations bulk-loaded", time.perf_counter() - started, "s")
    started = time.perf_counter()
    _replies(threads, people)
    report(f"{REPLIES:,} replies bulk-loaded", time.perf_counter() - started, "s")

    # Everything is in place before the first page, which gathers the planner's
    # statistics as a live database would have them.
    group, lead = _group()
    client = Client()
    client.force_login(moderator)
    measure_page(report, client, "circle page", reverse("learning:circle", args=[circle.slug]))
    measure_page(
        report,
        client,
        "circle page, page 200",
        reverse("learning:circle", args=[circle.slug]) + "?page=200",
    )
    big = threads[0]
    address = reverse("learning:thread", args=[circle.slug, big.pk])
    measure_page(report, client, f"conversation page ({BIG_THREAD_REPLIES:,} replies)", address)
    measure_page(report, client, "conversation page, last page", address + "?page=1000000")

    lead_client = Client()
    lead_client.force_login(lead)
    measure_page(report, lead_client, "group page", reverse("learning:group", args=[group.slug]))


def _circle() -> tuple[Circle, User, list[User]]:
    circle = Circle.objects.create(
        name="Bench circle",
        slug="bench-circle",
        kind=CircleKind.AREA,
        about="Benchmark",
        code_of_conduct="Be kind.",
    )
    with transaction.atomic():
        people = User.objects.bulk_create(
            User(email=f"bench.leader.{n}@example.org", name=f"Leader {n}", password="!")
            for n in range(MEMBERS)
        )
        CircleMember.objects.bulk_create(
            CircleMember(circle=circle, user=person, is_moderator=n == 0)
            for n, person in enumerate(people)
        )
        # More meet-ups to come than the circle page lists, so the page shows its limit.
        soon = timezone.now() + datetime.timedelta(days=1)
        Meetup.objects.bulk_create(
            Meetup(
                circle=circle,
                title=f"Meet-up {n}",
                starts_at=soon + datetime.timedelta(days=n),
                ends_at=soon + datetime.timedelta(days=n, hours=1),
                where="Online",
                created_by=people[0],
            )
            for n in range(50)
        )
    return circle, people[0], people


def _threads(circle: Circle, people: list[User]) -> list[Thread]:
    now = timezone.now()
    chance = random.Random(14)
    made: list[Thread] = []
    for start in range(0, THREADS, BATCH):
        with transaction.atomic():
            made += Thread.objects.bulk_create(
                Thread(
                    circle=circle,
                    author=chance.choice(people),
                    title=f"Conversation {n}",
                    body="How do other groups manage this?",
                    created_at=now - datetime.timedelta(minutes=n),
                    last_activity_at=now - datetime.timedelta(minutes=n),
                )
                for n in range(start, min(start + BATCH, THREADS))
            )
    # What `thread_start` keeps in step, conversation by conversation.
    Circle.objects.filter(pk=circle.pk).update(thread_count=len(made))
    return made


def _replies(threads: list[Thread], people: list[User]) -> None:
    chance = random.Random(15)
    counts = {thread.pk: 0 for thread in threads}
    targets = [threads[0]] * BIG_THREAD_REPLIES
    targets += [chance.choice(threads) for _ in range(REPLIES - BIG_THREAD_REPLIES)]
    now = timezone.now()
    for start in range(0, REPLIES, BATCH):
        with transaction.atomic():
            Reply.objects.bulk_create(
                Reply(
                    thread=thread,
                    author=chance.choice(people),
                    body="We tried this and it helped.",
                    created_at=now - datetime.timedelta(seconds=REPLIES - n),
                )
                for n, thread in enumerate(targets[start : start + BATCH], start=start)
            )
    for thread in targets:
        counts[thread.pk] += 1
    with transaction.atomic():
        for thread in threads:
            thread.reply_count = counts[thread.pk]
        Thread.objects.bulk_update(threads, ["reply_count"], batch_size=2_000)


def _group() -> tuple[Organisation, User]:
    # Guides are written by one of the people who run the site, who signs in in two steps.
    writer = User.objects.create_user(email="bench.guide.writer@example.org", name="Bench Writer")
    group = Organisation.objects.create(
        name="Bench learning group", slug="bench-learning-group", kind=OrganisationKind.GROUP
    )
    lead = User.objects.create_user(email="bench.group.lead@example.org", name="Bench Lead")
    Membership.objects.create(user=lead, organisation=group, role=Role.GROUP_LEAD)
    operators = Organisation.objects.create(
        name="Bench operators", slug="bench-operators", kind=OrganisationKind.OPERATOR
    )
    Membership.objects.create(user=writer, organisation=operators, role=Role.ADMINISTRATOR)
    for slug in GUIDE_FOR_REASON.values():
        guide = guide_create(actor=writer, slug=slug, stage="starting_out")
        version = guide_version_save(
            guide=guide, actor=writer, language="en-gb", title=slug, summary=slug, body="Words."
        )
        guide_publish(version=version, actor=writer)
    for reason in PromptReason.values:
        for number in range(200):
            prompt_offer(group=group, reason=reason, about=f"bench:{number}")
    return group, lead
