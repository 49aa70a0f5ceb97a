"""Statements made at each month's end, and the council's download in its own layout."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from flourish.budgets.models import MonthlyStatement, add_months
from flourish.budgets.services.statements import statements_month_end


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _months() -> tuple[str, datetime.date, datetime.date]:
    """This month (when the fixture's money in was posted), its first day and the next's."""
    first = timezone.localdate().replace(day=1)
    return first.strftime("%Y-%m"), first, add_months(first, 1)


def test_a_months_statements_are_made_once_after_it_ends(budget, council):
    period, _first, following = _months()
    statements_month_end(today=following - datetime.timedelta(days=1))
    assert not MonthlyStatement.objects.filter(period=period).exists()
    assert statements_month_end(today=following) == 1
    assert statements_month_end(today=following) == 0
    made = MonthlyStatement.objects.get(council=council, period=period)
    with made.file.open("rb") as saved:
        text = saved.read().decode()
    assert text.startswith("Council,Budget,Person")
    assert "Money in" in text and made.rows == 1


def test_a_missed_run_catches_up_every_month_once(budget, council):
    period, _first, following = _months()
    made = statements_month_end(today=add_months(following, 1))
    assert made == MonthlyStatement.objects.count() >= 2
    MonthlyStatement.objects.filter(period=period).delete()
    assert statements_month_end(today=add_months(following, 2)) == 2
    assert statements_month_end(today=add_months(following, 2)) == 0


def test_staff_download_the_made_statement_and_a_stranger_cannot(
    client, budget, council, council_staff, other_staff
):
    period, _first, following = _months()
    statements_month_end(today=following)
    client.force_login(council_staff)
    page = client.get(reverse("budgets:council_statements", args=[council.slug])).content
    assert f"{period} (CSV, 1 line)" in page.decode()
    url = reverse("budgets:council_statement_made", args=[council.slug, period])
    assert b"".join(client.get(url).streaming_content).startswith(b"Council,")
    client.force_login(other_staff)
    assert client.get(url).status_code == 404


def test_the_finance_layout_has_one_signed_amount_in_pounds(client, budget, council, council_staff):
    client.force_login(council_staff)
    response = client.get(
        reverse("budgets:council_statements", args=[council.slug]),
        {"period": _months()[0], "download": "csv", "layout": "finance"},
    )
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == [
        "Budget",
        "Person",
        "Date",
        "What",
        "Kind of spending",
        "Amount (£, money out is negative)",
        "Ledger reference",
        "Note",
        "Unspent over the council’s threshold (£)",
    ]
    assert rows[1][5] == "400.00"


def test_the_council_downloads_a_month_as_xlsx_in_the_care_layout(
    client, budget, council, council_staff
):
    client.force_login(council_staff)
    response = client.get(
        reverse("budgets:council_statements", args=[council.slug]),
        {"period": _months()[0], "download": "xlsx", "layout": "care"},
    )
    assert response["Content-Disposition"].endswith('.xlsx"')
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Person" and rows[0][8] == "Money in (£)"
    assert rows[1][0] == "Jo Holder" and rows[1][8] == 400


def test_an_unknown_layout_says_what_to_do(client, council, council_staff):
    client.force_login(council_staff)
    response = client.get(
        reverse("budgets:council_statements", args=[council.slug]),
        {"period": _months()[0], "download": "csv", "layout": "mine"},
    )
    assert "Choose one of the column layouts listed" in response.content.decode()
