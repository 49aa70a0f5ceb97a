"""A member's statement lines are drawn once and kept: reading the statement again draws
none of them and reads none of their entries, a new exchange shows at once, and a
reader in Welsh reads the same lines in Welsh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.core.tests.pieces import read_counting
from flourish.timebank.factories import exchange_confirmed_make

pytestmark = pytest.mark.django_db

ROW_TEMPLATE = "timebank/_statement_row.html"


def _read(client, address, language="en"):
    """The statement's text, and how many lines were drawn to make it."""
    return read_counting(client, address, ROW_TEMPLATE, HTTP_ACCEPT_LANGUAGE=language)


def _lines(page):
    return page[page.index('<tbody class="govuk-table__body">') : page.index("</tbody>")]


def _exchange(timebank, giver, receiver, minutes, description):
    exchange_confirmed_make(timebank, giver, receiver, minutes=minutes, description=description)


@pytest.fixture
def address(timebank, alice, bob):
    _exchange(timebank, alice, bob, 90, "Help with the garden")
    _exchange(timebank, bob, alice, 30, "A lift to the clinic")
    return reverse("timebank:statement", args=[timebank.slug])


def test_reading_the_statement_again_draws_no_line_again(client, address, alice):
    client.force_login(alice.user)
    first, drawn_first = _read(client, address)
    again, drawn_again = _read(client, address)
    assert (drawn_first, drawn_again) == (2, 0)
    assert _lines(again) == _lines(first)
    assert "1 hour 30 minutes in" in again and "30 minutes out" in again


def test_a_new_exchange_shows_at_once_and_only_its_line_is_drawn(
    client, address, timebank, alice, bob
):
    client.force_login(alice.user)
    _read(client, address)
    _exchange(timebank, alice, bob, 45, "Shopping")
    page, drawn = _read(client, address)
    assert drawn == 1 and "45 minutes in" in page and "Shopping" in page


def test_a_reader_in_welsh_reads_the_same_lines_in_welsh(client, address, alice):
    client.force_login(alice.user)
    english, _drawn = _read(client, address)
    welsh, drawn = _read(client, address, language="cy")
    assert drawn == 2
    assert "1 hour 30 minutes in" in english and "1 hour 30 minutes in" not in welsh


def test_lines_all_kept_are_shown_without_reading_their_entries_again(client, address, alice):
    client.force_login(alice.user)
    _read(client, address)
    with CaptureQueriesContext(connection) as captured:
        again, drawn = _read(client, address)
    read = " ".join(query["sql"] for query in captured.captured_queries)
    assert drawn == 0 and "A lift to the clinic" in again
    assert '"ledger_ledgertransaction"."description"' not in read


def test_a_statement_pages_through_the_members_own_entries_by_the_count_the_ledger_keeps(
    client, address, timebank, alice, bob, carol
):
    _exchange(timebank, carol, bob, 20, "Carol's own exchange")
    for number in range(50):
        _exchange(timebank, alice, bob, 15, f"Tea {number}")
    client.force_login(alice.user)
    with CaptureQueriesContext(connection) as captured:
        second, _drawn = _read(client, address + "?page=2")
    lines = _lines(second)
    assert lines.count("<tr") == 2  # 52 lines of Alice's, 50 to a page
    assert "Help with the garden" in lines and "A lift to the clinic" in lines
    assert "Page 2 of 2" in second
    assert "Carol" not in second
    # Nothing counted: the ledger keeps each account's number of entries with its balance.
    assert not [query for query in captured.captured_queries if "COUNT(" in query["sql"]]


def test_hours_given_to_the_pot_go_out_of_the_givers_statement(client, address, alice):
    from flourish.timebank.services.exchanges import gift_give

    gift_give(member=alice, minutes=20, actor=alice.user)
    client.force_login(alice.user)
    page, _drawn = _read(client, address)
    line = page[page.index("gave hours to the community pot") :]
    assert line.index("20 minutes out") < line.index("</tr>")
