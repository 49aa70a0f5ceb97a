"""Demo learning: 26 guides across a group's life (one also in Welsh and Urdu), groups with
items waiting, a health check, two support requests, and three circles with a few months
of conversations. All made up; safe to run again."""

import datetime
import random
from typing import Any, TextIO

from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import Organisation, OrganisationKind, Role, User
from flourish.learning.factories import CircleFactory, circle_member_make
from flourish.learning.guides_demo import GUIDES, URDU, WELSH
from flourish.learning.health import QUESTIONS
from flourish.learning.hooks import FIRST
from flourish.learning.models import (
    Circle,
    CircleKind,
    Guide,
    Prompt,
    PromptReason,
    PromptState,
    Reply,
    SupportRequest,
    Thread,
)
from flourish.learning.services import circles, guides, meetups, prompts, support

CIRCLES = [
    # slug, name, kind, open to join, what it is for
    ("west-yorkshire-leaders", "West Yorkshire group leaders", CircleKind.AREA, True,
     "People who run peer and user-led groups anywhere in West Yorkshire."),
    ("hearing-voices-groups", "Running hearing voices groups", CircleKind.THEME, True,
     "Facilitators of hearing voices groups sharing what works."),
    ("south-asian-womens-groups", "South Asian women's groups", CircleKind.COMMUNITY, False,
     "By invitation: women who run groups for South Asian women."),
]  # fmt: skip
CODE = (
    "Be kind and assume good intent.\n"
    "What people share here stays here.\n"
    "No selling, no recruiting for research without asking the moderators.\n"
    "If something worries you, report it: a moderator will look at it the same day."
)
TOPICS = [
    ("Room hire that does not cost the earth", "Where do your groups meet? Our church hall "
     "has doubled its price."),
    ("First time holding a grant", "We have our first grant and a holding partner. Any "
     "tips for asking them to pay things?"),
    ("When the facilitator is unwell", "How do you cover a session when the one person "
     "who runs it is not well?"),
    ("Writing the short report", "Our report is due next month. What did you put in yours?"),
    ("Getting new people through the door", "We have a leaflet but nobody new comes. What "
     "worked for you?"),
    ("Ground rules that stick", "How did your group agree its ground rules?"),
    ("WhatsApp or something else?", "Our chat is getting busy at night. Has anyone moved "
     "to something calmer?"),
    ("Paying people for their time", "Do you pay members who help run sessions? How?"),
]  # fmt: skip
ANSWERS = [
    "We use the library: free if you book a month ahead.",
    "Ask your council's community team, they keep a list of free rooms.",
    "We take turns now, so no one person carries it.",
    "Short and honest worked for us. The funder liked the quotes.",
    "Word of mouth, and a stall at the community centre's open day.",
    "We wrote them together at the first meeting and read them out each week.",
    "We turned off notifications after 9pm and said so in the chat.",
    "Thank you, this is really useful.",
]


def build(stdout: TextIO) -> None:
    if Guide.objects.filter(slug=GUIDES[0][0]).exists():
        stdout.write("Learning: the guides and circles are already there.")
        return
    writer = User.objects.get(email="admin@example.org")
    _guides(writer)
    bradford = Organisation.objects.get(slug="peer-support-bradford")
    organiser = User.objects.get(email="organiser@example.org")
    _waiting(bradford, organiser)
    _support(bradford, organiser)
    _circles(organiser, random.Random(14))
    stdout.write(
        f"Learning: {len(GUIDES)} guides, items waiting on Peer Support Bradford's page, "
        f"2 support requests (one picked up by Bradford Community Action) and {len(CIRCLES)} "
        "circles with meet-ups (sign in as organiser@example.org; support@example.org "
        "helps groups; admin@example.org writes guides)."
    )


def _guides(writer: User) -> None:
    for position, (slug, stage, title, summary, body) in enumerate(GUIDES):
        guide = guides.guide_create(actor=writer, slug=slug, stage=stage, position=position)
        words = {"en-gb": (title, summary, body)}
        words |= {"cy": WELSH[slug]} if slug in WELSH else {}
        words |= {"ur": URDU[slug]} if slug in URDU else {}
        for language, (title_, summary_, body_) in words.items():
            version = guides.guide_version_save(
                guide=guide,
                actor=writer,
                language=language,
                title=title_,
                summary=summary_,
                body=body_,
            )
            guides.guide_publish(version=version, actor=writer)


def _waiting(bradford: Organisation, organiser: User) -> None:
    """Bradford has two items waiting and one done; two other groups have one each. The
    first-booking and first-volunteer items use the same key as the hooks, so that the
    budgets and timebank demos, which confirm bookings and approve volunteers, never put
    a second copy on the page."""
    prompts.prompt_offer(group=bradford, reason=PromptReason.FIRST_VOLUNTEER, about=FIRST)
    prompts.prompt_offer(group=bradford, reason=PromptReason.STALE_LISTING, about="demo")
    prompts.prompt_offer(group=bradford, reason=PromptReason.FIRST_BOOKING, about=FIRST)
    done = Prompt.objects.get(group=bradford, reason=PromptReason.FIRST_BOOKING, about=FIRST)
    if done.state == PromptState.WAITING:
        prompts.prompt_answer(prompt=done, actor=organiser, state=PromptState.DONE)
    others = Organisation.objects.filter(kind=OrganisationKind.GROUP).exclude(pk=bradford.pk)
    for group in others.order_by("name")[:2]:
        prompts.prompt_offer(group=group, reason=PromptReason.REPORT_DUE, about="demo")


def _support(bradford: Organisation, organiser: User) -> None:
    """Bradford asked Bradford Community Action for help, shared its health check with it,
    and its budget request was picked up there; Keighley's waits for the site's team."""
    community_action = Organisation.objects.get(slug="bradford-community-action")
    helper = User.objects.get(email="support@example.org")
    support.support_organisation_choose(
        group=bradford, actor=organiser, organisation=community_action
    )
    answers = {q.key: "yes" for q in QUESTIONS} | {"money_records": "not_yet", "rest": "partly"}
    check = support.health_check_record(group=bradford, actor=organiser, answers=answers)
    support.health_check_share(check=check, actor=organiser, organisation=community_action)
    budget = support.support_request_create(
        group=bradford, actor=organiser, what="We have never done a budget for a whole year."
    )
    support.support_request_take_on(
        support_request=budget,
        actor=helper,
        agreed_help="Two phone calls to build a first year's budget together.",
    )
    support.support_note_log(
        support_request=budget,
        actor=helper,
        text="First call: listed what the group spends each month. Next call in two weeks.",
    )
    other = OrganisationFactory(slug="keighley-mens-shed", name="Keighley Men's Shed")
    lead = UserFactory(email="shed.lead@example.org", name="Alan Shed")
    MembershipFactory(user=lead, organisation=other, role=Role.GROUP_LEAD)
    SupportRequest.objects.filter(group=other).exists() or support.support_request_create(
        group=other, actor=lead, what="Two of us are burnt out. How do other groups share jobs?"
    )


def _circles(organiser: User, rng: random.Random) -> None:
    leaders = [UserFactory(email=f"circle.leader.{n}@example.org") for n in range(12)]
    now = timezone.now()
    for index, (slug, name, kind, open_to_join, about) in enumerate(CIRCLES):
        circle = CircleFactory(
            slug=slug, name=name, kind=kind, open_to_join=open_to_join, about=about,
            code_of_conduct=CODE,
        )  # fmt: skip
        people = [circle_member_make(circle, person) for person in leaders[index * 3 :][:8]]
        circle_member_make(circle, people[0], moderator=True)
        if index == 0:
            people.append(circle_member_make(circle, organiser, moderator=True))
        _conversations(circle, people, rng, now)
        _meetup(circle, people[0], now + datetime.timedelta(days=10 + index * 7))
    _reported_reply(Circle.objects.get(slug=CIRCLES[0][0]), leaders)


def _conversations(circle: Circle, people: list[Any], rng: random.Random, now: Any) -> None:
    """About four months of conversations, oldest first."""
    for number in range(14):
        title, body = TOPICS[number % len(TOPICS)]
        started = now - datetime.timedelta(days=120 - number * 8, hours=rng.randint(0, 10))
        thread = circles.thread_start(
            circle=circle, actor=rng.choice(people), title=title, body=body
        )
        replies = [
            circles.reply_post(thread=thread, actor=rng.choice(people), body=rng.choice(ANSWERS))
            for _ in range(rng.randint(0, 6))
        ]
        for step, reply in enumerate(replies, start=1):
            Reply.objects.filter(pk=reply.pk).update(
                created_at=started + datetime.timedelta(hours=step * 5)
            )
        last = started + datetime.timedelta(hours=len(replies) * 5)
        Thread.objects.filter(pk=thread.pk).update(created_at=started, last_activity_at=last)


def _meetup(circle: Circle, moderator: Any, day: Any) -> None:
    starts = day.replace(hour=18, minute=30, second=0, microsecond=0)
    meetups.meetup_add(
        circle=circle,
        actor=moderator,
        title="Tea and a catch-up",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=90),
        where="Online: the link goes out the day before",
    )


def _reported_reply(circle: Circle, leaders: list[Any]) -> None:
    """A reply that breaks the code, reported and waiting for a moderator."""
    thread = Thread.objects.filter(circle=circle).order_by("-last_activity_at").first()
    assert thread is not None
    seller = leaders[1]
    reply = circles.reply_post(
        thread=thread,
        actor=seller,
        body="Sign up to my paid wellbeing course, link in my profile!",
    )
    circles.reply_report(reply=reply, actor=leaders[2], reason="Selling, against our code.")
