"""A budget holder reads the lines the council's officer and Flourish wrote in their own
language, with the months named in it, and the council's file in the officer's."""

import csv
import io

import pytest
from django.utils import timezone

from flourish.budgets.services.bookings import booking_ask, booking_confirm


@pytest.fixture
def paid_booking(budget, offer, jo, owner, next_week):
    return booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )


def _statement(client, jo, budget_id, language):
    client.force_login(jo)
    url = f"/budgets/{budget_id}/statement/"
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()


def test_a_welsh_reader_reads_the_lines_in_welsh(client, jo, paid_booking):
    page = _statement(client, jo, paid_booking.budget_id, "cy")
    assert "Cyllideb bersonol ar gyfer y cyfnod o 1 Ionawr 2026" in page
    assert "Peer support group gyda Hearing Voices Leeds, o " in page
    assert "Personal budget for the period" not in page


def test_an_urdu_reader_reads_the_lines_in_urdu(client, jo, paid_booking):
    page = _statement(client, jo, paid_booking.budget_id, "ur")
    assert "1 جنوری 2026 سے شروع ہونے والی مدت کا ذاتی بجٹ" in page
    assert "Personal budget for the period" not in page


def test_the_councils_file_is_in_the_language_it_is_asked_in(client, council_staff, budget):
    client.force_login(council_staff)
    period = timezone.localdate().strftime("%Y-%m")
    response = client.get(
        "/budgets/council/leeds/statements/",
        {"period": period, "download": "csv"},
        HTTP_ACCEPT_LANGUAGE="en-gb",
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    described = [row[rows[0].index("Description")] for row in rows[1:]]
    assert "Personal budget for the period from 1 January 2026" in described
