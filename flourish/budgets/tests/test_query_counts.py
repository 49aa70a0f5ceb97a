"""The budget holder's home page, the council's list, a group's bookings and a pool's page
make the same number of queries whatever the data size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from flourish.budgets.factories import budget_make
from flourish.budgets.services.bookings import booking_ask, booking_confirm
from flourish.budgets.services.pools import pool_join, proposal_make

HOME_QUERIES = 7
COUNCIL_QUERIES = 7
GROUP_QUERIES = 6
POOL_QUERIES = 10  # the open proposals and their votes; a page of decisions and their count


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _grow(council, budget, offer, pool, owner, jo, next_week, size):
    for _n in range(size):
        budget_make(council=council)
        booking = booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo)
        booking_confirm(booking=booking, actor=owner)
        booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo)
        other = budget_make(council=council)
        from flourish.budgets.services.budgets import budget_periods_pay

        budget_periods_pay(today=next_week)
        pool_join(
            pool=pool, budget=other, contribution_pence=100, outcome="Paint", actor=other.person
        )
        proposal_make(
            pool=pool,
            member=pool.members.first(),
            offer=offer,
            amount_pence=100,
            why="Paint",
            actor=jo,
        )


def test_pages_cost_the_same_whatever_the_size(
    client, council, council_staff, budget, offer, pool, owner, jo, next_week
):
    urls = {
        "home": (jo, f"/budgets/{budget.pk}/", HOME_QUERIES),
        "council": (council_staff, "/budgets/council/leeds/", COUNCIL_QUERIES),
        "group": (owner, f"/budgets/groups/{offer.listing.organisation.slug}/", GROUP_QUERIES),
        "pool": (jo, f"/budgets/pools/{pool.pk}/", POOL_QUERIES),
    }
    _grow(council, budget, offer, pool, owner, jo, next_week, 1)
    small = {}
    for name, (person, url, _most) in urls.items():
        client.force_login(person)
        small[name] = _count(client, url)
    _grow(council, budget, offer, pool, owner, jo, next_week, 8)
    for name, (person, url, most) in urls.items():
        client.force_login(person)
        large = _count(client, url)
        assert large == small[name], (name, small[name], large)
        assert large <= most, (name, large)


def test_lists_of_people_never_read_their_phone_numbers_or_access_needs(
    client, council, council_staff, budget, offer, pool, owner, jo, next_week
):
    """Each list shows who people are; their phone numbers and access needs, kept
    encrypted, are left unread rather than decrypted for every row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _grow(council, budget, offer, pool, owner, jo, next_week, 2)
    pages = [
        (jo, f"/budgets/{budget.pk}/"),
        (council_staff, "/budgets/council/leeds/"),
        (owner, f"/budgets/groups/{offer.listing.organisation.slug}/"),
        (jo, f"/budgets/pools/{pool.pk}/"),
    ]
    for person, url in pages:
        client.force_login(person)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        lists = [q["sql"] for q in captured.captured_queries if "budgets_" in q["sql"]]
        assert not [sql for sql in lists if '"accounts_user"."phone"' in sql], url
        assert not [sql for sql in lists if '"accounts_user"."access_needs"' in sql], url
