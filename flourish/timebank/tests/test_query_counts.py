"""The statement and the coordinator's dashboard make the same number of queries whatever
the number of members and exchanges."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.timebank.factories import AskingMemberFactory, member_make
from flourish.timebank.models import CheckKind, ExchangeKind
from flourish.timebank.services import exchanges
from flourish.timebank.services.timebanks import member_check_record

TODAY = datetime.date.today()
# A member's place and their timebank are one query; their entries are not counted (the
# ledger keeps the count with the balance). Lines not kept yet (a new exchange's) are
# read together in one more.
STATEMENT_QUERIES = 6
STATEMENT_QUERIES_ALL_KEPT = 5
# The coordinator's two-step sign-in is checked; a coordinator finds the timebank with
# their own place in it (none here) in one query.
DASHBOARD_QUERIES = 12


def grow(timebank, alice, coordinator, size):
    """Add members, exchanges, a dispute, a join request and an expiring check."""
    for _ in range(size):
        other = member_make(timebank)
        exchange = exchanges.exchange_record_directly(
            timebank=timebank,
            giver=alice,
            receivers=[other],
            kind=ExchangeKind.PERSON,
            minutes=30,
            happened_on=TODAY,
            description="Company",
            help_kind="company",
            actor=alice.user,
        )
        exchanges.exchange_confirm(exchange=exchange, member=other, actor=other.user)
        AskingMemberFactory(timebank=timebank)
        member_check_record(
            member=other,
            kind=CheckKind.SAFEGUARDING,
            done_on=TODAY,
            expires_on=TODAY + datetime.timedelta(days=10),
            actor=coordinator,
        )


def count(client, address):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured.captured_queries)


def test_the_statement_makes_a_fixed_number_of_queries(client, timebank, alice, coordinator):
    client.force_login(alice.user)
    address = reverse("timebank:statement", args=[timebank.slug])
    grow(timebank, alice, coordinator, 2)
    small = count(client, address)
    grow(timebank, alice, coordinator, 8)
    assert small == count(client, address) == STATEMENT_QUERIES
    assert count(client, address) == STATEMENT_QUERIES_ALL_KEPT


def test_the_dashboard_makes_a_fixed_number_of_queries(client, timebank, alice, coordinator):
    client.force_login(coordinator)
    address = reverse("timebank:dashboard", args=[timebank.slug])
    grow(timebank, alice, coordinator, 2)
    small = count(client, address)
    grow(timebank, alice, coordinator, 8)
    assert small == count(client, address) == DASHBOARD_QUERIES
