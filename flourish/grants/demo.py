"""Demo grants: an NSUN-like fund with 88 awards and a Leeds-like two-tier scheme.
Every group and person is made up. Safe to run again: a programme that already has
applications is left as it is."""

import datetime
from itertools import cycle, islice
from typing import TextIO

from django.utils import timezone
from django.utils.text import slugify

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import Organisation, OrganisationKind, Role, User
from flourish.grants.factories import (
    ApplicationFactory,
    AwardFactory,
    EligibilityQuestionFactory,
    GroupFactory,
    ProgrammeFactory,
    SpendLineFactory,
)
from flourish.grants.models import (
    AcceptanceMethod,
    Application,
    ApplicationStatus,
    Award,
    Conversation,
    Decision,
    DecisionOutcome,
    GrantReport,
    HeldMoneyKind,
    HoldingPartnership,
    Panel,
    PlanningSession,
    Programme,
    Recommendation,
    ReportSpend,
    SiftResult,
    Stage,
)
from flourish.grants.services.decisions import award_accept
from flourish.grants.services.holding import held_money_move
from flourish.grants.services.payments import award_pay

FUNDER_SLUG = "community-minds-fund"
PEOPLE = {
    "funder@example.org": ("Grace Funder", Role.FUNDER_STAFF),
    "associate@example.org": ("Dev Associate", Role.ASSOCIATE),
    "panel@example.org": ("Ruth Panel", Role.PANEL_MEMBER),
}
PLACES = [
    "Leeds",
    "Bradford",
    "Hackney",
    "Kirklees",
    "Sheffield",
    "Bristol",
    "Norwich",
    "Leicester",
    "Croydon",
    "Sunderland",
    "Plymouth",
    "Wirral",
    "Hull",
    "Oldham",
    "Luton",
    "Exeter",
]
KINDS = [
    "Hearing Voices Group",
    "Peer Support Circle",
    "Mutual Aid Network",
    "Women's Wellbeing Group",
    "Men's Shed",
    "Recovery Café",
    "Radio Collective",
    "Walk and Talk",
]
AMOUNTS = [200_000, 150_000, 120_000, 80_000, 175_000, 100_000, 135_000, 95_000]
COMMUNITIES = [
    "People who hear voices",
    "South Asian women",
    "Young Black men",
    "LGBTQ+ people, young people",
    "Older people living alone",
    "",
]
SPENDING = [
    ("Technology to keep in touch", "A year of video calls for our weekly group"),
    ("Things to distribute", "Craft packs posted to members"),
    ("Outside facilitators for online sessions", "A sessional worker to run online yoga"),
    ("Petrol and phone bills", "Phone top-ups so we can ring members who live alone"),
    ("Launching new online things", "Adverts for our new online evening group"),
    ("Radio and broadcasting", "A weekly radio show in Urdu about wellbeing"),
    ("Other practical help", "Two months' rent on a storage lock-up"),
    ("Technology for remote working", "A laptop for the group's coordinator"),
]


# The Leeds scheme pays for trying out and growing an idea, not the Covid fund's list.
KICK_START_CATEGORIES = [
    "Trying the idea out",
    "Room hire",
    "Materials and equipment",
    "Publicity",
    "Travel and volunteers' expenses",
]
INVESTMENT_CATEGORIES = [
    "Staff and sessional workers",
    "Equipment",
    "Premises",
    "Business support and training",
    "Publicity",
]
PARTNER_EMAIL = "partner@example.org"

# Why the fund gave each grant, as staff would write it to the group.
AWARD_REASONS = [
    "You reach people who live alone and have nobody else to talk to, and your members "
    "shaped the plan. It is a small sum that keeps something good going.",
    "Your group is run by people who know what it is like, and the call with our associate "
    "showed a clear plan for the money and people already waiting to take part.",
    "Nobody else near you does this, and the people it is for asked for it. We liked that "
    "you will try it out and tell us honestly how it went.",
    "You have kept going with no money at all, so a little will go a long way. The costs "
    "are sensible and you know exactly what each one is for.",
]
# What a declined group reads: the reason, then feedback it can use next time.
DECLINES = [
    (
        "We had far more good applications than money this round, and the panel chose "
        "groups that had no other funding at all.",
        "Your idea is a good one. Next time, tell us how many people have asked for it and "
        "say a little more about who will run each session. Do apply again.",
    ),
    (
        "Most of the money you asked for was for a paid worker, and this fund pays for "
        "activities rather than wages.",
        "The activities themselves sound right for your members. Ask for the sessions, room "
        "hire and travel, and talk to our associate before you apply.",
    ),
]
# Reports back, in the groups' own words.
REPORTS = [
    "We met online every week; people who had stopped coming came back.",
    "The phones made the difference: three members who never joined before now ring in "
    "every Tuesday. We spent a bit less on data than we planned.",
    "It was harder than we thought to get people started, so we ran two practice calls "
    "first. By the end, twenty people came most weeks.",
    "The craft packs went to everyone on our list. Several people said it was the first "
    "post they had had in months.",
]


def build(stdout: TextIO) -> None:
    funder = _funder_with_people()
    nsun = _keep_connected(funder, stdout)
    open_round = _open_round(funder)
    kick_start, investment = _ideas_that_change_lives(funder, stdout)
    _holding_partner(funder, kick_start)
    for programme in (nsun, open_round, kick_start, investment):
        awarded = sum(award.amount_pence for award in programme.awards.all())
        stdout.write(
            f"Grants: {programme.title}: {programme.applications.count()} applications, "
            f"{programme.awards.count()} awards, £{awarded // 100:,} awarded."
        )


def _funder_with_people() -> Organisation:
    funder, _created = Organisation.objects.get_or_create(
        slug=FUNDER_SLUG, defaults={"name": "Community Minds Fund", "kind": OrganisationKind.FUNDER}
    )
    for email, (name, role) in PEOPLE.items():
        MembershipFactory(user=UserFactory(email=email, name=name), organisation=funder, role=role)
    return funder


def _groups(count: int, start: int = 0) -> list[Organisation]:
    names = [f"{place} {kind}" for kind in KINDS for place in PLACES]
    groups = []
    for number, name in enumerate(names[start : start + count], start=start):
        charity = f"11{number:05d}" if number % 9 == 0 else ""
        groups.append(GroupFactory(name=name, slug=f"demo-{slugify(name)}", charity_number=charity))
    return groups


def _application(
    programme: Programme, group: Organisation, status: str, day: datetime.date, amount: int
) -> Application:
    category, what = SPENDING[group.pk % len(SPENDING)]
    place = group.name.split(" ")[0]
    submitted = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))
    application = ApplicationFactory(
        programme=programme,
        group=group,
        submitted_by=UserFactory(email=f"{group.slug}@example.org", name=f"Lead of {group.name}"),
        status=status,
        local_authority=place,
        communities=COMMUNITIES[group.pk % len(COMMUNITIES)],
        what_you_want_to_do=what + ".",
        submitted_at=None if status == ApplicationStatus.DRAFT else submitted,
        amount_requested_pence=amount,
    )
    SpendLineFactory(
        application=application,
        category=programme.categories.filter(name=category).first() or programme.categories.first(),
        description=what,
        amount_pence=amount,
    )
    return application


def _keep_connected(funder: Organisation, stdout: TextIO) -> Programme:
    staff = UserFactory(email="funder@example.org")
    programme = ProgrammeFactory(
        slug="keep-connected-fund",
        funder=funder,
        title="Keep Connected Fund",
        description=(
            "Small grants, fast, for user-led groups keeping people connected while they "
            "cannot meet. Spend it now and tell us what happened."
        ),
        who_can_apply="User-led, peer and mutual aid groups in England. No bank account, "
        "constitution or registration needed.",
        max_grant_pence=200_000,
        budget_pence=12_000_000,
        opens_on=datetime.date(2026, 4, 1),
        closes_on=datetime.date(2026, 5, 31),
        identifier_prefix="communityminds",
    )
    if programme.applications.exists():
        return programme
    EligibilityQuestionFactory(programme=programme, position=1)
    first_day = datetime.date(2026, 4, 2)
    for number, (group, amount) in enumerate(zip(_groups(88), cycle(AMOUNTS), strict=False)):
        day = first_day + datetime.timedelta(days=number % 50)
        application = _application(programme, group, ApplicationStatus.AWARDED, day, amount)
        award = AwardFactory(
            application=application,
            programme=programme,
            amount_pence=amount,
            decided_by=staff,
            awarded_on=day + datetime.timedelta(days=9),
            report_due_on=day + datetime.timedelta(days=99),
        )
        _decided(application, staff, AWARD_REASONS[number % len(AWARD_REASONS)])
        # Dated as a fast fund works: decided in nine days, paid three days later.
        sent = application.submitted_at
        assert sent is not None  # _application sends every awarded application
        decided = sent + datetime.timedelta(days=9)
        Application.objects.filter(pk=application.pk).update(decided_at=decided)
        if number < 70:  # the rest are still waiting for their money
            _accepted(award, application, decided + datetime.timedelta(days=1))
            # Every tenth group asked the fund to pay its supplier directly.
            award_pay(
                award=award,
                actor=staff,
                idempotency_key=f"demo:keep-connected:{number}",
                to_supplier=number % 10 == 0,
                supplier_name="Keep Talking Mobiles Ltd",
                supplier_for="phones and data for members",
            )
            paid = decided + datetime.timedelta(days=3)
            Application.objects.filter(pk=application.pk).update(paid_at=paid)
    _undecided(programme, staff, _groups(8, start=88), first_day)
    _panel_and_reports(programme, staff)
    return programme


def _accepted(award: Award, application: Application, when: datetime.datetime) -> None:
    """The group accepted its grant online, as most do, before it was paid."""
    Award.objects.filter(pk=award.pk).update(
        accepted_at=when, accepted_how=AcceptanceMethod.ONLINE, accepted_by=application.submitted_by
    )


def _decided(application: Application, staff: User, reasons: str, feedback: str = "") -> Decision:
    """The decision behind an award or a decline, with the reasons the group reads."""
    return Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.DECLINE if feedback else DecisionOutcome.AWARD,
        reasons=reasons,
        feedback=feedback,
        decided_by=staff,
    )


def _panel_and_reports(programme: Programme, staff: User) -> None:
    """A panel with the demo panel member on it, and reports back from some paid groups."""
    panel_member = UserFactory(email="panel@example.org")
    panel = Panel.objects.create(
        programme=programme, title="May panel", meets_on=datetime.date(2026, 5, 20), quorum=1
    )
    panel.members.set([panel_member, staff])
    first_category = programme.categories.first()
    associate = UserFactory(email="associate@example.org")
    paid = programme.awards.filter(paid_pence__gt=0).select_related("application__submitted_by")
    for number, award in enumerate(paid.order_by("id")[:40]):
        # Most groups write their own; every fifth told the associate on a call instead.
        by_call = number % 5 == 4
        report = GrantReport.objects.create(
            award=award,
            recorded_by=associate if by_call else award.application.submitted_by,
            recorded_from_call=by_call,
            what_happened=REPORTS[number % len(REPORTS)],
            people_reached=12 + award.pk % 20,
        )
        ReportSpend.objects.create(
            report=report, category=first_category, amount_pence=award.paid_pence
        )


def _undecided(
    programme: Programme, staff: User, groups: list[Organisation], day: datetime.date
) -> None:
    associate = UserFactory(email="associate@example.org")
    statuses = islice(
        cycle(
            [
                ApplicationStatus.SUBMITTED,
                ApplicationStatus.IN_REVIEW,
                ApplicationStatus.SHORTLISTED,
                ApplicationStatus.NOT_ELIGIBLE,
                ApplicationStatus.DECLINED,
            ]
        ),
        len(groups),
    )
    for number, (group, status) in enumerate(zip(groups, statuses, strict=True)):
        application = _application(programme, group, status, day, 150_000)
        if status != ApplicationStatus.SUBMITTED:
            SiftResult.objects.create(
                application=application,
                sifted_by=staff,
                eligible=status != ApplicationStatus.NOT_ELIGIBLE,
                decline_message="Thank you for applying. We can only fund user-led groups.",
                feedback=(
                    "From what you wrote, the group is run for people rather than by them. "
                    "If people with lived experience lead it, tell us how, and apply again."
                ),
                signposts="Your local council for voluntary service may know of other funds.",
            )
        if status == ApplicationStatus.DECLINED:
            reasons, feedback = DECLINES[number % len(DECLINES)]
            _decided(application, staff, reasons, feedback)
        if status in (ApplicationStatus.IN_REVIEW, ApplicationStatus.SHORTLISTED):
            Application.objects.filter(pk=application.pk).update(associate=associate)
            Conversation.objects.create(
                application=application,
                associate=associate,
                kind="phone",
                happened_on=day,
                notes="Friendly call; a clear plan and a real need.",
            )
        if status == ApplicationStatus.SHORTLISTED:
            Recommendation.objects.create(
                application=application,
                author=associate,
                verdict="yes",
                background="Meets weekly; members shaped the plan.",
                suggested_amount_pence=150_000,
            )


def _organisers_application(programme: Programme) -> None:
    """The demo organiser's group has a draft waiting to be finished."""
    group = OrganisationFactory(slug="peer-support-bradford", name="Peer Support Bradford")
    organiser = UserFactory(email="organiser@example.org", name="Priya Organiser")
    MembershipFactory(user=organiser, organisation=group, role=Role.GROUP_LEAD)
    ApplicationFactory(
        programme=programme,
        group=group,
        submitted_by=organiser,
        status=ApplicationStatus.DRAFT,
        applicant_name=organiser.name,
        when="",
        local_authority="Bradford",
        submitted_at=None,
    )


def _open_round(funder: Organisation) -> Programme:
    """A round that is open today, whenever the demo is loaded, so a newcomer can apply."""
    today = timezone.localdate()
    programme = ProgrammeFactory(
        slug="keep-connected-winter-round",
        funder=funder,
        title="Keep Connected Fund: winter round",
        description=(
            "Small grants, fast, for user-led groups helping people stay connected through "
            "the winter. Spend it now and tell us what happened."
        ),
        who_can_apply="User-led, peer and mutual aid groups in England. No bank account, "
        "constitution or registration needed.",
        max_grant_pence=200_000,
        budget_pence=5_000_000,
        opens_on=today - datetime.timedelta(days=14),
        closes_on=today + datetime.timedelta(days=120),
        identifier_prefix="communityminds",
        contact_phone="0113 496 0001",
        contact_hours="Weekdays, 10am to 4pm",
    )
    if not programme.eligibility_questions.exists():
        EligibilityQuestionFactory(programme=programme, position=1)
    if not programme.applications.exists():
        _organisers_application(programme)
    return programme


def _holding_partner(funder: Organisation, programme: Programme) -> None:
    """The demo organiser's group has no bank account, so a holding partner holds its
    Kick-Start grant; part of it has been passed on already."""
    staff = UserFactory(email="funder@example.org")
    partner = OrganisationFactory(
        slug="leeds-community-voluntary-services",
        name="Leeds Community Voluntary Services",
        kind=OrganisationKind.HOLDING_PARTNER,
    )
    HoldingPartnership.objects.get_or_create(
        funder=funder, partner=partner, defaults={"added_by": staff}
    )
    MembershipFactory(
        user=UserFactory(email=PARTNER_EMAIL, name="Jo Partner"),
        organisation=partner,
        role=Role.HOLDING_PARTNER,
    )
    group = OrganisationFactory(slug="peer-support-bradford", name="Peer Support Bradford")
    if programme.applications.filter(group=group).exists():
        return
    organiser = UserFactory(email="organiser@example.org")
    application = _application(
        programme, group, ApplicationStatus.AWARDED, datetime.date(2026, 9, 12), 150_000
    )
    Application.objects.filter(pk=application.pk).update(submitted_by=organiser)
    award = AwardFactory(
        application=application,
        programme=programme,
        amount_pence=150_000,
        decided_by=staff,
        holding_partner=partner,
        awarded_on=datetime.date(2026, 9, 20),
        report_due_on=datetime.date(2026, 12, 20),
    )
    _decided(
        application,
        staff,
        "Your group is led by people who use it, and Kick-Start is for trying an idea out: "
        "weekly sessions in Bradford that members asked for are exactly that. Leeds "
        "Community Voluntary Services will hold the money, as you have no bank account yet.",
    )
    # Accepted through the service, as she did online, so the group's page offers the
    # guide to holding money without a bank account, as it would have at the time.
    award_accept(award=award, actor=organiser)
    accepted = timezone.make_aware(datetime.datetime(2026, 9, 21, 10))
    Award.objects.filter(pk=award.pk).update(accepted_at=accepted)
    award_pay(award=award, actor=staff, idempotency_key="demo:kick-start:held:1")
    held_money_move(
        award=award,
        actor=UserFactory(email=PARTNER_EMAIL),
        kind=HeldMoneyKind.PASSED_ON,
        amount_pence=50_000,
        description="Cash for the first month's sessions",
        idempotency_key="demo:kick-start:passed-on:1",
    )


def _ideas_that_change_lives(funder: Organisation, stdout: TextIO) -> tuple[Programme, Programme]:
    staff = UserFactory(email="funder@example.org")
    common = {
        "funder": funder,
        "identifier_prefix": "communityminds",
        "who_can_apply": "People and groups in Leeds with an idea that changes lives.",
        "opens_on": datetime.date(2026, 9, 1),
    }
    kick_start = ProgrammeFactory(
        slug="ideas-kick-start",
        categories=KICK_START_CATEGORIES,
        contact_phone="0113 496 0000",
        contact_hours="Monday to Thursday, 10am to 4pm",
        title="Ideas That Change Lives: Kick-Start",
        description="Up to £2,000 to try out an idea. Come to a planning session first.",
        max_grant_pence=200_000,
        budget_pence=2_000_000,
        closes_on=None,
        stages=[Stage.SIFT, Stage.FOLLOW_UP, Stage.DECISION],
        **common,
    )
    investment = ProgrammeFactory(
        slug="ideas-investment",
        categories=INVESTMENT_CATEGORIES,
        contact_phone="0113 496 0000",
        contact_hours="Monday to Thursday, 10am to 4pm",
        title="Ideas That Change Lives: Investment",
        description="£10,000 and business support for the six best ideas. Use the business "
        "plan template, online or on paper.",
        min_grant_pence=1_000_000,
        max_grant_pence=1_000_000,
        budget_pence=6_000_000,
        award_limit=6,
        business_plan_questions=[
            "What is your idea, in a few sentences?",
            "Who will use it, and how do you know they want it?",
            "What will the £10,000 pay for?",
            "What help with running it would make the biggest difference?",
        ],
        closes_on=datetime.date(2027, 1, 31),
        **common,
    )
    if not kick_start.applications.exists():
        day = datetime.date(2026, 9, 10)
        for number, group in enumerate(_groups(6, start=96)):
            status = ApplicationStatus.AWARDED if number < 3 else ApplicationStatus.SUBMITTED
            application = _application(kick_start, group, status, day, 180_000)
            if status == ApplicationStatus.AWARDED:
                AwardFactory(
                    application=application,
                    programme=kick_start,
                    amount_pence=180_000,
                    decided_by=staff,
                    awarded_on=day,
                )
                _decided(application, staff, AWARD_REASONS[number % len(AWARD_REASONS)])
    for tier in (kick_start, investment):  # both tiers tell people to come to one first
        if not tier.planning_sessions.exists():
            for days, place in ((14, "Leeds Civic Hall"), (28, "Online")):
                PlanningSession.objects.create(
                    programme=tier,
                    starts_at=timezone.now() + datetime.timedelta(days=days),
                    place=place,
                )
    if not investment.applications.exists():
        day = datetime.date(2026, 10, 1)
        statuses = [ApplicationStatus.SHORTLISTED] * 6 + [ApplicationStatus.IN_REVIEW] * 4
        for group, status in zip(_groups(10, start=102), statuses, strict=True):
            _application(investment, group, status, day, 1_000_000)
        _organisers_decline(investment, staff)
    return kick_start, investment


def _organisers_decline(investment: Programme, staff: User) -> None:
    """The demo organiser's group asked for an Investment grant too soon, and reads why not
    and what would help next time."""
    group = OrganisationFactory(slug="peer-support-bradford", name="Peer Support Bradford")
    application = _application(
        investment, group, ApplicationStatus.DECLINED, datetime.date(2026, 9, 5), 1_000_000
    )
    Application.objects.filter(pk=application.pk).update(
        submitted_by=UserFactory(email="organiser@example.org"),
        applicant_name="Priya Organiser",
        decided_at=timezone.make_aware(datetime.datetime(2026, 9, 19, 10)),
    )
    SiftResult.objects.create(application=application, sifted_by=staff, eligible=True)
    _decided(
        application,
        staff,
        "Investment grants are for ideas that have been tried and are ready to grow. Your "
        "sessions have not started yet, so the panel could not see how they would grow.",
        "The idea is a strong one, and members clearly want it. Try it out with a Kick-Start "
        "grant first, keep a note of who comes and what they say, and apply for Investment "
        "in the next round: that record is what the panel will look for.",
    )
