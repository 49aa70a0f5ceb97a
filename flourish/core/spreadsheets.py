"""The one way Flourish writes CSV and XLSX files, so no cell can run as a formula.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (and, in some
programs, a tab, a carriage return or the full-width forms of those signs) as a
formula: a group named `=HYPERLINK("http://evil.example","Click")` would become
a live link, or worse, on a funder's computer. Every export writes its cells
through `spreadsheet_cell`, which puts an apostrophe in front of such text, as
OWASP advises; spreadsheets show the text as typed. Numbers stay numbers.
"""

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from datetime import date, datetime, time
from decimal import Decimal
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils.exceptions import InvalidFileException

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


MAX_UPLOAD_BYTES = 5 * 1024 * 1024


def spreadsheet_table_read(upload: IO[bytes], *, filename: str, max_rows: int) -> list[list[str]]:
    """The non-empty rows of a CSV file or of an XLSX file's first sheet, as text.

    XLSX is read with openpyxl: cached cell values only (a formula's last result, never
    the formula), streamed a row at a time, and no more than `max_rows` rows past the
    headings are read, so a caller can say the file is too long without reading it all."""
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    if len(content) > MAX_UPLOAD_BYTES:
        raise ValidationError(_("The file is bigger than 5 MB. Split it into smaller files."))
    if filename.lower().endswith(".xlsx"):
        return _xlsx_table(content, max_rows)
    if filename.lower().endswith(".csv"):
        return _csv_table(content)
    raise ValidationError(_("Choose a CSV or XLSX file."))


# How other kinds of file begin, so that one renamed to .csv gets a message, not garbage.
_NOT_TEXT_STARTS = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"%PDF",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0",
)


def _looks_binary(content: bytes) -> bool:
    # Text never holds a NUL byte; pictures, PDFs and workbooks nearly always do.
    return content.startswith(_NOT_TEXT_STARTS) or b"\x00" in content[:8192]


def _csv_table(content: bytes) -> list[list[str]]:
    if _looks_binary(content):
        raise ValidationError(
            _(
                "This file is not a CSV file: it may be a picture, a PDF or a workbook "
                "renamed to .csv. Open your spreadsheet, save it as CSV or XLSX, and upload that."
            )
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ValidationError(
            _("This file could not be read as CSV. Save it again as CSV or XLSX.")
        ) from error
    return [row for row in rows if any(cell.strip() for cell in row)]


# What openpyxl raises for a file that is not a workbook or is damaged inside.
_UNREADABLE = (
    zipfile.BadZipFile,
    InvalidFileException,
    KeyError,
    IndexError,
    ValueError,
    SyntaxError,
)


def _xlsx_table(content: bytes, max_rows: int) -> list[list[str]]:
    table: list[list[str]] = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            sheet = book.worksheets[0]
            # The size a file declares can be wrong or huge; size rows by their cells instead.
            sheet.reset_dimensions()
            for values in sheet.iter_rows(values_only=True):
                row = [_cell_text(value) for value in values]
                if any(text.strip() for text in row):
                    table.append(row)
                if len(table) > max_rows + 1:
                    break  # Enough to say the file is too long, without reading the rest.
        finally:
            book.close()
    except _UNREADABLE as error:
        raise ValidationError(
            _("This file could not be read as XLSX. Save it again as XLSX or CSV.")
        ) from error
    return table


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # A number typed as 1123456 is not "1123456.0".
    if isinstance(value, datetime) and value.time() == time():
        return value.date().isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    return str(value)
