"""Reading a list of groups from a CSV or XLSX file, as councils keep them.

XLSX is read with openpyxl: the first worksheet, cached cell values only (a
formula's last result, never the formula), streamed a row at a time.
"""

import csv
import io
import zipfile
from datetime import date, datetime, time
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000

# Column headings people use, mapped to the listing's fields.
HEADINGS = {
    "name": "name",
    "group": "name",
    "group name": "name",
    "description": "description",
    "about": "description",
    "led by": "led_by",
    "who runs it": "led_by",
    "communities": "communities",
    "languages": "languages",
    "legal form": "legal_form",
    "charity or company number": "registration_number",
    "registration number": "registration_number",
    "postcode district": "area_outward_code",
    "postcode": "area_outward_code",
    "area": "area_outward_code",
    "website": "website",
    "social media": "social_link",
    "social link": "social_link",
    "email": "email",
    "contact email": "email",
    "phone": "phone",
    "contact phone": "phone",
}


def read_rows(upload: IO[bytes], *, filename: str) -> list[dict[str, str]]:
    """The rows of the first sheet as {field: text}, keyed by recognised column headings."""
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is bigger than 5 MB. Split it into smaller files."))
    if filename.lower().endswith(".xlsx"):
        table = _xlsx_table(content)
    elif filename.lower().endswith(".csv"):
        table = _csv_table(content)
    else:
        raise ValidationError(_("Choose a CSV or XLSX file."))
    return _records(table)


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


def _xlsx_table(content: bytes) -> list[list[str]]:
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
                if len(table) > MAX_ROWS + 1:
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


def _records(table: list[list[str]]) -> list[dict[str, str]]:
    if not table:
        raise ValidationError(_("The file is empty. Put the column headings in the first row."))
    fields = [HEADINGS.get(heading.strip().lower()) for heading in table[0]]
    if "name" not in fields:
        raise ValidationError(_("The first row must have a column headed 'name'."))
    if len(table) - 1 > MAX_ROWS:
        raise ValidationError(
            _("The file has more than %(max)d groups. Split it into smaller files.")
            % {"max": MAX_ROWS}
        )
    records = []
    for row in table[1:]:
        record = {field: "" for field in HEADINGS.values()}
        for field, value in zip(fields, row, strict=False):
            if field:
                record[field] = value.strip()
        records.append(record)
    return records
