"""The sweep's personal budgets: the group member holds a budget from the route council,
whose staff include the funder's staff member; the group lead's group sells sessions that
take personal budgets."""

import datetime
from typing import Any

from flourish.accounts.factories import MembershipFactory
from flourish.accounts.models import Role
from flourish.budgets.factories import budget_make, council_make
from flourish.budgets.services.budgets import budget_periods_pay


def add_budgets(things: dict[str, Any], people: dict[str, Any], staff: str, member: str) -> None:
    council = council_make("Route Council", slug="route-council")
    MembershipFactory(user=people[staff], organisation=council, role=Role.FUNDER_STAFF)
    budget = budget_make(council=council, person=people[member], amount_pence=50_000)
    budget_periods_pay(today=datetime.date(2026, 1, 2))
    things.update(council=council, budget=budget)
