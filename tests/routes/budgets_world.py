"""The sweep's personal budgets: the group member holds a budget from the route council,
whose staff include the funder's staff member; the group lead's group sells sessions that
take personal budgets."""

import datetime
from typing import Any

from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.budgets.factories import budget_make, budget_offer_make, council_make
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.brokers import broker_invite
from flourish.budgets.services.budgets import budget_periods_pay


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
    things.update(
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
