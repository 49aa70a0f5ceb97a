"""Brokers act for a budget holder only with their consent, within its limits: a monthly
amount, an end date, and never paying their own group (nobody approves their own spending)."""

import datetime
from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts.models import Membership, Organisation, User
from flourish.budgets import events
from flourish.budgets.models import Booking, BookingStatus, BrokerConsent, Budget
from flourish.core.formatting import format_day, format_pence
from flourish.core.services import audit_record
from flourish.core.tasks import email_send


def broker_invite(
    *,
    budget: Budget,
    broker: User,
    may_book: bool,
    may_vote: bool = False,
    monthly_limit_pence: int,
    ends_on: datetime.date,
    actor: Any,
) -> BrokerConsent:
    """Only the budget holder chooses a broker, what they may do, how much a month, and until
    when."""
    if actor is None or actor.pk != budget.person_id:
        raise ValidationError(_("Only the person whose budget it is can choose a broker."))
    if broker.pk == budget.person_id:
        raise ValidationError({"email": _("Enter someone else’s email address, not your own.")})
    if ends_on < timezone.localdate():
        raise ValidationError({"ends_on": _("Choose a date today or later.")})
    with transaction.atomic():
        consent = BrokerConsent(
            budget=budget,
            broker=broker,
            may_book=may_book,
            may_vote=may_vote,
            monthly_limit_pence=monthly_limit_pence,
            ends_on=ends_on,
            given_by=actor,
        )
        consent.full_clean()
        consent.save()
        audit_record(
            actor=actor,
            action=events.BROKER_INVITED,
            target=consent,
            data={"limit": monthly_limit_pence, "ends_on": ends_on.isoformat()},
        )
    return consent


def broker_withdraw(*, consent: BrokerConsent, actor: Any) -> BrokerConsent:
    """The person may withdraw a broker's consent at any time; it ends at once."""
    if actor is None or actor.pk != consent.budget.person_id:
        raise ValidationError(_("Only the person whose budget it is can withdraw consent."))
    with transaction.atomic():
        if consent.withdrawn_at is None:
            consent.withdrawn_at = timezone.now()
            consent.save(update_fields=["withdrawn_at", "updated_at"])
            audit_record(actor=actor, action=events.BROKER_WITHDRAWN, target=consent)
    return consent


def spent_by_broker_this_month(*, consent: BrokerConsent, today: datetime.date) -> int:
    """What the broker has booked from this budget this calendar month (not declined or
    cancelled)."""
    total: int = Booking.objects.filter(
        budget_id=consent.budget_id,
        booked_by_id=consent.broker_id,
        status__in=[BookingStatus.ASKED, BookingStatus.CONFIRMED],
        created_at__date__gte=today.replace(day=1),
    ).aggregate(total=Coalesce(Sum("amount_pence"), 0))["total"]
    return total


def broker_check_for(consent: BrokerConsent | None) -> Callable[..., None] | None:
    """The check a broker's booking must pass, run while the budget is locked (none when the
    person books for themselves)."""
    if consent is None:
        return None

    def check(budget: Budget, group: Organisation, amount: int) -> None:
        today = timezone.localdate()
        current = BrokerConsent.objects.get(pk=consent.pk)
        person = budget.person.get_full_name()
        if not current.is_active(today):
            raise ValidationError(
                _("%(person)s’s permission for you to book has ended. Ask them to renew it.")
                % {"person": person}
            )
        if not current.may_book:
            raise ValidationError(
                _("%(person)s has not asked you to book for them.") % {"person": person}
            )
        if Membership.objects.filter(user_id=current.broker_id, organisation=group).exists():
            raise ValidationError(
                _(
                    "You belong to %(group)s, so you cannot pay it from %(person)s’s budget. "
                    "Ask %(person)s to book it themselves."
                )
                % {"group": group.name, "person": person}
            )
        spent = spent_by_broker_this_month(consent=current, today=today)
        if spent + amount > current.monthly_limit_pence:
            raise ValidationError(
                _(
                    "This would take you over the %(limit)s a month %(person)s agreed: you have "
                    "booked %(spent)s this month. Book less, or ask %(person)s."
                )
                % {
                    "limit": format_pence(current.monthly_limit_pence),
                    "person": person,
                    "spent": format_pence(spent),
                }
            )

    return check


def broker_booking_tell(*, booking: Booking) -> None:
    """The person is told of each booking a broker makes for them."""
    person = booking.budget.person
    if not booking.by_broker or not person.email:
        return
    email_send.enqueue(
        to=[person.email],
        subject=_("%(broker)s booked %(offer)s for you")
        % {"broker": booking.booked_by.get_full_name(), "offer": booking.offer.name},
        body=_(
            "%(broker)s booked %(offer)s with %(group)s for you, from %(day)s, costing "
            "%(amount)s from your personal budget. If this is not what you wanted, you can "
            "cancel it from your budget page before the session."
        )
        % {
            "broker": booking.booked_by.get_full_name(),
            "offer": booking.offer.name,
            "group": booking.group.name,
            "day": format_day(booking.session_on),
            "amount": format_pence(booking.amount_pence),
        },
    )
