"""Demo outcomes: 200 people in ten funded groups with goals in their own words, reviews and
ONS4 check-ins over a year; some goals shared with a mentor, most not; most people counted
in their group's and the Keep Connected Fund's totals, but in one group only three are, so
its totals show nothing. Tom Member has goals of his own, one shared with Nia Coordinator,
as are his check-ins, and a reminder to review it; another is shared with the organisers of
his group, Peer Support Bradford. People with a personal budget are counted
in their council's totals. Most of Bradford Timebank's members are counted in its totals, and
the mentors and mentees of its scheme in the scheme's; only three of Keighley Timebank's six
are, so its totals show nothing. All made up; safe to run again."""

import datetime
import random
from typing import Any, TextIO

from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Organisation, OrganisationKind, Role, User
from flourish.grants.models import Programme
from flourish.outcomes.factories import ons4
from flourish.outcomes.models import (
    CheckIn,
    CheckInScore,
    Goal,
    GroupAudience,
    LinkKind,
    Review,
)
from flourish.outcomes.services import goals, links, reminders, sharing, totals
from flourish.outcomes.services.summaries import summary_refresh

PEOPLE = 200
GROUPS = 10
SMALL_GROUP = 9  # the group where only three people chose to be counted
PROGRAMME = "keep-connected-fund"
TODAY = datetime.date.today()

GOALS = [
    ("Get out to the allotment most weeks", "Most weeks", "Every week", "Twice a week"),
    ("Ring my sister on Sundays", "Most Sundays", "Every Sunday", "And see her once a month"),
    ("Cook a proper meal three times a week", "Three times", "Four or five", "Every day"),
    ("Sleep before midnight", "Four nights a week", "Most nights", "Every night"),
    ("Go to the peer group without someone with me", "Once a month", "Every fortnight", "Weekly"),
    ("Find some volunteering I enjoy", "Try one place", "Go regularly", "Help run something"),
    ("Walk to the park and back", "Twice a week", "Most days", "Every day"),
    ("Get back to drawing", "Once a week", "Twice a week", "Show someone my work"),
    ("Sort out my benefits letters", "Open them", "Answer them", "Keep on top of them"),
    ("Feel less alone in the evenings", "One call a week", "Two calls", "A regular meet-up"),
]


def _goal(person: User, rng: random.Random, start: datetime.date) -> Goal:
    wording, expected, better, much_better = rng.choice(GOALS)
    goal = goals.goal_set(
        owner=person,
        actor=person,
        wording=wording,
        weight=rng.choice([1, 1, 1, 2, 3]),
        levels={
            "expected": expected,
            "better": better,
            "much_better": much_better,
            "worse": "Less than that",
            "much_worse": "Not at all",
        },
    )
    Goal.objects.filter(pk=goal.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(start, datetime.time(10)))
    )
    version = goal.versions.get()
    level = rng.choice([-2, -1, -1, 0])
    day = start
    reviews = []
    for _ in range(rng.randint(1, 6)):
        day += datetime.timedelta(days=rng.randint(30, 70))
        if day > TODAY:
            break
        level = max(-2, min(2, level + rng.choice([-1, 0, 1, 1])))
        reviews.append(Review(version=version, level=level, reviewed_on=day, recorded_by=person))
    # Many reviews at once: the same rows goal_review makes, without an event for each.
    Review.objects.bulk_create(reviews)
    return goal


def _checkins(person: User, rng: random.Random, start: datetime.date) -> None:
    """ONS4 check-ins a few months apart, mostly slowly better, with a bad patch for some."""
    instrument = ons4()
    scores = [rng.randint(2, 6), rng.randint(3, 7), rng.randint(2, 7), rng.randint(3, 9)]
    day = start
    taken: list[tuple[datetime.datetime, list[int]]] = []
    for _ in range(rng.randint(2, 5)):
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(19)))
        taken.append((when, list(scores)))
        step = rng.choice([-1, 0, 1, 1])
        scores = [max(0, min(10, s + step)) for s in scores[:3]] + [
            max(0, min(10, scores[3] - step))
        ]
        day += datetime.timedelta(days=rng.randint(45, 100))
        if day > TODAY:
            break
    checkins = CheckIn.objects.bulk_create(
        CheckIn(person=person, instrument=instrument, taken_at=when, recorded_by=person)
        for when, _scores in taken
    )
    keys = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
    CheckInScore.objects.bulk_create(
        CheckInScore(checkin=checkin, key=key, value=value)
        for checkin, (_when, values) in zip(checkins, taken, strict=True)
        for key, value in zip(keys, values, strict=True)
    )


def _groups() -> list[Organisation]:
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.GROUP,
            slug__startswith="demo-",
            grant_applications__award__programme__slug=PROGRAMME,
        ).order_by("slug")[:GROUPS]
    )


def _person(
    number: int, group: Organisation, helpers: list[User], rng: random.Random, count: bool
) -> None:
    person = UserFactory(email=f"outcomes.person.{number}@example.org")
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
    start = TODAY - datetime.timedelta(days=rng.randint(200, 365))
    made = [_goal(person, rng, start) for _ in range(rng.randint(1, 3))]
    _checkins(person, rng, start)
    summary_refresh(person=person)
    if rng.random() < 0.15:
        sharing.helper_invite(
            goal=made[0], email=rng.choice(helpers).email, actor=person, may_help=True
        )
    if count:
        programme = Programme.objects.get(slug=PROGRAMME)
        totals.totals_join(person=person, actor=person, group=group)
        totals.totals_join(person=person, actor=person, programme=programme)


def _tom(coordinator: User, rng: random.Random) -> None:
    tom = User.objects.get(email="member@example.org")
    start = TODAY - datetime.timedelta(days=300)
    allotment = _goal(tom, rng, start)
    second = _goal(tom, rng, start + datetime.timedelta(days=40))
    _checkins(tom, rng, start)
    summary_refresh(person=tom)
    sharing.helper_invite(goal=allotment, email=coordinator.email, actor=tom, may_help=True)
    sharing.series_share(person=tom, instrument=ons4(), email=coordinator.email, actor=tom)
    reminders.goal_reminder_set(
        goal=allotment, actor=tom, remind_on=TODAY + datetime.timedelta(days=14), every_weeks=6
    )
    bradford = Organisation.objects.get(slug="peer-support-bradford")
    totals.totals_join(person=tom, actor=tom, group=bradford)
    # Shared with his group's organisers (Priya Organiser sees it on her goals page).
    sharing.group_share(
        person=tom, group=bradford, goal=second, audience=GroupAudience.ORGANISERS, actor=tom
    )


def _budget_holders(rng: random.Random) -> int:
    """People with a personal budget (from the budgets demo, if it ran) with goals, counted
    in their council's totals; Jo Holder uses her goals as her support plan's outcomes."""
    from flourish.budgets.models import Budget

    budgets = list(Budget.objects.select_related("person", "council").order_by("pk"))
    for budget in budgets:
        person = budget.person
        start = TODAY - datetime.timedelta(days=rng.randint(200, 365))
        made = _goal(person, rng, start)
        _checkins(person, rng, start)
        summary_refresh(person=person)
        totals.totals_join(person=person, actor=person, council=budget.council)
        if person.email == "holder@example.org":
            links.goal_links_set(
                person=person,
                kind=LinkKind.SUPPORT_PLAN,
                object_id=budget.pk,
                goals=[made],
                actor=person,
            )
    return len(budgets)


def _timebank_members(rng: random.Random) -> tuple[int, int]:
    """Members of the demo timebanks (if the timebank demo ran) with goals and check-ins:
    in Bradford Timebank most are counted in the timebank's totals and every mentor and mentee
    in its scheme's; in Keighley Timebank only three of six are, so its totals stay hidden."""
    from flourish.timebank.models import MemberStatus, MentoringScheme, Timebank

    counted = {"bradford-timebank": 0, "keighley-timebank": 0}
    for timebank in Timebank.objects.filter(slug__in=counted).order_by("slug"):
        members = timebank.members.filter(status=MemberStatus.APPROVED).select_related("user")
        schemes = list(MentoringScheme.objects.filter(timebank=timebank))
        for number, member in enumerate(members.order_by("pk")):
            person = member.user
            if not Goal.objects.filter(owner=person).exists():
                start = TODAY - datetime.timedelta(days=rng.randint(200, 365))
                _goal(person, rng, start)
                _checkins(person, rng, start)
                summary_refresh(person=person)
            joins = number < 3 if timebank.slug == "keighley-timebank" else rng.random() < 0.8
            if joins:
                totals.totals_join(person=person, actor=person, timebank=timebank)
                counted[timebank.slug] += 1
            for scheme in schemes:
                in_scheme = scheme.pairs.filter(mentor__member=member).exists() or (
                    scheme.pairs.filter(mentee__member=member).exists()
                )
                if in_scheme:
                    totals.totals_join(person=person, actor=person, scheme=scheme)
    return counted["bradford-timebank"], counted["keighley-timebank"]


def build(stdout: TextIO) -> None:
    if User.objects.filter(email="outcomes.person.0@example.org").exists():
        stdout.write("Outcomes: the demo people's goals are already there.")
        return
    rng = random.Random(12)
    groups = _groups()
    coordinator = User.objects.get(email="coordinator@example.org")
    organiser = User.objects.get(email="organiser@example.org")
    helpers: list[Any] = [coordinator, organiser]
    for number in range(PEOPLE):
        index = number % len(groups)
        counted = rng.random() < 0.7 if index != SMALL_GROUP else number < 3 * len(groups)
        _person(number, groups[index], helpers, rng, counted)
    _tom(coordinator, rng)
    holders = _budget_holders(rng)
    bradford, keighley = _timebank_members(rng)
    stdout.write(
        f"Outcomes: {PEOPLE} people in {len(groups)} groups with goals, reviews and check-ins "
        f"over a year (sign in as member@example.org; funder@example.org sees the totals of "
        f"the Keep Connected Fund at /outcomes/totals/programmes/{PROGRAMME}/; "
        f"{groups[SMALL_GROUP].name} has too few people counted to show any; "
        f"{holders} people with a personal budget are counted in their council's totals, and "
        f"holder@example.org uses her goals as her support plan's outcomes; "
        f"{bradford} members of Bradford Timebank are counted in its totals, which "
        f"coordinator@example.org sees at /outcomes/totals/timebanks/bradford-timebank/, as are "
        f"the mentors and mentees of its scheme; only {keighley} of Keighley Timebank are, so "
        f"keighley.coordinator@example.org sees nothing there)."
    )
