"""The sweep's personal budgets: the group member holds a budget from the route council,
whose staff include the funder's staff member; the group lead's group sells sessions that
take personal budgets."""

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.budgets.factories import budget_make, budget_offer_make, council_make
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.brokers import broker_invite
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.budgets.services.outside import outside_spending_record
from flourish.budgets.services.pools import pool_form, pool_join, proposal_make, vote_cast
from flourish.budgets.services.statements import statement_month_make
from flourish.ledger.models import LedgerEntry


def add_budgets(
    things: dict[str, Any], people: dict[str, Any], group: Any, staff: str, member: str
) -> None:
    council = council_make("Route Council", slug="route-council")
    MembershipFactory(user=people[staff], organisation=council, role=Role.FUNDER_STAFF)
    person = people[member]
    budget = budget_make(council=council, person=person, amount_pence=50_000)
    budget_periods_pay(today=datetime.date(2026, 1, 2))
    offer = budget_offer_make(group=group, name="Route budget session")
    day = timezone.localdate() + datetime.timedelta(days=7)
    paid = booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=day, actor=person), actor=None
    )
    neighbour = budget_make(council=council, amount_pence=50_000)
    budget_periods_pay(today=datetime.date(2026, 1, 2))
    pool = pool_form(
        name="Route pool",
        purpose="Art",
        rule="majority",
        quorum=2,
        decide_days=7,
        budget=budget,
        contribution_pence=1_000,
        outcome="Go out",
        actor=person,
    )
    pool_join(
        pool=pool,
        budget=neighbour,
        contribution_pence=1_000,
        outcome="Paint",
        actor=neighbour.person,
    )
    member = pool.members.get(budget=budget)
    proposal = proposal_make(
        pool=pool, member=member, offer=offer, amount_pence=500, why="Paint", actor=person
    )
    agreed = proposal_make(
        pool=pool, member=member, offer=offer, amount_pence=300, why="Brushes", actor=person
    )
    vote_cast(proposal=agreed, member=member, in_favour=True, actor=person)
    vote_cast(
        proposal=agreed,
        member=pool.members.get(budget=neighbour),
        in_favour=True,
        actor=neighbour.person,
    )
    things["pool_proposal_paid"] = agreed
    pool_to_leave = pool_form(
        name="Route pool to leave",
        purpose="Walks",
        rule="consent",
        quorum=1,
        decide_days=7,
        budget=budget,
        contribution_pence=1_000,
        outcome="Walk",
        actor=person,
    )
    spending = outside_spending_record(
        budget=budget,
        amount_pence=500,
        spent_on=datetime.date(2026, 1, 2),
        spending_kind=None,
        what="Bus pass",
        token="route",
        actor=person,
    )
    spending.receipt.save("bus.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    things.update(
        monthly_statement=statement_month_make(
            council=council, period=timezone.localdate().strftime("%Y-%m")
        ),
        outside_spending=spending,
        statement_line=LedgerEntry.objects.filter(account_id=budget.account_id)
        .order_by("id")
        .first(),
        pool=pool,
        pool_proposal=proposal,
        pool_to_leave=pool_to_leave,
        council=council,
        budget=budget,
        budget_offer=offer,
        booking=paid,
        booking_to_cancel=booking_ask(budget=budget, offer=offer, session_on=day, actor=person),
        booking_to_answer=booking_ask(budget=budget, offer=offer, session_on=day, actor=person),
        broker_consent=broker_invite(
            budget=budget,
            broker=UserFactory(email="route.broker@example.org"),
            may_book=True,
            monthly_limit_pence=10_000,
            ends_on=day,
            actor=person,
        ),
    )
