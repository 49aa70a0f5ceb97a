"""The council's overview of under- and overspends per budget this period."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from flourish.budgets.factories import budget_make
from flourish.budgets.models import add_months
from flourish.budgets.overview import period_spending
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.budgets import budget_periods_pay

# One more than before: the council's threshold for unspent money.
OVERVIEW_QUERIES = 13


def _budget_this_month(council, amount_pence):
    """A monthly budget that began at the start of this month, with its money in."""
    today = timezone.localdate()
    made = budget_make(council=council, amount_pence=amount_pence, starts_on=today.replace(day=1))
    budget_periods_pay(today=today)
    return made


def test_it_shows_an_underspend_and_an_overspend(council, offer, owner, next_week):
    under = _budget_this_month(council, 10_000)
    # £10 a month since last month: what was left from last month is spent this month too.
    last_month = add_months(timezone.localdate().replace(day=1), -1)
    over = budget_make(council=council, amount_pence=1_000, starts_on=last_month)
    budget_periods_pay(today=timezone.localdate())
    for holder in (under, over):
        booking = booking_ask(budget=holder, offer=offer, session_on=next_week, actor=holder.person)
        booking_confirm(booking=booking, actor=owner)
    found = period_spending(budgets=[under, over], today=timezone.localdate())
    rows = {row.budget.pk: row for row in found}
    assert (rows[under.pk].spent, rows[under.pk].under, rows[under.pk].over) == (2_000, 8_000, 0)
    assert (rows[over.pk].spent, rows[over.pk].under, rows[over.pk].over) == (2_000, 0, 1_000)


def test_a_refund_is_not_spending(council, offer, owner, next_week):
    from flourish.budgets.services.bookings import booking_cancel

    holder = _budget_this_month(council, 10_000)
    booking = booking_ask(budget=holder, offer=offer, session_on=next_week, actor=holder.person)
    booking_confirm(booking=booking, actor=owner)
    booking_cancel(booking=booking, actor=holder.person)
    (row,) = period_spending(budgets=[holder], today=timezone.localdate())
    assert (row.spent, row.under) == (0, 10_000)


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def test_the_page_costs_the_same_whatever_the_size(
    client, council, council_staff, offer, owner, next_week
):
    url = reverse("budgets:council_overview", args=[council.slug])
    client.force_login(council_staff)
    holder = _budget_this_month(council, 10_000)
    booking_confirm(
        booking=booking_ask(budget=holder, offer=offer, session_on=next_week, actor=holder.person),
        actor=owner,
    )
    small, page = _count(client, url)
    assert "£80" in page  # the underspend
    for _n in range(10):
        more = _budget_this_month(council, 5_000)
        booking_confirm(
            booking=booking_ask(budget=more, offer=offer, session_on=next_week, actor=more.person),
            actor=owner,
        )
    large, _page = _count(client, url)
    assert small == large <= OVERVIEW_QUERIES


def test_staff_of_another_council_get_404(client, council, other_staff):
    client.force_login(other_staff)
    url = reverse("budgets:council_overview", args=[council.slug])
    assert client.get(url).status_code == 404
