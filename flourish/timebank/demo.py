"""Demo timebank: 60 members, 400 exchanges over a year (some recorded by the coordinator
for members who phoned), exchanges waiting for an answer (one for the coordinator to
confirm for a member who phoned), someone asking to join, and a
peer mentoring scheme with 10 pairs and a waiting list; and a small partner timebank run by
another group, with one hour already exchanged between the two. All made up; safe to run
again."""

import datetime
import random
from typing import TextIO

from django.utils import timezone

from flourish.accounts.demo import demo_person
from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import Organisation, OrganisationKind, Role, User
from flourish.timebank.factories import (
    AskingMemberFactory,
    ListingFactory,
    mentee_make,
    mentor_make,
    scheme_make,
)
from flourish.timebank.models import Direction, ExchangeKind, HelpKind, Timebank, TimebankMember
from flourish.timebank.services import exchanges, mentoring, partners, timebanks
from flourish.timebank.services.timebanks import member_approve

SLUG = "bradford-timebank"
AREAS = ["BD1", "BD3", "BD5", "BD7", "BD8", "BD9", "Manningham", "Little Horton"]
LANGUAGES = ["English", "English, Urdu", "English, Punjabi", "English, Polish", "English, Bengali"]
MEMBERS = 60
EXCHANGES = 400
PAIRS = 10
PARTNER_SLUG = "keighley-timebank"
# The partner timebank's people: (email name, name, area, what they offer).
PARTNER_PEOPLE = [
    ("coordinator", "Owen Coordinator", "Keighley", None),
    ("amira", "Amira Shah", "Keighley", HelpKind.COOKING),
    ("gareth", "Gareth Lloyd", "Riddlesden", HelpKind.GARDENING),
    ("mei", "Mei Chen", "Keighley", HelpKind.FORMS),
    ("kasia", "Kasia Nowak", "Ingrow", HelpKind.COMPANY),
    ("dan", "Dan Okafor", "Haworth", None),
]


def build(stdout: TextIO) -> None:
    coordinator = User.objects.get(email="coordinator@example.org")
    timebank = Timebank.objects.filter(slug=SLUG).first()
    if timebank is not None:
        stdout.write(f"Timebank: {timebank.name} is already there.")
    else:
        timebank = _bradford(stdout, coordinator)
    _partner(stdout, timebank, coordinator)


def _bradford(stdout: TextIO, coordinator: User) -> Timebank:
    organisation = Organisation.objects.get(slug="peer-support-bradford")
    timebank = timebanks.timebank_create(
        organisation=organisation,
        name="Bradford Timebank",
        slug=SLUG,
        actor=coordinator,
        description="Peer Support Bradford's timebank: an hour given is an hour received.",
    )
    rng = random.Random(11)
    members = _members(timebank, rng)
    _listings(members, rng)
    _exchanges(timebank, members, coordinator, rng)
    _mentoring(timebank, members, coordinator, rng)
    AskingMemberFactory(
        timebank=timebank,
        user=demo_person(email="newcomer@example.org", name="Lena Newcomer"),
        area="BD9",
        recorded_by=coordinator,
    )
    stdout.write(
        f"Timebank: {timebank.name} with {MEMBERS} members, {EXCHANGES} exchanges and "
        f"{PAIRS} mentoring pairs (sign in as coordinator@example.org or member@example.org)."
    )
    return timebank


def _partner(stdout: TextIO, bradford: Timebank, bradford_coordinator: User) -> None:
    """Keighley Timebank, run by another group: partners with Bradford (asked by Keighley's
    coordinator, accepted by Bradford's), and Amira has cooked with Tom, who confirmed it.
    Tom (member@example.org) finds Keighley's offers in his search and can ask for one."""
    keighley = Timebank.objects.filter(slug=PARTNER_SLUG).first()
    if keighley is not None:
        stdout.write(f"Timebank: {keighley.name} is already there.")
        return
    organisation = OrganisationFactory(
        slug="keighley-peer-support", name="Keighley Peer Support", kind=OrganisationKind.GROUP
    )
    people = [
        demo_person(email=f"keighley.{key}@example.org", name=name)
        for key, name, _area, _offer in PARTNER_PEOPLE
    ]
    coordinator = people[0]
    MembershipFactory(user=coordinator, organisation=organisation, role=Role.TIMEBANK_COORDINATOR)
    keighley = timebanks.timebank_create(
        organisation=organisation,
        name="Keighley Timebank",
        slug=PARTNER_SLUG,
        actor=coordinator,
        description="Keighley Peer Support's timebank, a partner of Bradford Timebank.",
    )
    members = []
    for person, (_key, _name, area, offer) in zip(people, PARTNER_PEOPLE, strict=True):
        MembershipFactory(user=person, organisation=organisation, role=Role.GROUP_MEMBER)
        member = AskingMemberFactory(timebank=keighley, user=person, area=area, languages="English")
        members.append(member_approve(member=member, actor=None))
        if offer is not None:
            ListingFactory(
                member=member,
                timebank=keighley,
                kind=offer,
                area=area,
                direction=Direction.OFFER,
                title=str(offer.label),
                description=f"{offer.label}: happy to meet someone from Bradford too.",
                days="sat,sun",
            )
    ask = partners.partnership_ask(timebank=keighley, other=bradford, actor=coordinator)
    partners.partnership_answer(request=ask, accept=True, actor=bradford_coordinator)
    tom = TimebankMember.objects.get(timebank=bradford, user__email="member@example.org")
    amira = members[1]
    exchange = exchanges.exchange_record_directly(
        timebank=keighley,
        giver=amira,
        receivers=[tom],
        kind=ExchangeKind.PERSON,
        minutes=90,
        happened_on=timezone.localdate() - datetime.timedelta(days=10),
        description="Cooking together across the two timebanks",
        help_kind=HelpKind.COOKING,
        actor=amira.user,
    )
    exchanges.exchange_confirm(exchange=exchange, member=tom, actor=tom.user)
    stdout.write(
        f"Timebank: {keighley.name} with {len(members)} members, a partner of {bradford.name}; "
        "Tom Member sees its offers when he searches."
    )


def _members(timebank: Timebank, rng: random.Random) -> list[TimebankMember]:
    people = [
        User.objects.get(email="member@example.org"),
        User.objects.get(email="organiser@example.org"),
    ]
    people += [
        UserFactory(email=f"timebank.member.{n}@example.org") for n in range(MEMBERS - len(people))
    ]
    members = []
    for person in people:
        member = AskingMemberFactory(
            timebank=timebank,
            user=person,
            area=rng.choice(AREAS),
            languages=rng.choice(LANGUAGES),
            prefers_phone=rng.random() < 0.2,
        )
        members.append(member_approve(member=member, actor=None))
    return members


def _listings(members: list[TimebankMember], rng: random.Random) -> None:
    kinds = list(HelpKind)
    for member in members[:40]:
        kind = rng.choice(kinds)
        ListingFactory(
            member=member,
            timebank=member.timebank,
            kind=kind,
            area=member.area,
            direction=rng.choice([Direction.OFFER, Direction.OFFER, Direction.REQUEST]),
            title=str(kind.label),
            description=f"{kind.label}: happy to arrange a time that suits.",
            days=",".join(rng.sample(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], 2)),
        )


def _exchanges(
    timebank: Timebank, members: list[TimebankMember], coordinator: User, rng: random.Random
) -> None:
    today = timezone.localdate()
    # Tom (the demo member) has given a little more than he has received.
    tom, priya = members[0], members[1]
    balances: dict[int, int] = {}
    for number in range(EXCHANGES):
        giver, receiver = rng.sample(members[:30] if number % 3 else members, 2)
        if number < 12:
            giver, receiver = (tom, priya) if number % 2 else (priya, tom)
        minutes = rng.choice([30, 45, 60, 60, 90, 120])
        # Keep everyone well inside the floor, so the demo never trips the limit it shows.
        if balances.get(receiver.pk, 0) - minutes < -900:
            giver, receiver = receiver, giver
        balances[giver.pk] = balances.get(giver.pk, 0) + minutes
        balances[receiver.pk] = balances.get(receiver.pk, 0) - minutes
        by_phone = number % 10 == 0
        exchange = exchanges.exchange_record_directly(
            timebank=timebank,
            giver=giver,
            receivers=[receiver],
            kind=ExchangeKind.PERSON,
            minutes=minutes,
            happened_on=today - datetime.timedelta(days=rng.randrange(365)),
            description=rng.choice(
                [
                    "A walk and a chat",
                    "Help with a form",
                    "Cooking together",
                    "Lift to the GP",
                    "Gardening",
                ]
            ),
            help_kind=rng.choice(list(HelpKind)),
            actor=coordinator if by_phone else giver.user,
        )
        exchanges.exchange_confirm(exchange=exchange, member=receiver, actor=receiver.user)
    # One waiting for Tom to confirm, and one asking him for help.
    waiting = exchanges.exchange_record_directly(
        timebank=timebank,
        giver=priya,
        receivers=[tom],
        kind=ExchangeKind.PERSON,
        minutes=60,
        happened_on=today,
        description="Help with a benefits form",
        help_kind=HelpKind.FORMS,
        actor=priya.user,
    )
    assert waiting.pk
    # One the coordinator recorded for two members who phoned, waiting for the one helped,
    # who does not use the site: the coordinator confirms it when she rings back.
    exchanges.exchange_record_directly(
        timebank=timebank,
        giver=members[7],
        receivers=[members[8]],
        kind=ExchangeKind.PERSON,
        minutes=90,
        happened_on=today,
        description="Lift to a hospital appointment",
        help_kind=HelpKind.COMPANY,
        actor=coordinator,
    )
    listing = ListingFactory(member=tom, timebank=timebank, kind=HelpKind.COOKING, area=tom.area)
    exchanges.exchange_ask(
        asker=members[5], listing=listing, message="Could we cook on Friday?", actor=members[5].user
    )


def _mentoring(
    timebank: Timebank, members: list[TimebankMember], coordinator: User, rng: random.Random
) -> None:
    scheme = scheme_make(timebank, name="Peer mentoring after hospital", slug="after-hospital")
    mentors = [
        mentor_make(scheme, member=m, capacity=2, languages=m.languages) for m in members[30:38]
    ]
    today = timezone.localdate()
    for index in range(PAIRS):
        mentee = mentee_make(
            scheme, member=members[40 + index], languages=members[40 + index].languages
        )
        pair = mentoring.pair_propose(
            mentor=mentors[index % len(mentors)], mentee=mentee, actor=coordinator
        )
        mentoring.pair_accept(pair=pair, actor=pair.mentor.member.user)
        mentoring.pair_accept(pair=pair, actor=pair.mentee.member.user)
        for week in range(rng.randrange(1, 5)):
            mentoring.session_log(
                pair=pair,
                happened_on=today - datetime.timedelta(days=7 * week),
                minutes=60,
                mode="phone",
                summary="Catching up",
                actor=pair.mentee.member.user,
            )
    for member in members[50:55]:
        mentee_make(scheme, member=member, languages=member.languages)
