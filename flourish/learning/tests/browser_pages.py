"""Learning pages for the browser suite (tests/browser): axe-core, reflow at 320px, Urdu.

The member persona leads a group with an item waiting, a health check and a support
request, and moderates a circle with a conversation, a hidden reply and a reported one."""

from django.urls import reverse

from tests.browser.pages import ADMINISTRATOR, ANONYMOUS, MEMBER, Page, Scene


def _guide(scene: Scene) -> str:
    from flourish.learning.factories import published_guide

    body = (
        "## What a holding partner does\n\nIt keeps your grant and pays bills for you.\n\n"
        "- Keep every receipt.\n- Agree how to ask.\n\n[More help](https://example.org)"
    )
    return reverse(
        "learning:guide",
        args=[published_guide(slug="holding-money-without-a-bank-account", title="Holding money",
                              body=body, stage="holding_money").guide.slug],
    )  # fmt: skip


def _group(scene: Scene) -> str:
    from flourish.learning.models import PromptReason
    from flourish.learning.services.prompts import prompt_offer
    from flourish.learning.services.support import support_request_create

    _guide(scene)
    prompt_offer(group=scene.group, reason=PromptReason.HOLDING_MONEY)
    support_request_create(group=scene.group, actor=scene.person, what="A first budget")
    return reverse("learning:group", args=[scene.group.slug])


def _health_answers(scene: Scene) -> str:
    from flourish.learning.health import QUESTIONS
    from flourish.learning.services.support import health_check_record

    _guide(scene)
    check = health_check_record(
        group=scene.group, actor=scene.person, answers={q.key: "not_sure" for q in QUESTIONS}
    )
    return reverse("learning:health_check_answers", args=[scene.group.slug, check.pk])


def _circle(scene: Scene):
    from flourish.accounts.factories import UserFactory
    from flourish.learning.factories import CircleFactory, circle_member_make
    from flourish.learning.services.circles import (
        reply_hide,
        reply_post,
        reply_report,
        thread_start,
    )

    circle = CircleFactory(name="West Yorkshire group leaders", slug="west-yorkshire")
    circle_member_make(circle, scene.person, moderator=True)
    peer = circle_member_make(circle, UserFactory(email="peer@example.org", name="Pat Peer"))
    thread = thread_start(circle=circle, actor=peer, title="Room hire", body="Where do you meet?")
    hidden = reply_post(thread=thread, actor=peer, body="Buy my course")
    reply_hide(reply=hidden, actor=scene.person, reason="No selling here")
    reported = reply_post(thread=thread, actor=peer, body="The library is free.")
    reply_report(reply=reported, actor=scene.person, reason="Checking")
    _meetup(circle, scene.person)
    return circle, thread, reported


def _meetup(circle, moderator) -> None:
    import datetime

    from django.utils import timezone

    from flourish.learning.services.meetups import meetup_add

    starts = timezone.now() + datetime.timedelta(days=7)
    meetup_add(
        circle=circle,
        actor=moderator,
        title="Tea and a catch-up",
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=1),
        where="Leeds Central Library",
        details="Room 2, up the stairs or in the lift.",
    )


def _invitation(scene: Scene) -> str:
    from flourish.accounts.factories import UserFactory
    from flourish.learning.factories import CircleFactory, circle_member_make
    from flourish.learning.services.meetups import circle_invite

    circle = CircleFactory(name="South Asian women's groups", slug="saw", open_to_join=False)
    host = circle_member_make(circle, UserFactory(email="host@example.org"), moderator=True)
    invitation = circle_invite(circle=circle, actor=host, email=scene.person.email)
    return reverse("learning:invitation", args=[invitation.secret])


def _shared(scene: Scene) -> str:
    """The administrator persona is also a funder's associate, and a group shared with it."""
    from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
    from flourish.accounts.models import OrganisationKind, Role
    from flourish.learning.health import QUESTIONS
    from flourish.learning.services.support import (
        health_check_record,
        health_check_share,
        support_organisation_choose,
    )

    funder = OrganisationFactory(kind=OrganisationKind.FUNDER, name="Community Minds Fund")
    MembershipFactory(user=scene.person, organisation=funder, role=Role.ASSOCIATE)
    group = OrganisationFactory(kind=OrganisationKind.GROUP, name="Hearing Voices Leeds")
    lead = UserFactory(email="lead@example.org")
    MembershipFactory(user=lead, organisation=group, role=Role.GROUP_LEAD)
    support_organisation_choose(group=group, actor=lead, organisation=funder)
    check = health_check_record(
        group=group, actor=lead, answers={q.key: "partly" for q in QUESTIONS}
    )
    health_check_share(check=check, actor=lead, organisation=funder)
    return reverse("learning:shared_health_checks")


def _thread(scene: Scene) -> str:
    circle, thread, _reply = _circle(scene)
    return reverse("learning:thread", args=[circle.slug, thread.pk])


def _thread_hide(scene: Scene) -> str:
    circle, thread, _reply = _circle(scene)
    return reverse("learning:thread_hide", args=[circle.slug, thread.pk])


PAGES = [
    Page("guides", ANONYMOUS, lambda scene: reverse("learning:index")),
    Page("a guide", ANONYMOUS, _guide),
    Page("a group's page", MEMBER, _group),
    Page("health check", MEMBER, lambda s: reverse("learning:health_check", args=[s.group.slug])),
    Page("health check answers", MEMBER, _health_answers),
    Page("ask for support", MEMBER, lambda s: reverse("learning:support_ask", args=[s.group.slug])),
    Page("circles", MEMBER, lambda scene: (_circle(scene), reverse("learning:circles"))[1]),
    Page("a circle", MEMBER, lambda s: reverse("learning:circle", args=[_circle(s)[0].slug])),
    Page("a conversation", MEMBER, _thread),
    Page(
        "reported replies",
        MEMBER,
        lambda s: reverse("learning:circle_reports", args=[_circle(s)[0].slug]),
    ),
    Page(
        "write guides", ADMINISTRATOR, lambda scene: (_guide(scene), reverse("learning:write"))[1]
    ),
    Page(
        "write a guide in Urdu",
        ADMINISTRATOR,
        lambda s: reverse("learning:guide_edit", args=[_guide(s).split("/")[-2], "ur"]),
    ),
    Page("support requests", ADMINISTRATOR, lambda scene: reverse("learning:support_list")),
    Page("health checks shared with you", ADMINISTRATOR, _shared),
    Page(
        "add a meet-up",
        MEMBER,
        lambda s: reverse("learning:meetup_new", args=[_circle(s)[0].slug]),
    ),
    Page(
        "invite someone to a circle",
        MEMBER,
        lambda s: reverse("learning:circle_invite", args=[_circle(s)[0].slug]),
    ),
    Page("hide a conversation", MEMBER, _thread_hide),
    Page("an invitation to a circle", MEMBER, _invitation),
]
