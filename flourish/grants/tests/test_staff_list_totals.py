"""The staff list counts a programme's applications once and pages through them without
counting again, and a change to what it counts is in its total on the next page."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.grants.factories import GroupFactory, application_with_lines
from flourish.grants.services.payments import award_pay
from flourish.grants.tests.test_payments import _award, funded_programme  # noqa: F401

pytestmark = pytest.mark.django_db


def _list(client, programme, **filters):
    url = reverse("grants:programme_applications", args=[programme.slug])
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url, filters).content.decode()
    counted = [q for q in captured.captured_queries if "COUNT(" in q["sql"].upper()]
    return html, len(counted)


def test_paging_through_a_list_counts_it_once(client, staff, programme):
    for n in range(30):
        application_with_lines(programme=programme, group=GroupFactory(name=f"Group {n}"))
    client.force_login(staff)

    first, counted_first = _list(client, programme)
    second, counted_second = _list(client, programme, page="2")

    assert "30 applications" in first and "30 applications" in second
    assert (counted_first, counted_second) == (1, 0)


def test_a_newly_sent_application_is_in_the_total_at_once(client, staff, programme):
    application_with_lines(programme=programme)
    client.force_login(staff)
    assert "1 application" in _list(client, programme)[0]

    application_with_lines(programme=programme)

    html, counted = _list(client, programme)
    assert "2 applications" in html
    assert counted == 1


def test_each_filter_keeps_its_own_total(client, staff, programme):
    application_with_lines(programme=programme, group=GroupFactory(name="Hearing Voices Leeds"))
    application_with_lines(programme=programme, group=GroupFactory(name="Walk and Talk"))
    client.force_login(staff)

    assert "2 applications" in _list(client, programme)[0]
    assert "1 application" in _list(client, programme, search="voices")[0]
    assert "2 applications" in _list(client, programme)[0]


def test_an_award_paid_in_full_moves_between_the_status_totals(
    client,
    staff,
    funded_programme,  # noqa: F811
):
    award = _award(funded_programme, staff)
    client.force_login(staff)
    assert "1 application" in _list(client, funded_programme, status="awarded")[0]
    assert "0 applications" in _list(client, funded_programme, status="paid")[0]

    award_pay(award=award, actor=staff, idempotency_key="click-1")

    assert "0 applications" in _list(client, funded_programme, status="awarded")[0]
    assert "1 application" in _list(client, funded_programme, status="paid")[0]
