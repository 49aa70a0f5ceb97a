"""Demo personal budgets: Bradford Council with 30 budget holders across the ways of holding
a budget, three brokers (an independent broker, a group acting as one, and a family
member), two pools (one with a proposal open for votes), and a year of bookings with
groups from the directory. Jo also has a weekly booking and spending recorded outside
Flourish, with a note on a line of this month's statement; the council has a threshold for
unspent money, its own columns for downloads, and last month's statements sent. All made
up; safe to run again."""

import datetime
import random
from typing import TextIO

from django.utils import timezone

from flourish.accounts.demo import demo_person
from flourish.accounts.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from flourish.accounts.models import Organisation, OrganisationKind, Role, User
from flourish.budgets.factories import budget_make, budget_offer_make, council_staff_make
from flourish.budgets.models import (
    Booking,
    Budget,
    HeldAs,
    Period,
    ProposalStatus,
    Repeat,
    SpendingKind,
    add_months,
)
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.brokers import broker_invite
from flourish.budgets.services.budgets import budget_periods_pay, plan_save
from flourish.budgets.services.councils import columns_save, threshold_set
from flourish.budgets.services.notes import statement_note_save
from flourish.budgets.services.outside import outside_spending_record
from flourish.budgets.services.pools import pool_form, pool_join, proposal_make, vote_cast
from flourish.budgets.services.statements import statement_month_make
from flourish.directory.models import CostKind, Listing, Offer
from flourish.ledger.models import LedgerEntry

COUNCIL_SLUG = "bradford-council"
HOLDERS = 30
BOOKINGS = 180
HELD = [
    HeldAs.DIRECT_PAYMENT,
    HeldAs.NOMINATED,
    HeldAs.MANAGED_ACCOUNT,
    HeldAs.SERVICE_FUND,
    HeldAs.COUNCIL_MANAGED,
]
GROUPS = 6


def build(stdout: TextIO) -> None:
    if Organisation.objects.filter(slug=COUNCIL_SLUG).exists():
        stdout.write("Personal budgets: Bradford Council is already there.")
        return
    rng = random.Random(10)
    today = timezone.localdate()
    council = OrganisationFactory(
        name="Bradford Council", slug=COUNCIL_SLUG, kind=OrganisationKind.COUNCIL
    )
    council_staff_make(
        council,
        demo_person(email="council@example.org", name="Kim Council"),
        authenticator=False,  # a newcomer signing in as Kim sets up their own
    )
    offers = _offers()
    holders = _holders(council, today, rng)
    budget_periods_pay(today=today)
    _bookings(holders, offers, today, rng)
    _brokers(holders, today)
    _pools(holders, offers)
    _repeating_and_outside(holders[0], offers, today)
    _council_choices(council, holders[0], today)
    stdout.write(
        f"Personal budgets: {council.name} with {HOLDERS} budget holders, 3 brokers, 2 pools, "
        "a year of bookings, a weekly booking, spending outside Flourish, a threshold for "
        "unspent money, the council's own columns and last month's statements sent (sign in "
        "as holder@example.org, broker@example.org or council@example.org)."
    )


def _offers() -> list[Offer]:
    """Groups from the directory that take personal budgets and can confirm bookings: the
    demo's own group, and a few directory groups given an organisation (as if claimed)."""
    organiser_group = Organisation.objects.get(slug="peer-support-bradford")
    offers = [
        budget_offer_make(group=organiser_group, name="Peer support session", price_pence=2_000),
        budget_offer_make(
            group=organiser_group,
            name="Ten-week art course",
            price_pence=15_000,
            sessions_per_price=10,
        ),
    ]
    offers[1].price_unit = "for 10 sessions"
    offers[1].save(update_fields=["price_unit"])
    listings = Listing.objects.filter(
        organisation__isnull=True, offers__personal_budget=True, offers__cost=CostKind.PRICE
    ).distinct()[:GROUPS]
    for listing in listings:
        group: Organisation = OrganisationFactory(name=listing.name, kind=OrganisationKind.GROUP)  # type: ignore[assignment]
        MembershipFactory(user=UserFactory(), organisation=group, role=Role.GROUP_LEAD)
        listing.organisation = group
        listing.save(update_fields=["organisation"])
        offers.extend(listing.offers.filter(personal_budget=True, cost=CostKind.PRICE))
    return offers


def _holders(council: Organisation, today: datetime.date, rng: random.Random) -> list[Budget]:
    holder = demo_person(email="holder@example.org", name="Jo Holder")
    people = [holder, *(UserFactory() for _n in range(HOLDERS - 1))]
    budgets = []
    for number, person in enumerate(people):
        held_as = HELD[number % len(HELD)]
        budget = budget_make(
            council=council,
            person=person,
            amount_pence=rng.choice([30_000, 40_000, 60_000, 80_000]),
            period=Period.MONTHLY if number % 4 else Period.FOUR_WEEKLY,
            starts_on=today - datetime.timedelta(days=365),
            held_as=held_as,
            held_by="Bradford Independent Living" if held_as != HeldAs.DIRECT_PAYMENT else "",
        )
        plan_save(
            budget=budget,
            what_matters="Being with people who understand, and getting out of the house.",
            outcomes="Go out twice a week\nSleep better\nTry something creative",
            not_paid_for="Anything a GP or the NHS already provides.",
            spending_kinds=[("Peer support groups", 8_000, None), ("Personal assistant", None, 50)],
            actor=person,
        )
        budgets.append(budget)
    return budgets


def _bookings(
    budgets: list[Budget], offers: list[Offer], today: datetime.date, rng: random.Random
) -> None:
    """A year of bookings: made through the services, then dated back to when the sessions
    were (booking a past date is refused, rightly, so the date is set afterwards)."""
    soon = today + datetime.timedelta(days=1)
    for number in range(BOOKINGS):
        budget = budgets[number % len(budgets)]
        offer = rng.choice(offers[:1] + offers[2:])
        booking = booking_ask(budget=budget, offer=offer, session_on=soon, actor=budget.person)
        group = offer.listing.organisation
        assert group is not None
        lead = group.memberships.filter(role=Role.GROUP_LEAD).first()
        booking_confirm(booking=booking, actor=lead.user if lead else None)
        past = today - datetime.timedelta(days=rng.randrange(7, 360))
        Booking.objects.filter(pk=booking.pk).update(session_on=past)
    # Jo has one session coming up, waiting for the group to confirm.
    booking_ask(
        budget=budgets[0],
        offer=offers[0],
        session_on=today + datetime.timedelta(days=5),
        actor=budgets[0].person,
    )


def _brokers(budgets: list[Budget], today: datetime.date) -> None:
    brokerage = OrganisationFactory(name="Bradford Brokerage", kind=OrganisationKind.GROUP)
    sam = demo_person(email="broker@example.org", name="Sam Broker")
    MembershipFactory(user=sam, organisation=brokerage, role=Role.BROKER)
    priya = User.objects.get(email="organiser@example.org")  # her group acts as a broker too
    family = demo_person(email="family@example.org", name="Ann Family")
    until = today + datetime.timedelta(days=90)
    for budget, broker, limit in (
        (budgets[0], sam, 10_000),
        (budgets[1], sam, 20_000),
        (budgets[2], priya, 5_000),
        (budgets[3], family, 8_000),
    ):
        broker_invite(
            budget=budget,
            broker=broker,
            may_book=True,
            may_vote=broker == sam,
            monthly_limit_pence=limit,
            ends_on=until,
            actor=budget.person,
        )


def _pools(budgets: list[Budget], offers: list[Offer]) -> None:
    art = pool_form(
        name="Tuesday art group",
        purpose="A weekly peer-led art group we all go to.",
        rule="majority",
        quorum=3,
        decide_days=14,
        budget=budgets[1],
        contribution_pence=3_000,
        outcome="Try something creative",
        actor=budgets[1].person,
    )
    for budget in (budgets[0], budgets[4], budgets[5], budgets[6]):
        pool_join(
            pool=art,
            budget=budget,
            contribution_pence=3_000,
            outcome="Try something creative",
            actor=budget.person,
        )
    members = {member.budget_id: member for member in art.members.all()}
    proposal = proposal_make(
        pool=art,
        member=members[budgets[1].pk],
        offer=offers[1],
        amount_pence=12_000,
        why="The ten-week art course, for all of us together.",
        outcomes="Try something creative; go out twice a week",
        actor=budgets[1].person,
    )
    for budget in (budgets[1], budgets[4]):
        vote_cast(proposal=proposal, member=members[budget.pk], in_favour=True, actor=budget.person)
    walking = pool_form(
        name="Saturday walking group",
        purpose="A walk and a café, led by peers.",
        rule="consent",
        quorum=1,
        decide_days=7,
        budget=budgets[7],
        contribution_pence=2_000,
        outcome="Go out twice a week",
        actor=budgets[7].person,
    )
    pool_join(
        pool=walking,
        budget=budgets[8],
        contribution_pence=2_000,
        outcome="Sleep better",
        actor=budgets[8].person,
    )
    walk_members = list(walking.members.all())
    done = proposal_make(
        pool=walking,
        member=walk_members[0],
        offer=offers[0],
        amount_pence=2_000,
        why="A peer-led walk in the spring.",
        actor=budgets[7].person,
    )
    for member in walk_members:
        vote_cast(proposal=done, member=member, in_favour=True, actor=member.budget.person)
    done.refresh_from_db()
    if done.status == ProposalStatus.PAID:
        done.what_happened = "Twelve of us walked to Shipley Glen and want to go again."
        done.save(update_fields=["what_happened", "updated_at"])


# The council's own columns for its finance system, as a newcomer might choose them.
DEMO_COLUMNS = [
    ("date", "Posted"),
    ("person", "Client name"),
    ("what", "Type"),
    ("kind", "Category"),
    ("net_pounds", "Amount (£)"),
    ("note", "Client's note"),
    ("over_threshold_pounds", "Unspent over threshold (£)"),
]


def _repeating_and_outside(jo: Budget, offers: list[Offer], today: datetime.date) -> None:
    """Jo books the peer support session every week for six weeks (the first paid when the
    group confirms), and records a bus pass and a personal assistant's wages paid outside
    Flourish."""
    group = offers[0].listing.organisation
    lead = group.memberships.filter(role=Role.GROUP_LEAD).first() if group else None
    weekly = booking_ask(
        budget=jo,
        offer=offers[0],
        session_on=today + datetime.timedelta(days=2),
        repeat=Repeat.WEEKLY,
        sessions=6,
        actor=jo.person,
    )
    booking_confirm(booking=weekly, actor=lead.user if lead else None)
    kinds = {kind.name: kind for kind in SpendingKind.objects.filter(plan__budget=jo)}
    for amount, what, kind in (
        (2_500, "Bus pass for the month", None),
        (6_000, "Personal assistant's wages for a week", kinds.get("Personal assistant")),
    ):
        outside_spending_record(
            budget=jo,
            amount_pence=amount,
            spent_on=today,
            spending_kind=kind,
            what=what,
            token=f"demo-{what}",
            actor=jo.person,
        )


def _council_choices(council: Organisation, jo: Budget, today: datetime.date) -> None:
    """A threshold of £500 for unspent money, the council's own columns, last month's
    statements sent, and Jo's note on a line of this month's (not sent yet)."""
    staff = User.objects.get(email="council@example.org")
    threshold_set(council=council, threshold_pence=50_000, actor=staff)
    columns_save(council=council, columns=DEMO_COLUMNS, actor=staff)
    statement_month_make(
        council=council, period=add_months(today.replace(day=1), -1).strftime("%Y-%m")
    )
    line = (
        LedgerEntry.objects.filter(
            account_id=jo.account_id, transaction__outside_spending__isnull=False
        )
        .select_related("transaction")
        .order_by("id")
        .first()
    )
    if line is not None:
        statement_note_save(
            budget=jo,
            entry=line,
            text="My bus pass, so I can get to the peer support group on my own.",
            actor=jo.person,
        )
