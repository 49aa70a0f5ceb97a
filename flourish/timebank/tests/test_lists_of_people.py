"""Lists of offers and exchanges show who people are by name: their phone numbers and
access needs, kept encrypted, are left unread rather than decrypted for every row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.timebank.factories import ListingFactory
from flourish.timebank.models import ExchangeKind
from flourish.timebank.services import exchanges, timebanks

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


def test_a_coordinators_lists_of_members_read_names_not_private_details(
    client, timebank, coordinator_signed_in, alice, bob
):
    newcomer = UserFactory(email="dee@example.org", name="Dee Newcomer")
    # Joined up by phone, so the list also shows who recorded it: a second person per row.
    timebanks.member_ask_to_join(
        timebank=timebank, user=newcomer, area="LS5", actor=coordinator_signed_in
    )
    pages = (
        ("timebank:dashboard", "Dee Newcomer"),  # asking to join
        ("timebank:members", "Alice Giver"),  # every member, with balances
        ("timebank:record", "Bob Receiver"),  # whom to record help for
    )
    for page, shown in pages:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(page, args=[timebank.slug]))
        assert shown in response.content.decode(), page
        lists = [
            q["sql"] for q in captured.captured_queries if "timebank_timebankmember" in q["sql"]
        ]
        # Not the coordinator's own place in the timebank, read for who they are.
        own = f'"timebank_timebankmember"."user_id" = {coordinator_signed_in.pk})'
        people = [sql for sql in lists if '"accounts_user"."name"' in sql and own not in sql]
        assert people, page
        assert not [sql for sql in people if '"accounts_user"."phone"' in sql], page
        assert not [sql for sql in people if '"accounts_user"."access_needs"' in sql], page
        # Nor the second person's, whom the query names by an alias (T4."phone").
        assert not [sql for sql in people if '."phone"' in sql], page
        assert not [sql for sql in people if '."access_needs"' in sql], page


def test_a_members_own_pages_read_them_once_for_the_sign_in_only(client, timebank, alice):
    """The person's place in the timebank is read with the person already signed in, not
    read again with their encrypted phone number and access needs."""
    client.force_login(alice.user)
    for page in ("timebank:home", "timebank:statement"):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse(page, args=[timebank.slug]))
        assert "Kirkstall Timebank" in response.content.decode(), page
        reading_phone = [q for q in captured.captured_queries if '"phone"' in q["sql"]]
        assert len(reading_phone) == 1, page  # signing in
