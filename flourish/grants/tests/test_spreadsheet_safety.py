"""Downloads a funder opens in a spreadsheet never hold a live formula, whatever a group typed."""

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from flourish.grants.factories import AwardFactory, GroupFactory, application_with_lines
from flourish.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db

FORMULA_STARTS = tuple("=+-@\t\r＝＋－＠")


def _award(programme, *, group_name="Tuesday Walkers", area="Leeds"):
    application = application_with_lines(
        programme=programme,
        group=GroupFactory(name=group_name),
        status=ApplicationStatus.AWARDED,
        amounts=(100_000,),
        local_authority=area,
    )
    return AwardFactory(application=application, programme=programme, amount_pence=100_000)


def test_a_council_area_typed_as_a_formula_comes_out_as_text_in_the_dashboard_download(
    client, staff, programme
):
    _award(programme, area="=1+1")
    client.force_login(staff)

    response = client.get(reverse("grants:dashboard", args=[programme.slug]), {"download": "area"})

    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[1][0] == "'=1+1"
    assert not any(cell.startswith(FORMULA_STARTS) for row in rows for cell in row)


def test_the_360giving_csv_holds_no_formula_and_keeps_amounts_as_numbers(tmp_path, programme):
    _award(programme, group_name='=HYPERLINK("http://evil.example","Click")', area="@SUM(1)")
    output = tmp_path / "grants.csv"

    call_command("export_360giving", output=str(output), format="csv", stdout=io.StringIO())

    row = next(csv.DictReader(output.open(encoding="utf-8")))
    assert row["Recipient Org:Name"] == """'=HYPERLINK("http://evil.example","Click")"""
    assert row["Beneficiary Location:Name"] == "'@SUM(1)"
    assert row["Amount Awarded"] == "1000"


def test_the_360giving_spreadsheet_holds_no_formula_and_keeps_amounts_as_numbers(
    tmp_path, programme
):
    _award(programme, group_name="=1+1", area="-1+1")
    output = tmp_path / "grants.xlsx"

    call_command("export_360giving", output=str(output), format="xlsx", stdout=io.StringIO())

    sheet = load_workbook(output).active
    titles = [cell.value for cell in sheet[1]]
    values = dict(zip(titles, [cell for cell in sheet[2]], strict=True))
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert values["Recipient Org:Name"].value == "'=1+1"
    assert values["Beneficiary Location:Name"].value == "'-1+1"
    assert values["Amount Awarded"].value == 1000
