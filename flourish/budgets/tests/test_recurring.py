"""A booking that repeats: each session is paid once on its day, and cancelling the rest
refunds only what was not delivered."""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.budgets.models import Booking, BookingSession, BookingStatus
from flourish.budgets.selectors import budget_home
from flourish.budgets.services.bookings import (
    booking_ask,
    booking_cancel,
    booking_confirm,
    booking_sessions_pay,
)
from flourish.ledger.models import LedgerTransaction
from flourish.ledger.selectors import account_balance, ledger_integrity


@pytest.fixture
def weekly(budget, offer, jo, owner, next_week):
    """Jo books four weekly £20 sessions from next week, and the group confirms."""
    booking = booking_ask(
        budget=budget, offer=offer, session_on=next_week, repeat="weekly", sessions=4, actor=jo
    )
    return booking_confirm(booking=booking, actor=owner)


def test_confirming_pays_only_the_first_session(weekly, budget):
    assert weekly.amount_pence == 8_000
    assert account_balance(account=budget.account) == 40_000 - 2_000
    dates = list(BookingSession.objects.filter(booking=weekly).values_list("session_on", flat=True))
    assert dates == [weekly.session_on + datetime.timedelta(weeks=n) for n in range(4)]


def test_each_session_is_paid_once_when_it_falls_due(weekly, budget):
    second = weekly.session_on + datetime.timedelta(weeks=1)
    assert booking_sessions_pay(today=second - datetime.timedelta(days=1)) == 0
    assert booking_sessions_pay(today=second) == 1
    assert booking_sessions_pay(today=second) == 0  # the same day again pays nothing
    assert account_balance(account=budget.account) == 40_000 - 4_000
    assert ledger_integrity().sound


def test_a_missed_run_catches_up_once(weekly, budget):
    last = weekly.session_on + datetime.timedelta(weeks=3)
    assert booking_sessions_pay(today=last + datetime.timedelta(days=10)) == 3
    assert booking_sessions_pay(today=last + datetime.timedelta(days=11)) == 0
    assert account_balance(account=budget.account) == 40_000 - 8_000
    keys = LedgerTransaction.objects.filter(
        idempotency_key__startswith=f"budget-booking:{weekly.pk}:session:"
    ).count()
    assert keys == 4


def test_cancelling_the_rest_refunds_only_sessions_not_delivered(weekly, budget, jo):
    second = weekly.session_on + datetime.timedelta(weeks=1)
    booking_sessions_pay(today=second)
    booking_cancel(booking=weekly, actor=jo, today=second)
    # Two sessions delivered and paid; the two still to come were never paid.
    assert account_balance(account=budget.account) == 40_000 - 4_000
    assert booking_sessions_pay(today=second + datetime.timedelta(weeks=4)) == 0
    weekly.refresh_from_db()
    assert weekly.status == BookingStatus.CANCELLED
    assert ledger_integrity().sound


def test_cancelling_before_the_first_session_refunds_it(weekly, budget, jo):
    booking_cancel(booking=weekly, actor=jo, today=weekly.session_on - datetime.timedelta(days=1))
    assert account_balance(account=budget.account) == 40_000
    assert BookingSession.objects.filter(booking=weekly, cancelled_at__isnull=True).count() == 0


def test_a_session_the_budget_cannot_cover_waits_and_the_person_is_told(
    budget, offer, jo, owner, next_week
):
    big = booking_ask(
        budget=budget,
        offer=offer,
        session_on=next_week,
        quantity=15,
        repeat="two_weekly",
        sessions=2,
        actor=jo,
    )
    booking_confirm(booking=big, actor=owner)
    due = next_week + datetime.timedelta(weeks=2)
    assert booking_sessions_pay(today=due) == 0
    assert account_balance(account=budget.account) == 40_000 - 30_000
    to_do = budget_home(budget=budget, today=due).to_do
    assert any("waiting to be paid" in line for line in to_do)


@pytest.mark.parametrize("sessions", [1, 53])
def test_it_refuses_a_repeat_outside_2_to_52_sessions(budget, offer, jo, next_week, sessions):
    with pytest.raises(ValidationError, match="between 2 and 52"):
        booking_ask(
            budget=budget,
            offer=offer,
            session_on=next_week,
            repeat="four_weekly",
            sessions=sessions,
            actor=jo,
        )
    assert not Booking.objects.exists()


def test_a_person_books_a_weekly_session_through_the_page(client, budget, offer, jo, next_week):
    client.force_login(jo)
    url = reverse("budgets:book", args=[budget.pk, offer.uuid])
    response = client.post(
        url,
        {
            "session_on_0": next_week.day,
            "session_on_1": next_week.month,
            "session_on_2": next_week.year,
            "quantity": 1,
            "repeat": "weekly",
            "sessions": "",
            "share_name": "on",
        },
    )
    assert "Enter how many sessions in all" in response.content.decode()
    response = client.post(
        url,
        {
            "session_on_0": next_week.day,
            "session_on_1": next_week.month,
            "session_on_2": next_week.year,
            "quantity": 1,
            "repeat": "weekly",
            "sessions": 10,
            "share_name": "on",
        },
        follow=True,
    )
    booking = Booking.objects.get()
    assert (booking.sessions, booking.amount_pence, booking.each_pence) == (10, 20_000, 2_000)
    assert "Every week, 10 sessions" in response.content.decode()
    # The home page says why what is waiting is one session, not the £200 booked.
    home = client.get(reverse("budgets:home", args=[budget.pk])).content.decode()
    booked = re.search(r'id="booked">(.*?)</dd>', home, re.DOTALL)
    assert booked is not None
    shown = re.sub(r"<[^>]+>", "", booked.group(1))
    assert shown.startswith("£20The first session of each booking a group has not answered")


def test_each_session_paid_is_a_purchase_on_the_councils_statement(weekly, council):
    from flourish.budgets.statements import statement_rows

    booking_sessions_pay(today=weekly.session_on + datetime.timedelta(weeks=1))
    start = datetime.date(2000, 1, 1)
    rows = list(statement_rows(council=council, start=start, end=datetime.date(2100, 1, 1)))
    purchases = [row for row in rows[1:] if row[5] == "Purchase"]
    assert len(purchases) == 2
    assert {row[6] for row in purchases} == {weekly.group.name}
