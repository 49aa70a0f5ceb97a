"""From `make seed`'s data alone, council staff download a month's statements from the page,
in each column layout, as CSV and as XLSX."""

import csv
import io

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from flourish.accounts.models import User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.budgets import demo as budgets_demo
from flourish.budgets.statements import LAYOUTS

pytestmark = pytest.mark.django_db


def test_the_council_downloads_a_months_statements_from_seed_data(client):
    call_command("seed", stdout=io.StringIO())
    client.force_login(with_authenticator(User.objects.get(email="council@example.org")))
    url = f"/budgets/council/{budgets_demo.COUNCIL_SLUG}/statements/"
    page = client.get(url).content.decode()
    assert "Download as XLSX" in page
    period = timezone.localdate().strftime("%Y-%m")
    counts = set()
    for layout in LAYOUTS:
        response = client.get(url, {"period": period, "download": "csv", "layout": layout})
        rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
        counts.add(len(rows))
        assert len(rows) > 30  # a month's money in for 30 holders, and their purchases
    assert len(counts) == 1  # every layout has the same lines
    response = client.get(url, {"period": period, "download": "xlsx", "layout": "finance"})
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    assert sum(1 for _row in book.active.iter_rows()) == counts.pop()
