"""A coordinator's partner timebanks page pages each of its lists, so it stays quick and
readable for a timebank with partners all over the country."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.timebank.factories import TimebankFactory
from flourish.timebank.models import PartnershipRequest
from flourish.timebank.views.pages import PARTNERS_PER_PAGE

pytestmark = pytest.mark.django_db
ASKING = "Asking to be your partner"


def _page(client, timebank, **query) -> str:
    return client.get(reverse("timebank:partners", args=[timebank.slug]), query).text


def _section(page: str, heading: str) -> str:
    """One list of the page: from its heading to the next (the form below lists every
    timebank that could be asked, so names are looked for in their own list)."""
    start = page.index(f">{heading}</h2>")
    return page[start : page.index("<h2", start)]


def _asking(timebank, asked_by, how_many: int) -> None:
    for number in range(how_many):
        other = TimebankFactory(name=f"Asking Timebank {number:03d}")
        PartnershipRequest.objects.create(
            from_timebank=other, to_timebank=timebank, asked_by=asked_by
        )


def _partnered(timebank, how_many: int) -> None:
    for number in range(how_many):
        timebank.partners.add(TimebankFactory(name=f"Partner Timebank {number:03d}"))


def test_asks_are_shown_a_page_at_a_time_the_longest_waiting_first(
    client, coordinator_signed_in, timebank
):
    _asking(timebank, coordinator_signed_in, PARTNERS_PER_PAGE + 3)

    first = _section(_page(client, timebank), ASKING)
    assert "Asking Timebank 000" in first
    assert f"Asking Timebank {PARTNERS_PER_PAGE - 1:03d}" in first
    assert f"Asking Timebank {PARTNERS_PER_PAGE:03d}" not in first
    assert 'aria-label="Pages of timebanks asking to be your partner"' in first
    assert "?received=2" in first

    second = _section(_page(client, timebank, received=2), ASKING)
    assert f"Asking Timebank {PARTNERS_PER_PAGE + 2:03d}" in second
    assert "Asking Timebank 000" not in second
    assert "Page 2 of 2" in second


def test_each_list_keeps_its_own_page(client, coordinator_signed_in, timebank):
    _asking(timebank, coordinator_signed_in, PARTNERS_PER_PAGE + 1)
    _partnered(timebank, PARTNERS_PER_PAGE + 1)

    page = _page(client, timebank, partners=2)

    # The second page of partners beside the first page of asks, and links keep both.
    partners = _section(page, "Your partners")
    assert f"Partner Timebank {PARTNERS_PER_PAGE:03d}" in partners
    assert "Partner Timebank 000" not in partners
    assert "Asking Timebank 000" in _section(page, ASKING)
    assert "?partners=2&amp;received=2" in page


def test_the_page_asks_as_many_queries_for_a_few_partners_as_for_many(
    client, coordinator_signed_in, timebank
):
    _asking(timebank, coordinator_signed_in, 2)
    _partnered(timebank, 2)
    _page(client, timebank)  # warm up what is read once a process
    with CaptureQueriesContext(connection) as few:
        _page(client, timebank)

    _asking(timebank, coordinator_signed_in, PARTNERS_PER_PAGE * 2)
    _partnered(timebank, PARTNERS_PER_PAGE * 2)
    with CaptureQueriesContext(connection) as many:
        _page(client, timebank)

    assert len(many.captured_queries) == len(few.captured_queries)
