"""Reads for personal budgets: finding a budget for a person (404 for anyone else), the
person's home page in plain words, and the council's list. Each uses a fixed number of
queries whatever the data size."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role
from flourish.budgets.models import Budget

# Council staff are people with the funder-staff role at an organisation of kind council:
# like a funder's staff, they commission support and read sensitive records (with two-step
# sign-in).
COUNCIL_ROLES = (Role.FUNDER_STAFF, Role.ADMINISTRATOR)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def councils_for_user(*, user: Any) -> QuerySet[Organisation]:
    """The councils a person works for."""
    if not _signed_in(user):
        return Organisation.objects.none()
    return Organisation.objects.filter(
        kind=OrganisationKind.COUNCIL,
        memberships__user=user,
        memberships__role__in=COUNCIL_ROLES,
    ).distinct()


def get_council_for_user(*, user: Any, slug: str) -> Organisation:
    """A council the person works for; 404 for anyone else."""
    council = councils_for_user(user=user).filter(slug=slug).first()
    if council is None:
        raise Http404
    return council


@dataclass(frozen=True)
class Access:
    """How a person stands to one budget: its holder, its council's staff, or a broker."""

    budget: Budget
    is_person: bool
    is_council: bool
    broker: Any = None

    @property
    def can_book(self) -> bool:
        return self.is_person or (self.broker is not None and self.broker.may_book)


def get_budget_for_user(*, user: Any, pk: int) -> Access:
    """The budget, for its holder, their council's staff, or a broker they chose while the
    consent lasts; 404 for everyone else."""
    if not _signed_in(user):
        raise Http404
    budget = Budget.objects.select_related("council", "person", "account").filter(pk=pk).first()
    if budget is None or budget.account is None:
        raise Http404
    is_person = budget.person_id == user.pk
    is_council = Membership.objects.filter(
        user=user, organisation_id=budget.council_id, role__in=COUNCIL_ROLES
    ).exists()
    broker = _broker_consent(budget, user)
    if not (is_person or is_council or broker is not None):
        raise Http404
    return Access(budget=budget, is_person=is_person, is_council=is_council, broker=broker)


def _broker_consent(budget: Budget, user: Any) -> Any:
    return None


def budgets_for_person(*, user: Any) -> QuerySet[Budget]:
    if not _signed_in(user):
        return Budget.objects.none()
    return Budget.objects.filter(person=user, account__isnull=False).select_related(
        "council", "account"
    )


@dataclass
class HomeSummary:
    """The person's budget in plain words."""

    balance: int
    left: int
    booked: int
    next_payment_on: datetime.date | None
    next_payment: int
    to_do: list[str] = field(default_factory=list)


def budget_home(*, budget: Budget, today: datetime.date) -> HomeSummary:
    """What is left to spend, what is booked, what is coming in and what needs doing."""
    assert budget.account is not None
    balance = budget.account.balance
    booked = 0
    number = budget.period_for(today)
    upcoming = 0 if number is None and today < budget.starts_on else (number or 0) + 1
    next_on: datetime.date | None = budget.period_start(upcoming)
    if budget.ends_on is not None and next_on is not None and next_on > budget.ends_on:
        next_on = None
    return HomeSummary(
        balance=balance,
        left=balance - booked,
        booked=booked,
        next_payment_on=next_on,
        next_payment=budget.amount_pence if next_on else 0,
    )


def council_budgets(*, council: Organisation) -> QuerySet[Budget]:
    """The council's budgets with their holders and balances, in one query per page."""
    return Budget.objects.filter(council=council).select_related("person", "account").order_by("id")


def budgets_acting_for(*, user: Any) -> QuerySet[Budget]:
    """Budgets whose holders have asked this person to act for them, while consent lasts."""
    return Budget.objects.none()


def groups_taking_bookings(*, user: Any) -> QuerySet[Organisation]:
    """The groups this person leads that take bookings paid from personal budgets."""
    return Organisation.objects.none()
