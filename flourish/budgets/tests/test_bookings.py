"""Booking a group's offer with a budget: the group confirms and is paid, once."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flourish.budgets.models import Booking, BookingStatus
from flourish.budgets.selectors import budget_home
from flourish.budgets.services.bookings import (
    booking_ask,
    booking_cancel,
    booking_confirm,
    booking_decline,
    group_account_open,
)
from flourish.directory.factories import OfferFactory
from flourish.ledger.selectors import account_balance, ledger_integrity


def test_confirming_moves_the_money_from_the_budget_to_the_group(
    budget, offer, jo, owner, next_week
):
    booking = booking_ask(budget=budget, offer=offer, session_on=next_week, quantity=2, actor=jo)
    assert account_balance(account=budget.account) == 40_000
    booking_confirm(booking=booking, actor=owner)
    booking_confirm(booking=booking, actor=owner)  # a double click pays nothing more
    assert account_balance(account=budget.account) == 36_000
    assert account_balance(account=group_account_open(group=offer.listing.organisation)) == 4_000
    assert ledger_integrity().sound


def test_money_waiting_for_a_group_is_not_left_to_spend(budget, offer, jo, next_week):
    booking_ask(budget=budget, offer=offer, session_on=next_week, quantity=5, actor=jo)
    summary = budget_home(budget=budget, today=timezone.localdate())
    assert (summary.left, summary.booked) == (30_000, 10_000)


def test_it_refuses_spending_more_than_is_left(budget, offer, jo, next_week):
    booking_ask(budget=budget, offer=offer, session_on=next_week, quantity=19, actor=jo)
    with pytest.raises(ValidationError, match="only £20 left"):
        booking_ask(budget=budget, offer=offer, session_on=next_week, quantity=2, actor=jo)
    assert Booking.objects.count() == 1


def test_it_refuses_an_offer_that_does_not_take_budgets(budget, group, jo, next_week):
    free = OfferFactory(listing__organisation=group, cost="free", personal_budget=False)
    with pytest.raises(ValidationError, match="does not take personal budgets"):
        booking_ask(budget=budget, offer=free, session_on=next_week, actor=jo)


def test_the_booking_page_says_at_once_that_an_offer_cannot_be_booked(
    client, budget, group, jo, next_week
):
    """Not after someone has filled in a date and a number and sent them."""
    free = OfferFactory(listing__organisation=group, cost="free", personal_budget=False)
    client.force_login(jo)
    url = reverse("budgets:book", args=[budget.pk, free.uuid])
    page = client.get(url).content.decode()
    assert "does not take personal budgets" in page
    assert "Book it" not in page and 'name="quantity"' not in page
    assert "Choose something else" in page
    sent = {"session_on_0": next_week.day, "session_on_1": next_week.month}
    posted = client.post(url, {**sent, "session_on_2": next_week.year, "quantity": 1})
    assert "does not take personal budgets" in posted.content.decode()
    assert not Booking.objects.exists()


def test_it_refuses_a_date_that_has_passed(budget, offer, jo):
    with pytest.raises(ValidationError):
        booking_ask(
            budget=budget,
            offer=offer,
            session_on=timezone.localdate() - datetime.timedelta(days=1),
            actor=jo,
        )


def test_declining_frees_the_money_and_pays_nothing(budget, offer, jo, owner, next_week):
    booking = booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo)
    booking_decline(booking=booking, actor=owner)
    assert budget_home(budget=budget, today=timezone.localdate()).left == 40_000
    with pytest.raises(ValidationError, match="cannot be confirmed"):
        booking_confirm(booking=booking, actor=owner)


def test_cancelling_before_the_session_reverses_the_payment(budget, offer, jo, owner, next_week):
    booking = booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )
    booking_cancel(booking=booking, actor=jo)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert booking.reversal.reverses_id == booking.payment_id
    assert account_balance(account=budget.account) == 40_000
    assert ledger_integrity().sound


def test_a_session_that_has_happened_cannot_be_cancelled(budget, offer, jo, owner, next_week):
    booking = booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )
    with pytest.raises(ValidationError, match="Talk to the group"):
        booking_cancel(booking=booking, actor=jo, today=next_week)
    assert account_balance(account=budget.account) == 38_000


def test_a_person_books_and_the_group_confirms_through_the_pages(
    client, budget, offer, jo, owner, next_week
):
    client.force_login(jo)
    assert offer.name in client.get(f"/budgets/{budget.pk}/offers/").content.decode()
    response = client.post(
        f"/budgets/{budget.pk}/offers/{offer.uuid}/book/",
        {
            "session_on_0": next_week.day,
            "session_on_1": next_week.month,
            "session_on_2": next_week.year,
            "quantity": "1",
            "share_name": "on",
        },
    )
    booking = Booking.objects.get()
    assert response.url == f"/budgets/{budget.pk}/bookings/{booking.pk}/"
    client.force_login(owner)
    page = client.get(f"/budgets/groups/{offer.listing.organisation.slug}/").content.decode()
    assert "Jo Holder" in page
    client.post(f"/budgets/groups/{offer.listing.organisation.slug}/{booking.pk}/confirm/")
    receipt = client.get(f"/budgets/receipts/{booking.pk}/").content.decode()
    assert "£20" in receipt
    client.force_login(jo)
    assert client.get(f"/budgets/receipts/{booking.pk}/").status_code == 200


def test_booking_more_than_is_left_through_the_page_says_what_to_do(
    client, budget, offer, jo, next_week
):
    client.force_login(jo)
    response = client.post(
        f"/budgets/{budget.pk}/offers/{offer.uuid}/book/",
        {
            "session_on_0": next_week.day,
            "session_on_1": next_week.month,
            "session_on_2": next_week.year,
            "quantity": "30",
        },
    )
    assert "Book fewer sessions" in response.content.decode()
    assert not Booking.objects.exists()


def test_a_group_does_not_see_the_name_unless_the_person_agreed(
    client, budget, offer, jo, owner, next_week
):
    booking_ask(budget=budget, offer=offer, session_on=next_week, share_name=False, actor=jo)
    client.force_login(owner)
    page = client.get(f"/budgets/groups/{offer.listing.organisation.slug}/").content.decode()
    assert "Jo Holder" not in page
    assert "name not shared" in page


def test_other_groups_and_strangers_get_404(client, budget, offer, jo, stranger, next_week):
    from flourish.accounts.factories import MembershipFactory, OrganisationFactory
    from flourish.accounts.models import Role

    booking = booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo)
    other = OrganisationFactory(name="Other Group")
    MembershipFactory(user=stranger, organisation=other, role=Role.GROUP_LEAD)
    client.force_login(stranger)
    slug = offer.listing.organisation.slug
    assert client.get(f"/budgets/groups/{slug}/").status_code == 404
    assert client.post(f"/budgets/groups/{other.slug}/{booking.pk}/confirm/").status_code == 404
    assert client.get(f"/budgets/{budget.pk}/bookings/{booking.pk}/").status_code == 404
    assert client.get(f"/budgets/receipts/{booking.pk}/").status_code == 404
