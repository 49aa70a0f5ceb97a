"""No cell Flourish writes to a spreadsheet can run as a formula; numbers stay numbers."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from flourish.core.spreadsheets import csv_lines, spreadsheet_cell, xlsx_write

FORMULAS = [
    "=1+1",
    '=HYPERLINK("http://evil.example","Click")',
    "+1+1",
    "-1+1",
    "@SUM(A1:A2)",
    "\t=1+1",
    "\r=1+1",
    "  =1+1",
    "＝1+1",
    "＋1+1",
    "－1+1",
    "＠SUM(A1)",
]


@pytest.mark.parametrize("text", FORMULAS)
def test_text_a_spreadsheet_would_run_as_a_formula_is_escaped(text):
    assert spreadsheet_cell(text) == "'" + text


@pytest.mark.parametrize("value", [12, -3, 4.5, Decimal("-1.50"), "-12.50", "+3", "", None])
def test_numbers_stay_numbers(value):
    assert spreadsheet_cell(value) == value


@pytest.mark.parametrize("text", ["Leeds", "Mind in Kirklees", "Walk & talk = good", "a-b"])
def test_ordinary_text_is_written_as_typed(text):
    assert spreadsheet_cell(text) == text


def test_a_csv_written_through_the_shared_writer_holds_no_formula():
    text = "".join(csv_lines([["Name", "Amount"], *[[formula, 5] for formula in FORMULAS]]))
    rows = list(csv.reader(io.StringIO(text)))
    assert [row[0] for row in rows[1:]] == ["'" + formula for formula in FORMULAS]
    assert {row[1] for row in rows[1:]} == {"5"}


def test_an_xlsx_written_through_the_shared_writer_holds_no_formula_and_keeps_numbers():
    output = io.BytesIO()
    xlsx_write([["Name", "Amount"], ["=1+1", 1500], ["Leeds", Decimal("12.50")]], output, title="t")
    sheet = load_workbook(io.BytesIO(output.getvalue())).active
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert sheet["A2"].value == "'=1+1"
    assert sheet["B2"].value == 1500 and sheet["B2"].data_type == "n"
    assert sheet["B3"].value == 12.5
