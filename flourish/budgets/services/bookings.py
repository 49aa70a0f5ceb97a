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
from django.utils.translation import gettext_noop

from flourish.accounts.models import Organisation
from flourish.budgets import events
from flourish.budgets.models import (
    MAX_SESSIONS,
    MIN_SESSIONS,
    Booking,
    BookingSession,
    BookingStatus,
    Budget,
    Repeat,
    SpendingKind,
)
from flourish.budgets.selectors import waiting_total
from flourish.budgets.services.payees import group_account_open as group_account_open
from flourish.budgets.services.payees import payee_account, payee_for
from flourish.core.formatting import format_day, format_pence
from flourish.core.services import audit_record
from flourish.directory.models import CostKind, Offer
from flourish.ledger.descriptions import Described
from flourish.ledger.models import LedgerAccount
from flourish.ledger.services import transaction_post, transaction_reverse

MAX_QUANTITY = 52


def offer_refusal(offer: Offer) -> str | None:
    """Why a budget cannot book this offer, in words for the person booking; None if it can.
    The booking page says so before anyone fills in the form."""
    if not offer.personal_budget or offer.cost != CostKind.PRICE or not offer.price_pence:
        return _(
            "%(offer)s does not take personal budgets. Choose an offer marked “Can be paid "
            "for with a personal budget”."
        ) % {"offer": offer.name}
    if offer.listing.organisation is None:
        return _(
            "%(group)s has not taken on its listing in Flourish yet, so it cannot confirm "
            "bookings. Choose another group, or ask them to claim their listing."
        ) % {"group": offer.listing.name}
    return None


def _check_offer(offer: Offer) -> Organisation:
    if refusal := offer_refusal(offer):
        raise ValidationError(refusal)
    return offer.listing.organisation  # type: ignore[return-value]  # checked just above


# How far ahead a first session may be booked: money is held for it until then.
BOOK_AHEAD = datetime.timedelta(days=366)


def booking_ask(
    *,
    budget: Budget,
    offer: Offer,
    session_on: datetime.date,
    quantity: int = 1,
    spending_kind: SpendingKind | None = None,
    share_name: bool = True,
    repeat: str = Repeat.ONCE,
    sessions: int = 1,
    actor: Any,
    broker_check: Any = None,
    asked_with: str = "",
) -> Booking:
    """A budget holder books an offer that takes personal budgets, for a session still to
    come (once, or weekly, two-weekly or four-weekly for 2 to 52 sessions), with no more
    than is left once the bookings waiting for groups are counted. A recurring booking needs
    only its first session covered now: each later one is paid on its day."""
    group = _check_offer(offer)
    today = timezone.localdate()
    if session_on < today:
        raise ValidationError(
            {"session_on": _("The date has passed. Choose a date today or later.")}
        )
    if budget.ends_on is not None and session_on > budget.ends_on:
        raise ValidationError(
            {
                "session_on": _("The budget ends on %(day)s. Choose a date on or before it.")
                % {"day": format_day(budget.ends_on)}
            }
        )
    if session_on > today + BOOK_AHEAD:
        raise ValidationError(
            {"session_on": _("Book up to a year ahead. Choose a date within the next year.")}
        )
    if not 1 <= quantity <= MAX_QUANTITY:
        raise ValidationError(
            {"quantity": _("Book between 1 and %(most)s at a time.") % {"most": MAX_QUANTITY}}
        )
    if spending_kind is not None and spending_kind.plan.budget_id != budget.pk:
        raise ValidationError(_("Choose a kind of spending from this budget’s plan."))
    sessions = _sessions_for(repeat, sessions)
    each = int(offer.price_pence or 0) * quantity
    with transaction.atomic():
        # One booking at a time per budget: the lock holds until this transaction ends.
        locked = (
            Budget.objects.select_for_update(of=("self",))
            .select_related("account")
            .get(pk=budget.pk)
        )
        assert locked.account is not None
        if asked_with and (done := locked.bookings.filter(asked_with=asked_with).first()):
            return done  # the same form sent twice books once
        left = LedgerAccount.objects.get(pk=locked.account.pk).balance - waiting_total(
            budget=locked
        )
        if each > left:
            raise ValidationError(
                _(
                    "This costs %(amount)s but there is only %(left)s left to spend. Book fewer "
                    "sessions, or wait until the next money comes in."
                )
                % {"amount": format_pence(each), "left": format_pence(max(left, 0))},
                code="not_enough",
            )
        if broker_check is not None:
            # A broker's recurring booking counts in full against the month's limit: the
            # person agreed what the broker may commit them to, not only what is paid now.
            broker_check(locked, group, each * sessions)
        booking = Booking(
            budget=locked,
            offer=offer,
            group=group,
            session_on=session_on,
            quantity=quantity,
            price_pence=int(offer.price_pence or 0),
            sessions_per_price=offer.sessions_per_price,
            amount_pence=each * sessions,
            each_pence=each,
            repeat=repeat,
            sessions=sessions,
            spending_kind=spending_kind,
            share_name=share_name,
            asked_with=asked_with[:64],
            booked_by=actor,
        )
        booking.full_clean()
        booking.save()
        audit_record(
            actor=actor,
            action=events.BOOKING_ASKED,
            target=booking,
            data={
                "budget": locked.pk,
                "amount_pence": each * sessions,
                "group": group.pk,
                "sessions": sessions,
            },
        )
        if booking.by_broker:
            from flourish.budgets.services.brokers import broker_booking_tell

            transaction.on_commit(lambda: broker_booking_tell(booking=booking))
    return booking


def _sessions_for(repeat: str, sessions: int) -> int:
    if repeat not in Repeat.values:
        raise ValidationError({"repeat": _("Choose how often the sessions are.")})
    if repeat == Repeat.ONCE:
        return 1
    if not MIN_SESSIONS <= sessions <= MAX_SESSIONS:
        raise ValidationError(
            {
                "sessions": _("Book between %(least)s and %(most)s sessions.")
                % {"least": MIN_SESSIONS, "most": MAX_SESSIONS}
            }
        )
    return sessions


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
        # Paid to the group, or to the holding partner that holds money for it.
        current.paid_to = payee_for(group=current.group)
        if current.is_recurring:
            current.payment = _sessions_start(current, actor)
        else:
            current.payment = _pay(
                current,
                key=f"budget-booking:{current.pk}:payment",
                amount=current.amount_pence,
                day=current.session_on,
                actor=actor,
            )
        current.status = BookingStatus.CONFIRMED
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.full_clean()
        current.save()
        audit_record(actor=actor, action=events.BOOKING_CONFIRMED, target=current)
    return current


def _pay(booking: Booking, *, key: str, amount: int, day: datetime.date, actor: Any) -> Any:
    budget_account = booking.budget.account
    assert budget_account is not None
    payee = booking.paid_to or booking.group
    return transaction_post(
        idempotency_key=key,
        lines=[
            (budget_account, -amount),
            (payee_account(payee=payee, group=booking.group), amount),
        ],
        description=Described(
            gettext_noop("%(offer)s with %(group)s, from %(day)s"),
            {"offer": booking.offer.name, "group": booking.group.name, "day": day},
        ),
        actor=actor,
    )


def _session_key(session: BookingSession) -> str:
    return f"budget-booking:{session.booking_id}:session:{session.number}:payment"


def _sessions_start(booking: Booking, actor: Any) -> Any:
    """Write down every session of a recurring booking, and pay the first now."""
    rows = BookingSession.objects.bulk_create(
        BookingSession(booking=booking, number=number, session_on=day)
        for number, day in enumerate(booking.session_dates())
    )
    first = BookingSession.objects.get(booking=booking, number=0)
    first.payment = _pay(
        booking,
        key=_session_key(first),
        amount=booking.each_pence,
        day=first.session_on,
        actor=actor,
    )
    first.save(update_fields=["payment"])
    assert rows
    return first.payment


def booking_sessions_pay(*, today: datetime.date) -> int:
    """Pay each session of a confirmed recurring booking that has fallen due and is not
    yet paid, once: the ledger key names the session, so two runs or two workers pay once,
    and a missed run catches up. A session the budget cannot cover yet waits for the next
    run (the person's home page says so)."""
    due = BookingSession.objects.filter(
        session_on__lte=today,
        payment__isnull=True,
        cancelled_at__isnull=True,
        booking__status=BookingStatus.CONFIRMED,
    ).values_list("pk", flat=True)
    paid = 0
    for pk in list(due):
        with transaction.atomic():
            session = (
                BookingSession.objects.select_for_update(of=("self",))
                .select_related(
                    "booking__budget__account",
                    "booking__group",
                    "booking__offer",
                    "booking__paid_to",
                )
                .get(pk=pk)
            )
            if session.payment_id is not None or session.cancelled_at is not None:
                continue
            try:
                with transaction.atomic():
                    session.payment = _pay(
                        session.booking,
                        key=_session_key(session),
                        amount=session.booking.each_pence,
                        day=session.session_on,
                        actor=None,
                    )
            except ValidationError:
                continue
            session.save(update_fields=["payment"])
            audit_record(
                actor=None,
                action=events.BOOKING_SESSION_PAID,
                target=session.booking,
                data={"session": session.number, "amount_pence": session.booking.each_pence},
            )
            paid += 1
    return paid


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
        if current.is_recurring and current.status == BookingStatus.CONFIRMED:
            return _cancel_the_rest(current, actor, today)
        if current.session_on <= today:
            raise ValidationError(
                _(
                    "The session was on %(day)s, so it can no longer be cancelled here. "
                    "Talk to the group."
                )
                % {"day": format_day(current.session_on)}
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


def _cancel_the_rest(booking: Booking, actor: Any, today: datetime.date) -> Booking:
    """Cancel a recurring booking's sessions still to come: those already paid are
    refunded by reversing transactions; sessions delivered stay paid."""
    rest = list(
        BookingSession.objects.select_for_update(of=("self",))
        .select_related("payment")
        .filter(booking=booking, session_on__gt=today, cancelled_at__isnull=True)
    )
    if not rest:
        raise ValidationError(
            _("Every session has taken place, so there is nothing left to cancel.")
        )
    now = timezone.now()
    refunded = 0
    for session in rest:
        if session.payment is not None:
            session.reversal = transaction_reverse(
                transaction=session.payment,
                idempotency_key=(f"budget-booking:{booking.pk}:session:{session.number}:cancelled"),
                actor=actor,
                reason=_("session cancelled before it took place"),
            )
            refunded += booking.each_pence
        session.cancelled_at = now
        session.save(update_fields=["reversal", "cancelled_at"])
    if booking.reversal is None and rest[0].number == 0:
        booking.reversal = rest[0].reversal
    booking.status = BookingStatus.CANCELLED
    booking.save()
    audit_record(
        actor=actor,
        action=events.BOOKING_CANCELLED,
        target=booking,
        data={"sessions_cancelled": len(rest), "refunded_pence": refunded},
    )
    return booking
