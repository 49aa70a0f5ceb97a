"""Bookings: a budget holder (or their broker) asks → the group confirms or declines → on
confirmation the money moves from the budget to the group, once; a cancellation before the
session reverses it.

Money asked for but not yet confirmed is already spoken for: a new booking may use only
what is left after the bookings waiting for groups. The budget's row is locked while that
is worked out, so twenty bookings at once against the last £50 cannot overspend it.
"""

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.budgets import events
from flourish.budgets.models import Booking, BookingStatus, Budget, SpendingKind
from flourish.budgets.selectors import waiting_total
from flourish.core.formatting import format_pence
from flourish.core.services import audit_record
from flourish.directory.models import CostKind, Offer
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.services import account_open, transaction_post, transaction_reverse

MAX_QUANTITY = 52


def group_account_open(*, group: Organisation) -> LedgerAccount:
    """Where a group's money from personal budgets lands."""
    return account_open(
        owner=group,
        purpose="personal-budget-income",
        unit=Unit.GBP,
        name=_("%(group)s: paid from personal budgets") % {"group": group.name},
    )


def _check_offer(offer: Offer) -> Organisation:
    if not offer.personal_budget or offer.cost != CostKind.PRICE or not offer.price_pence:
        raise ValidationError(
            _(
                "%(offer)s does not take personal budgets. Choose an offer marked “Can be paid "
                "for with a personal budget”."
            )
            % {"offer": offer.name}
        )
    group = offer.listing.organisation
    if group is None:
        raise ValidationError(
            _(
                "%(group)s has not taken on its listing in Flourish yet, so it cannot confirm "
                "bookings. Choose another group, or ask them to claim their listing."
            )
            % {"group": offer.listing.name}
        )
    return group


def booking_ask(
    *,
    budget: Budget,
    offer: Offer,
    session_on: datetime.date,
    quantity: int = 1,
    spending_kind: SpendingKind | None = None,
    share_name: bool = True,
    actor: Any,
    broker_check: Any = None,
) -> Booking:
    """A budget holder books an offer that takes personal budgets, for a session still to
    come, with no more than is left once the bookings waiting for groups are counted."""
    group = _check_offer(offer)
    if session_on < timezone.localdate():
        raise ValidationError(
            {"session_on": _("The date has passed. Choose a date today or later.")}
        )
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError(
            {"quantity": _("Book between 1 and %(most)s at a time.") % {"most": MAX_QUANTITY}}
        )
    if spending_kind is not None and spending_kind.plan.budget_id != budget.pk:
        raise ValidationError(_("Choose a kind of spending from this budget’s plan."))
    amount = int(offer.price_pence or 0) * quantity
    with transaction.atomic():
        # One booking at a time per budget: the lock holds until this transaction ends.
        locked = (
            Budget.objects.select_for_update(of=("self",))
            .select_related("account")
            .get(pk=budget.pk)
        )
        assert locked.account is not None
        left = LedgerAccount.objects.get(pk=locked.account.pk).balance - waiting_total(
            budget=locked
        )
        if amount > left:
            raise ValidationError(
                _(
                    "This costs %(amount)s but there is only %(left)s left to spend. Book fewer "
                    "sessions, or wait until the next money comes in."
                )
                % {"amount": format_pence(amount), "left": format_pence(max(left, 0))},
                code="not_enough",
            )
        if broker_check is not None:
            broker_check(locked, group, amount)
        booking = Booking(
            budget=locked,
            offer=offer,
            group=group,
            session_on=session_on,
            quantity=quantity,
            price_pence=int(offer.price_pence or 0),
            sessions_per_price=offer.sessions_per_price,
            amount_pence=amount,
            spending_kind=spending_kind,
            share_name=share_name,
            booked_by=actor,
        )
        booking.full_clean()
        booking.save()
        audit_record(
            actor=actor,
            action=events.BOOKING_ASKED,
            target=booking,
            data={"budget": locked.pk, "amount_pence": amount, "group": group.pk},
        )
        if booking.by_broker:
            from flourish.budgets.services.brokers import broker_booking_tell

            transaction.on_commit(lambda: broker_booking_tell(booking=booking))
    return booking


def _locked(booking: Booking) -> Booking:
    return (
        Booking.objects.select_for_update(of=("self",))
        .select_related("budget__account", "group")
        .get(pk=booking.pk)
    )


def booking_confirm(*, booking: Booking, actor: Any) -> Booking:
    """The group confirms, and the money moves from the budget to the group, once: a double
    click or a second confirmation pays nothing more."""
    with transaction.atomic():
        current = _locked(booking)
        if current.status == BookingStatus.CONFIRMED:
            return current
        if current.status != BookingStatus.ASKED:
            raise ValidationError(
                _("This booking was %(status)s, so it cannot be confirmed.")
                % {"status": current.get_status_display().lower()}
            )
        budget_account = current.budget.account
        assert budget_account is not None
        current.payment = transaction_post(
            idempotency_key=f"budget-booking:{current.pk}:payment",
            lines=[
                (budget_account, -current.amount_pence),
                (group_account_open(group=current.group), current.amount_pence),
            ],
            description=_("%(offer)s with %(group)s, from %(day)s")
            % {
                "offer": current.offer.name,
                "group": current.group.name,
                "day": current.session_on.strftime("%-d %B %Y"),
            },
            actor=actor,
        )
        current.status = BookingStatus.CONFIRMED
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.full_clean()
        current.save()
        audit_record(actor=actor, action=events.BOOKING_CONFIRMED, target=current)
    return current


def booking_decline(*, booking: Booking, actor: Any) -> Booking:
    """The group says no; nothing was paid, so the money is free to spend again."""
    with transaction.atomic():
        current = _locked(booking)
        if current.status != BookingStatus.ASKED:
            raise ValidationError(_("This booking has already been answered."))
        current.status = BookingStatus.DECLINED
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.save()
        audit_record(actor=actor, action=events.BOOKING_DECLINED, target=current)
    return current


def booking_cancel(*, booking: Booking, actor: Any, today: datetime.date | None = None) -> Booking:
    """Cancelled before the session: a paid booking's money goes back by a reversing
    transaction. Once the session has begun, only the group can sort it out."""
    today = today or timezone.localdate()
    with transaction.atomic():
        current = _locked(booking)
        if current.status in (BookingStatus.CANCELLED, BookingStatus.DECLINED):
            return current
        if current.session_on <= today:
            raise ValidationError(
                _(
                    "The session was on %(day)s, so it can no longer be cancelled here. "
                    "Talk to the group."
                )
                % {"day": current.session_on.strftime("%-d %B %Y")}
            )
        if current.payment is not None:
            current.reversal = transaction_reverse(
                transaction=current.payment,
                idempotency_key=f"budget-booking:{current.pk}:cancelled",
                actor=actor,
                reason=_("booking cancelled before the session"),
            )
        current.status = BookingStatus.CANCELLED
        current.save()
        audit_record(actor=actor, action=events.BOOKING_CANCELLED, target=current)
    return current
