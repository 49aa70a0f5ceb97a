"""Council staff see, month by month, which statements were sent, with each budget's
underspend or overspend, what was over the threshold, the brokers acting and the pools;
the page costs the same number of queries whatever the number of budgets."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from freezegun import freeze_time

from flourish.accounts.factories import UserFactory
from flourish.budgets.factories import budget_make
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.budgets.services.councils import threshold_set
from flourish.budgets.services.outside import outside_spending_record
from flourish.budgets.services.statements import statement_month_make

# Sign-in, two-step check and messages included; the page's own reads are 9.
SENT_QUERIES = 18


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(council, **query):
    url = reverse("budgets:council_sent", args=[council.slug])
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _march(council, budgets, spend):
    """March 2026: each budget's money in, and `spend` spent outside Flourish by each."""
    with freeze_time("2026-03-10 12:00"):
        budget_periods_pay(today=datetime.date(2026, 3, 10))
        for number, budget in enumerate(budgets):
            outside_spending_record(
                budget=budget,
                amount_pence=spend,
                spent_on=datetime.date(2026, 3, 9),
                spending_kind=None,
                what="Bus pass",
                token=f"march-{budget.pk}-{number}",
                actor=budget.person,
            )
    with freeze_time("2026-04-01 06:00"):
        statement_month_make(council=council, period="2026-03")


def _holder(council):
    return budget_make(council=council, amount_pence=40_000, starts_on=datetime.date(2026, 3, 1))


def test_staff_see_each_budget_sent_with_under_and_overspends_brokers_and_pools(
    client, council, council_staff, sam
):
    from flourish.budgets.services.brokers import broker_invite

    holder = _holder(council)
    with freeze_time("2026-03-02 12:00"):
        broker_invite(
            budget=holder,
            broker=sam,
            may_book=True,
            monthly_limit_pence=5_000,
            ends_on=datetime.date(2026, 6, 1),
            actor=holder.person,
        )
    threshold_set(council=council, threshold_pence=30_000, actor=council_staff)
    _march(council, [holder], spend=2_500)
    client.force_login(council_staff)
    page = client.get(_url(council)).content.decode()
    assert "Sent for 2026-03" in page
    # Escaped as the page writes it: a made-up name may be O'Brien.
    assert html.escape(holder.person.get_full_name()) in page
    assert "£375" in page  # the underspend: £400 in, £25 out
    assert "£75" in page  # over the £300 threshold at the month's end
    assert "Sam Broker" in page


def test_a_month_not_sent_gets_a_message(client, council, council_staff):
    client.force_login(council_staff)
    page = client.get(_url(council, period="2026-02")).content.decode()
    assert "No statements were sent for that month" in page


def test_staff_of_another_council_and_others_get_404(client, council, other_staff, jo):
    for person in (other_staff, jo, UserFactory()):
        client.force_login(person)
        assert client.get(_url(council)).status_code == 404


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_the_page_costs_the_same_whatever_the_size(client, council, council_staff):
    client.force_login(council_staff)
    _march(council, [_holder(council)], spend=1_000)
    small = _count(client, _url(council, period="2026-03"))
    others = [_holder(council) for _n in range(8)]
    with freeze_time("2026-03-10 12:00"):
        budget_periods_pay(today=datetime.date(2026, 3, 10))
        for budget in others:
            outside_spending_record(
                budget=budget,
                amount_pence=500,
                spent_on=datetime.date(2026, 3, 9),
                spending_kind=None,
                token=f"more-{budget.pk}",
                actor=budget.person,
            )
    large = _count(client, _url(council, period="2026-03"))
    assert small == large <= SENT_QUERIES
