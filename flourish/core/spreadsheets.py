"""The one way Flourish writes CSV and XLSX files, so no cell can run as a formula.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some
programs, a tab, a carriage return or the full-width forms of those signs) as a
formula: a group named `=HYPERLINK("http://evil.example","Click")` would become
a live link, or worse, on a funder's computer. Every export writes its cells
through `spreadsheet_cell`, which puts an apostrophe in front of such text, as
OWASP advises; spreadsheets show the text as typed. Numbers stay numbers.
"""

import csv
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

FORMULA_STARTS = frozenset("=+-@\t\r\n\uff1d\uff0b\uff0d\uff20")
# Spaces a spreadsheet may skip before it looks for a formula sign.
_SKIPPED = " \u00a0\u3000"
# Text that is only a number ("-12.50", "+3") is harmless and stays as it is.
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")


def spreadsheet_cell(value: Any) -> Any:
    """The value as a spreadsheet should hold it: text that would run as a formula is escaped."""
    if not isinstance(value, str) or not value:
        return value
    if _PLAIN_NUMBER.fullmatch(value):
        return value
    if value[0] in FORMULA_STARTS or value.lstrip(_SKIPPED)[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def spreadsheet_row(values: Iterable[Any]) -> list[Any]:
    return [spreadsheet_cell(value) for value in values]


class _Line:
    """csv.writer needs a file; this one hands each written line straight back."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Iterable[Any]]) -> Iterator[str]:
    """Each row as one line of CSV, escaped, for streaming in constant memory."""
    writer = csv.writer(_Line())
    for row in rows:
        yield writer.writerow(spreadsheet_row(row))


def csv_response(filename: str, rows: Iterable[Iterable[Any]]) -> HttpResponse:
    """A small CSV download, every cell escaped."""
    response = HttpResponse("".join(csv_lines(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _xlsx_value(sheet: Any, value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if not isinstance(value, str):
        return value
    # XML cannot hold control characters; typed as text, the cell is never read as a formula.
    cell = WriteOnlyCell(sheet, value=ILLEGAL_CHARACTERS_RE.sub("", spreadsheet_cell(value)))
    cell.data_type = "s"
    return cell


def xlsx_write(rows: Iterable[Iterable[Any]], output: str | IO[bytes], *, title: str) -> None:
    """Rows as a one-sheet workbook; write-only mode streams rows to disk, so memory stays flat."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title)
    for row in rows:
        sheet.append([_xlsx_value(sheet, value) for value in row])
    book.save(output)
