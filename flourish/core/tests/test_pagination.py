"""Every list page reads ?page= the same way, and no page number can break a page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from flourish.accounts.factories import UserFactory
from flourish.core.models import AuditEvent
from flourish.core.pagination import MAX_PAGE_NUMBER, page_number, page_of, page_written_once
from flourish.core.services import audit_record

HUGE = "99999999999999999999"


@pytest.mark.parametrize(
    ("asked", "given"),
    [
        (None, 1),
        ("", 1),
        ("2", 2),
        ("0", 1),
        ("-3", 1),
        ("two", 1),
        ("1e9", 1),
        ("²", 1),
        (" 4 ", 4),
        (HUGE, MAX_PAGE_NUMBER),
        ("9" * 5000, MAX_PAGE_NUMBER),
    ],
)
def test_a_page_number_is_always_a_page_that_can_be_asked_for(asked, given):
    assert page_number(asked) == given


@pytest.fixture
def events(db):
    person = UserFactory()
    for number in range(7):
        audit_record(actor=person, action="core.test", data={"n": number})
    return AuditEvent.objects.filter(action="core.test").order_by("pk")


def test_one_page_and_the_total_come_in_two_queries_whatever_the_page(
    events, django_assert_num_queries
):
    # The total, then the page's rows with its ids as a subquery.
    with django_assert_num_queries(2):
        page = page_of(items=events, number="2", size=3)

    assert page.number == 2
    assert page.paginator.count == 7
    assert [event.data["n"] for event in page] == [3, 4, 5]


@pytest.mark.parametrize("asked", ["4", HUGE])
def test_a_page_past_the_end_shows_the_last_page(events, asked):
    page = page_of(items=events, number=asked, size=3)

    assert page.number == 3
    assert [event.data["n"] for event in page] == [6]


def test_an_empty_list_is_one_empty_page(db):
    page = page_of(items=AuditEvent.objects.none(), number=HUGE, size=3)

    assert page.number == 1
    assert list(page) == []


@pytest.mark.parametrize("order", [("pk",), ("-pk",), ("action", "-id")])
@pytest.mark.parametrize("size", [1, 2, 3, 7])
def test_every_page_holds_the_rows_in_order_wherever_it_is_read_from(events, order, size):
    ordered = events.order_by(*order)
    expected = [event.pk for event in ordered]
    pages = (len(expected) + size - 1) // size

    read = [
        [event.pk for event in page_of(items=ordered, number=str(number), size=size)]
        for number in range(1, pages + 1)
    ]

    assert read == [expected[start : start + size] for start in range(0, len(expected), size)]


def test_the_last_pages_are_read_backwards_from_the_end_not_skipped_to(events):
    ordered = events.order_by("-pk")
    with CaptureQueriesContext(connection) as captured:
        page = page_of(items=ordered, number="3", size=3)

    assert [event.data["n"] for event in page] == [0]
    ids_query = captured.captured_queries[1]["sql"]
    assert "OFFSET" not in ids_query.upper()
    assert " ASC" in ids_query.upper()


def test_a_list_whose_order_can_tie_is_read_from_the_front(events):
    # Every event has the same action: backwards would not be the reverse.
    tied = events.order_by("action")
    with CaptureQueriesContext(connection) as captured:
        page_of(items=tied, number="3", size=3)

    assert "OFFSET 6" in captured.captured_queries[1]["sql"].upper()


@pytest.mark.parametrize("number", ["1", "2"])
def test_a_filtered_page_read_from_its_unfiltered_rows_holds_only_the_filtered(events, number):
    everything = events.order_by("-pk")
    wanted = [event for event in everything if event.data["n"] % 2 == 0]
    evens = everything.filter(pk__in=[event.pk for event in wanted])

    page = page_of(items=evens, rows=everything, number=number, size=3)

    assert page.paginator.count == len(wanted)
    start = (int(number) - 1) * 3
    assert [event.pk for event in page] == [event.pk for event in wanted[start : start + 3]]


def _events_of(action, order):
    def rows(asked_action):
        return AuditEvent.objects.filter(action=asked_action).order_by(*order)

    return rows


@pytest.mark.parametrize("order", [("pk",), ("-pk",), ("action", "-id")])
@pytest.mark.parametrize("size", [2, 3])
def test_a_page_written_once_holds_what_page_of_holds_wherever_it_is_read_from(events, order, size):
    rows = _events_of("core.test", order)
    expected = [event.pk for event in rows("core.test")]
    pages = (len(expected) + size - 1) // size

    read = [
        [
            event.pk
            for event in page_written_once(
                rows,
                ["core.test"],
                shown=lambda ids, action: rows(action).filter(pk__in=ids),
                name=f"events {order} {size}",
                number=str(number),
                size=size,
                count_key=f"test-events:{order}:{size}",
            )
        ]
        for number in range(1, pages + 1)
    ]

    assert read == [expected[start : start + size] for start in range(0, len(expected), size)]


def test_a_page_written_once_for_one_list_gives_another_list_its_own_rows(
    events, django_assert_num_queries
):
    person = UserFactory()
    for number in range(4):
        audit_record(actor=person, action="core.other", data={"n": 10 + number})
    rows = _events_of("", ("-pk",))

    def second_page(action):
        return page_written_once(
            rows,
            [action],
            shown=lambda ids, action: rows(action).filter(pk__in=ids).values("data"),
            name="events by action",
            number="2",
            size=2,
            count_key=f"test-events-by-action:{action}",
        )

    second_page("core.test")
    second_page("core.other")
    # Both totals are kept now: each page is one query, run with its own list's values.
    with django_assert_num_queries(1):
        tests = [row["data"]["n"] for row in second_page("core.test")]
    with django_assert_num_queries(1):
        others = [row["data"]["n"] for row in second_page("core.other")]

    assert tests == [4, 3]
    assert others == [11, 10]
