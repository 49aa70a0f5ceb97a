"""Open data as a spreadsheet: the 360Giving XLSX is the CSV's rows, in a workbook."""

import csv
import io
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.grants.factories import AwardFactory, GroupFactory, application_with_lines
from flourish.grants.models import ApplicationStatus

pytestmark = pytest.mark.django_db


def _award(programme, group, **kwargs):
    application = application_with_lines(
        programme=programme,
        group=group,
        status=ApplicationStatus.AWARDED,
        amounts=(100_000, 50_050),
        **kwargs,
    )
    return AwardFactory(application=application, programme=programme, amount_pence=150_050)


@pytest.fixture
def published(programme):
    walkers = GroupFactory(name="Tuesday Walkers", slug="tuesday-walkers")
    charity = GroupFactory(name="Mind in Kirklees", slug="mind-kirklees", charity_number="1123456")
    # A name a spreadsheet would otherwise run as a formula, with a stray control character.
    tricky = GroupFactory(name="=SUM(1,2)\x0b Group", slug="sum-group")
    lead = UserFactory(email="walker.lead@example.org", name="Wendy Walker")
    MembershipFactory(user=lead, organisation=walkers, role=Role.GROUP_LEAD)
    _award(
        programme,
        walkers,
        submitted_by=lead,
        applicant_name="Wendy Walker",
        contact_detail="wendy@example.org",
        local_authority="Kirklees",
    )
    _award(programme, charity, contact_detail="07700 900456")
    _award(programme, tricky, contact_detail="LS1 4AP")


def _export(tmp_path, kind):
    output = tmp_path / f"grants.{kind}"
    call_command("export_360giving", output=str(output), format=kind, stdout=io.StringIO())
    return output


def _xlsx_rows(path):
    book = load_workbook(path, read_only=True)
    try:
        assert book.sheetnames == ["grants"]
        return [list(row) for row in book["grants"].iter_rows(values_only=True)]
    finally:
        book.close()


def test_the_spreadsheet_has_the_same_header_and_rows_as_the_csv(tmp_path, published):
    with _export(tmp_path, "csv").open(encoding="utf-8", newline="") as text:
        csv_rows = list(csv.reader(text))
    xlsx_rows = _xlsx_rows(_export(tmp_path, "xlsx"))

    assert xlsx_rows[0] == csv_rows[0]
    assert {
        "Identifier",
        "Title",
        "Amount Awarded",
        "Recipient Org:Identifier",
        "Classifications:0:Code",
        "Classifications:0:Title",
    } <= set(xlsx_rows[0])
    code = xlsx_rows[0].index("Classifications:0:Code")
    assert {row[code] for row in xlsx_rows[1:]} == {"technology-to-keep-in-touch"}
    assert len(xlsx_rows) == 4
    as_text = [["" if value is None else str(value) for value in row] for row in xlsx_rows]
    assert as_text[1:] == [[value.replace("\x0b", "") for value in row] for row in csv_rows[1:]]


def test_amounts_are_numbers_and_a_name_like_a_formula_stays_text(tmp_path, published):
    rows = _xlsx_rows(_export(tmp_path, "xlsx"))
    by_name = {row[rows[0].index("Recipient Org:Name")]: row for row in rows[1:]}
    awarded = rows[0].index("Amount Awarded")

    assert by_name["Mind in Kirklees"][awarded] == 1500.5
    # Escaped as in the CSV, so the cell stays text even if the sheet is saved as CSV.
    assert "'=SUM(1,2) Group" in by_name
    book = load_workbook(_export(tmp_path, "xlsx"))
    assert not any(cell.data_type == "f" for row in book["grants"].iter_rows() for cell in row)


def test_the_spreadsheet_holds_no_personal_data(tmp_path, published):
    rows = _xlsx_rows(_export(tmp_path, "xlsx"))
    text = "\n".join(str(value) for row in rows for value in row if value is not None)

    assert "Wendy" not in text
    assert "@" not in text
    assert not re.search(r"\b07\d{3} ?\d{6}\b", text)
    assert "LS1 4AP" not in text
    assert "Run our weekly peer support group" not in text
