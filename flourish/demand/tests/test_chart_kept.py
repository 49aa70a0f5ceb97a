"""A service's chart and figures are drawn once for what they show and kept: reading the
page again draws nothing, and a new contact, a change made or another period shows at once."""

import re

import pytest
from django.urls import reverse

from flourish.core.tests.pieces import read_counting
from flourish.demand.factories import ChangeNoteFactory
from flourish.demand.tests.test_service_page import MONDAY, weekly

pytestmark = pytest.mark.django_db

CHART_TEMPLATE = "demand/includes/chart_figures.html"


def _read(client, address):
    """The page's text, and whether the chart was drawn to make it."""
    page, drawn = read_counting(client, address, CHART_TEMPLATE)
    return page, bool(drawn)


def _this_week(page):
    """This week's row of the figures table (the last): contacts, failure and share."""
    table = page[page.index('id="chart-table-caption"') :]
    table = table[: table.index("</table>")]
    last_row = table.split('<tr class="govuk-table__row">')[-1]
    return re.findall(r'numeric">([^<]*)<', last_row)[:3]


@pytest.fixture
def address(service):
    weekly(service, 12, 3)
    return reverse("demand:service", args=[service.slug])


def test_reading_the_page_again_draws_the_chart_no_more(client, address, colleague):
    client.force_login(colleague)
    first, drawn_first = _read(client, address)
    again, drawn_again = _read(client, address)
    assert (drawn_first, drawn_again) == (True, False)
    assert again.count("<circle") == first.count("<circle") == 12


def test_a_contact_logged_shows_in_the_chart_and_figures_at_once(
    client, address, service, colleague
):
    client.force_login(colleague)
    page, _drawn = _read(client, address)
    assert _this_week(page) == ["10", "3", "30.0%"]
    weekly(service, 1, 1, total=1)  # one more failure contact this week
    page, drawn = _read(client, address)
    assert drawn and _this_week(page) == ["11", "4", "36.4%"]


def test_a_change_made_shows_in_the_chart_at_once(client, address, service, colleague):
    client.force_login(colleague)
    _read(client, address)
    ChangeNoteFactory(service=service, made_on=MONDAY, text="We answer the phone in the evening")
    page, drawn = _read(client, address)
    assert drawn and "We answer the phone in the evening" in page
    assert 'stroke="#54319f"' in page  # the change marked on the chart


def test_by_month_is_its_own_chart(client, address, colleague):
    client.force_login(colleague)
    weeks, _drawn = _read(client, address)
    months, drawn = _read(client, address + "?by=month")
    assert drawn and months.count("<circle") < weeks.count("<circle")
