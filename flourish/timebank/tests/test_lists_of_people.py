"""Lists of offers and exchanges show who people are by name: their phone numbers and
access needs, kept encrypted, are left unread rather than decrypted for every row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.timebank.factories import ListingFactory
from flourish.timebank.models import ExchangeKind
from flourish.timebank.services import exchanges

pytestmark = pytest.mark.django_db
# The lists themselves, and the people in them read by their ids.
LISTS = (
    "timebank_exchange",
    "timebank_listing",
    '"timebank_timebankmember"."id" IN (',
    '"accounts_user"."id" IN (',
)


def test_offers_and_open_exchanges_read_names_not_private_details(client, timebank, alice, bob):
    ListingFactory(member=alice, title="Soup on Wednesdays")
    exchanges.exchange_record_directly(
        timebank=timebank,
        giver=alice,
        receivers=[bob],
        kind=ExchangeKind.PERSON,
        minutes=60,
        happened_on=datetime.date.today(),
        description="Gardening",
        help_kind="gardening",
        actor=alice.user,
    )
    client.force_login(bob.user)
    for page, shown in (("timebank:home", "Gardening"), ("timebank:search", "Soup on Wednesdays")):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(page, args=[timebank.slug]))
        assert shown in response.content.decode(), page
        lists = [q["sql"] for q in captured.captured_queries if any(t in q["sql"] for t in LISTS)]
        assert lists, page
        assert not [sql for sql in lists if '"accounts_user"."phone"' in sql], page
        assert not [sql for sql in lists if '"accounts_user"."access_needs"' in sql], page
