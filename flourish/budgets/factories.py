"""Factories for councils, their staff and personal budgets, used by tests and the demo data.

Budgets made here go through the service, so each has its ledger account and plan.
"""

import datetime
from typing import Any

from flourish.accounts.factories import (
    AuthenticatorFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from flourish.accounts.models import Organisation, OrganisationKind, Role, User
from flourish.budgets.models import Budget, HeldAs, Period
from flourish.budgets.services.budgets import budget_record


def council_make(name: str = "Leeds City Council", slug: str | None = None) -> Organisation:
    fields: dict[str, Any] = {"name": name, "kind": OrganisationKind.COUNCIL}
    if slug:
        fields["slug"] = slug
    return OrganisationFactory(**fields)


def council_staff_make(
    council: Organisation, user: User | None = None, *, authenticator: bool = True
) -> User:
    """Someone who works on personal budgets at the council, with two-step sign-in: with
    an authenticator app, unless they are to set it up themselves (as in the demo)."""
    person = user or UserFactory()
    MembershipFactory(user=person, organisation=council, role=Role.FUNDER_STAFF)
    if authenticator:
        AuthenticatorFactory(user=person)
    return person


def budget_make(
    *,
    council: Organisation | None = None,
    person: User | None = None,
    amount_pence: int = 40_000,
    period: str = Period.MONTHLY,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    held_as: str = HeldAs.DIRECT_PAYMENT,
    held_by: str = "",
) -> Budget:
    council = council or council_make()
    holder: User = person or UserFactory()  # type: ignore[assignment]
    MembershipFactory(user=holder, organisation=council, role=Role.BUDGET_HOLDER)
    return budget_record(
        council=council,
        person=holder,
        amount_pence=amount_pence,
        period=period,
        starts_on=starts_on or datetime.date(2026, 1, 1),
        ends_on=ends_on,
        held_as=held_as,
        held_by=held_by,
        actor=None,
    )


def budget_offer_make(
    *,
    group: Organisation,
    price_pence: int = 2_000,
    name: str = "Peer support group",
    **fields: Any,
) -> Any:
    """A group's offer with a set price that takes personal budgets."""
    from flourish.directory.factories import ListingFactory, OfferFactory

    listing = getattr(group, "listing", None) or ListingFactory(organisation=group, name=group.name)
    return OfferFactory(
        listing=listing,
        name=name,
        cost="price",
        price_pence=price_pence,
        price_unit="per session",
        personal_budget=True,
        **fields,
    )
