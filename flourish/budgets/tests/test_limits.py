"""What a budget and a booking may be: an amount, a start and an end a person could mean,
and one budget that cannot be paid never stops the others' money."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flourish.budgets.factories import budget_make
from flourish.budgets.models import Booking, Budget
from flourish.budgets.services import budgets as budget_services
from flourish.budgets.services.bookings import booking_ask
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.ledger.selectors import account_balance

pytestmark = pytest.mark.django_db


def _typed(day: datetime.date, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


def _new_budget(client, council, **changes):
    today = timezone.localdate()
    form = {
        "email": "new@example.org",
        "name": "New Holder",
        "amount_pence": "250",
        "period": "weekly",
        "held_as": "direct_payment",
        **_typed(today, "starts_on"),
        **changes,
    }
    return client.post(reverse("budgets:budget_new", args=[council.slug]), form)


def test_staff_are_told_the_most_a_period_may_be_and_nothing_is_recorded(
    client, council, council_staff
):
    client.force_login(council_staff)
    page = _new_budget(client, council, amount_pence="150,000").content.decode()

    assert "Enter an amount up to £100,000 each period." in page
    assert not Budget.objects.filter(person__email="new@example.org").exists()


def test_a_start_years_back_or_an_end_decades_on_is_refused_with_what_to_do(
    client, council, council_staff
):
    client.force_login(council_staff)
    today = timezone.localdate()
    long_ago = _new_budget(
        client, council, **_typed(today.replace(year=today.year - 3), "starts_on")
    )
    far_end = _new_budget(client, council, **_typed(today.replace(year=today.year + 11), "ends_on"))

    assert "The start date must be within a year of today." in long_ago.content.decode()
    assert "within 10 years of the start date" in far_end.content.decode()
    assert not Budget.objects.filter(person__email="new@example.org").exists()


def test_a_budget_that_cannot_be_paid_does_not_stop_the_others(council, jo):
    broken = budget_make(council=council, person=jo, amount_pence=10_000)
    sound = budget_make(council=council, amount_pence=20_000)
    real_pay = budget_services.period_pay

    def pay(*, budget, number):
        if budget.pk == broken.pk:
            raise ValidationError("This budget's ledger account is full.")
        return real_pay(budget=budget, number=number)

    with mock.patch.object(budget_services, "period_pay", pay):
        paid = budget_periods_pay(today=datetime.date(2026, 1, 15))

    assert paid == 1
    assert account_balance(account=sound.account) == 20_000
    assert account_balance(account=broken.account) == 0


def test_a_first_session_after_the_budget_ends_or_over_a_year_ahead_is_refused(budget, offer, jo):
    today = timezone.localdate()
    Budget.objects.filter(pk=budget.pk).update(ends_on=today + datetime.timedelta(days=30))
    budget.refresh_from_db()
    with pytest.raises(ValidationError, match="The budget ends on"):
        booking_ask(
            budget=budget, offer=offer, session_on=today + datetime.timedelta(days=31), actor=jo
        )
    Budget.objects.filter(pk=budget.pk).update(ends_on=None)
    budget.refresh_from_db()
    with pytest.raises(ValidationError, match="Book up to a year ahead"):
        booking_ask(
            budget=budget, offer=offer, session_on=today + datetime.timedelta(days=400), actor=jo
        )
    assert not Booking.objects.exists()


def test_the_same_booking_form_sent_twice_books_once(client, budget, offer, jo, next_week):
    client.force_login(jo)
    address = reverse("budgets:book", args=[budget.pk, offer.uuid])
    shown = client.get(address).content.decode()
    mark = shown.split('name="asked_with" value="')[1].split('"')[0]
    form = {**_typed(next_week, "session_on"), "quantity": 1, "repeat": "once", "asked_with": mark}

    first, again = client.post(address, form), client.post(address, form)

    assert first["Location"] == again["Location"]
    assert Booking.objects.filter(budget=budget).count() == 1
    # A form shown afresh is a new booking.
    client.post(address, {**form, "asked_with": "another-form"})
    assert Booking.objects.filter(budget=budget).count() == 2
