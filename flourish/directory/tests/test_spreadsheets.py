"""Reading a council's XLSX file: what a coordinator typed is what the import sees."""

import io
import zipfile
from datetime import datetime

import pytest
from django.core.exceptions import ValidationError
from openpyxl import Workbook

from flourish.directory.spreadsheets import MAX_ROWS, read_rows


def _xlsx(*sheets: list[list[object]]) -> io.BytesIO:
    book = Workbook()
    book.remove(book.active)
    for number, rows in enumerate(sheets):
        sheet = book.create_sheet(f"Sheet {number + 1}")
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    return buffer


def test_numbers_read_as_typed_and_dates_as_iso_dates():
    upload = _xlsx(
        [
            ["Group name", "Charity or company number", "Phone", "About"],
            ["Mind in Kirklees", 1123456, 1484000000.0, datetime(2026, 3, 1)],
        ]
    )

    [row] = read_rows(upload, filename="groups.XLSX")

    assert row["name"] == "Mind in Kirklees"
    assert row["registration_number"] == "1123456"
    assert row["phone"] == "1484000000"
    assert row["description"] == "2026-03-01"


def test_only_the_first_sheet_is_read_and_blank_rows_are_skipped():
    upload = _xlsx(
        [["Name", "Postcode"], [], ["Hackney Mutual Aid", "E8"], [None, "  "], ["Peer Co", "LS6"]],
        [["Name"], ["Notes the council keeps on a second sheet"]],
    )

    rows = read_rows(upload, filename="groups.xlsx")

    assert [row["name"] for row in rows] == ["Hackney Mutual Aid", "Peer Co"]
    assert [row["area_outward_code"] for row in rows] == ["E8", "LS6"]


def test_a_formula_is_never_imported_as_text():
    upload = _xlsx([["Name", "Website"], ["Peer Co", '=HYPERLINK("https://evil.example")']])

    [row] = read_rows(upload, filename="groups.xlsx")

    assert row["name"] == "Peer Co"
    assert "HYPERLINK" not in row["website"]


def test_a_file_with_too_many_groups_is_refused():
    upload = _xlsx([["Name"], *([f"Group {n}"] for n in range(MAX_ROWS + 1))])

    with pytest.raises(ValidationError, match="more than 1000 groups"):
        read_rows(upload, filename="groups.xlsx")


def test_a_zip_that_is_not_a_workbook_gets_a_clear_message():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a spreadsheet")
    buffer.seek(0)

    with pytest.raises(ValidationError, match="could not be read as XLSX"):
        read_rows(buffer, filename="groups.xlsx")
