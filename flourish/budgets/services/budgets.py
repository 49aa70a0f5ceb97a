"""A council records a person's budget and plan; each period's money arrives once."""

import datetime
import logging
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.accounts.models import Organisation, OrganisationKind, User
from flourish.budgets import events
from flourish.budgets.models import Budget, PaidPeriod, SpendingKind, SupportPlan
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import account_open, transaction_post

logger = logging.getLogger(__name__)


def council_account_open(*, council: Organisation) -> LedgerAccount:
    """Where the council's money for personal budgets comes from. The council's own funds
    are outside Flourish, so the account has no floor: it shows what the council has paid."""
    return account_open(
        owner=council,
        purpose="personal-budgets-paid",
        unit=Unit.GBP,
        name=_("%(council)s personal budgets") % {"council": council.name},
        floor=None,
    )


# Far above any real personal budget, so a slip of the keyboard ("2500000" for 25,000.00)
# is caught, and far below what a ledger balance can hold over a budget's whole life.
LARGEST_PERIOD_PENCE = 100_000_00
# A budget is reviewed long before this; the council records a new one then.
LONGEST_YEARS = 10


def _years_after(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February, in a year that has none
        return day.replace(year=day.year + years, day=28)


def budget_record(
    *,
    council: Organisation,
    person: User,
    amount_pence: int,
    period: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
    held_as: str,
    held_by: str = "",
    actor: Any,
) -> Budget:
    """A council records a personal budget for a person: how much, how often, from when, and
    how it is held. The money arrives period by period (see `budget_periods_pay`)."""
    if council.kind != OrganisationKind.COUNCIL:
        raise ValidationError(_("Only a council can record a personal budget."))
    if amount_pence is None or amount_pence <= 0:
        raise ValidationError({"amount_pence": _("Enter an amount more than £0, for example 250.")})
    if amount_pence > LARGEST_PERIOD_PENCE:
        raise ValidationError(
            {
                "amount_pence": _("Enter an amount up to %(most)s each period.")
                % {"most": format_pence(LARGEST_PERIOD_PENCE)}
            }
        )
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The end date must be on or after the start date.")})
    if ends_on is not None and ends_on > _years_after(starts_on, LONGEST_YEARS):
        raise ValidationError(
            {
                "ends_on": _("The end date must be within %(years)s years of the start date.")
                % {"years": LONGEST_YEARS}
            }
        )
    with transaction.atomic():
        budget = Budget(
            council=council,
            person=person,
            amount_pence=amount_pence,
            period=period,
            starts_on=starts_on,
            ends_on=ends_on,
            held_as=held_as,
            held_by=held_by.strip(),
            recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        budget.full_clean()
        budget.save()
        budget.account = account_open(
            owner=budget,
            purpose="personal-budget",
            unit=Unit.GBP,
            name=_("Personal budget of %(person)s") % {"person": person.get_full_name()},
        )
        budget.save(update_fields=["account", "updated_at"])
        SupportPlan.objects.create(budget=budget)
        audit_record(
            actor=actor,
            action=events.BUDGET_RECORDED,
            target=budget,
            data={"amount_pence": amount_pence, "period": period, "held_as": held_as},
        )
    return budget


def plan_save(
    *,
    budget: Budget,
    what_matters: str,
    outcomes: str,
    not_paid_for: str,
    spending_kinds: list[tuple[str, int | None, int | None]],
    actor: Any,
) -> SupportPlan:
    """The support plan is the person's own words; the agreed kinds of spending each have
    an amount each period or a share of the budget, and shares add up to no more than all."""
    shares = sum(share or 0 for _name, _amount, share in spending_kinds)
    if shares > 100:
        raise ValidationError(
            _("The shares add up to %(total)s%%. Make them add up to 100%% or less.")
            % {"total": shares}
        )
    for name, amount, share in spending_kinds:
        if not name.strip() or (amount is None and share is None):
            raise ValidationError(
                _(
                    "Give each kind of spending a name and an amount or a share, for example "
                    "“Peer support groups, £40”."
                )
            )
    with transaction.atomic():
        plan, _created = SupportPlan.objects.get_or_create(budget=budget)
        plan.what_matters = what_matters.strip()
        plan.outcomes = outcomes.strip()
        plan.not_paid_for = not_paid_for.strip()
        plan.full_clean()
        plan.save()
        plan.spending_kinds.all().delete()
        for name, amount, share in spending_kinds:
            kind = SpendingKind(
                plan=plan, name=name.strip(), amount_pence=amount, share_percent=share
            )
            kind.full_clean()
            kind.save()
        audit_record(actor=actor, action=events.PLAN_SAVED, target=budget)
    return plan


def period_pay(*, budget: Budget, number: int) -> PaidPeriod:
    """One period's money arrives as one ledger transaction; its key names the budget and the
    period, so a second run, a retry or two workers at once pay it only once."""
    starts_on = budget.period_start(number)
    if budget.account is None:
        raise ValidationError(_("This budget has no account yet."))
    key = f"budget:{budget.pk}:period:{number}"
    with transaction.atomic():
        posted = transaction_post(
            idempotency_key=key,
            lines=[
                (council_account_open(council=budget.council), -budget.amount_pence),
                (budget.account, budget.amount_pence),
            ],
            description=Described(
                gettext_noop("Personal budget for the period from %(day)s"), {"day": starts_on}
            ),
            actor=None,
        )
        paid = PaidPeriod.objects.filter(budget=budget, number=number).first()
        if paid is not None:
            return paid
        try:
            with transaction.atomic():
                paid = PaidPeriod.objects.create(
                    budget=budget, number=number, starts_on=starts_on, transaction=posted
                )
        except IntegrityError:
            return PaidPeriod.objects.get(budget=budget, number=number)
        audit_record(
            actor=None,
            action=events.PERIOD_PAID_IN,
            target=budget,
            data={"number": number, "amount": format_pence(budget.amount_pence)},
        )
    return paid


def contributions_pay(*, budget: Budget, number: int) -> int:
    from flourish.budgets.services.pools import contributions_pay as pay

    return pay(budget=budget, number=number)


def budget_periods_pay(*, today: datetime.date) -> int:
    """Run daily: every budget gets each period that has begun by today and is not yet paid,
    so a missed run catches up. Returns how many periods were paid."""
    paid = 0
    budgets = Budget.objects.filter(starts_on__lte=today, account__isnull=False).select_related(
        "council", "account"
    )
    for budget in budgets.iterator(chunk_size=500):
        try:
            paid += _periods_pay(budget=budget, today=today)
        except Exception:
            # One budget that cannot be paid must not stop every other budget's money:
            # it is logged for the operator and tried again on the next run.
            logger.exception("Budget %s: its periods could not be paid", budget.pk)
    return paid


def _periods_pay(*, budget: Budget, today: datetime.date) -> int:
    latest = budget.period_for(min(today, budget.ends_on or today))
    if latest is None:
        return 0
    done = set(budget.paid_periods.values_list("number", flat=True))
    paid = 0
    for number in range(latest + 1):
        if number not in done:
            period_pay(budget=budget, number=number)
            contributions_pay(budget=budget, number=number)
            paid += 1
    return paid


def person_find_or_add(*, email: str, name: str) -> User:
    """The person with this email, or a new account for them to sign in to by emailed code."""
    found = User.objects.filter(email__iexact=email.strip()).first()
    if found is not None:
        return found
    return User.objects.create_user(email.strip(), name=name.strip())
