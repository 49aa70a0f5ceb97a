"""Reading a list of groups from a CSV or XLSX file, as councils keep them.

XLSX is read with the standard library (it is zipped XML): the first worksheet,
cell values only, so no spreadsheet package is needed at run time.
"""

import csv
import io
import re
import zipfile
from typing import IO
from xml.etree import ElementTree

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
_NS = {"s": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

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


def _csv_table(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    return [row for row in csv.reader(io.StringIO(text)) if any(cell.strip() for cell in row)]


def _column_number(reference: str) -> int:
    letters = re.match(r"[A-Z]+", reference)
    number = 0
    for letter in letters.group(0) if letters else "A":
        number = number * 26 + ord(letter) - 64
    return number - 1


def _xlsx_table(content: bytes) -> list[list[str]]:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            shared = _shared_strings(book)
            sheet = ElementTree.fromstring(book.read(_first_sheet_path(book)))
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as error:
        raise ValidationError(
            _("This file could not be read as XLSX. Save it again as XLSX or CSV.")
        ) from error
    table = []
    for row in sheet.iterfind(".//s:sheetData/s:row", _NS):
        cells: dict[int, str] = {}
        for cell in row.iterfind("s:c", _NS):
            cells[_column_number(cell.get("r", "A"))] = _cell_text(cell, shared)
        if any(value.strip() for value in cells.values()):
            table.append([cells.get(i, "") for i in range(max(cells) + 1)])
    return table


def _shared_strings(book: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in book.namelist():
        return []
    root = ElementTree.fromstring(book.read("xl/sharedStrings.xml"))
    return [
        "".join(t.text or "" for t in item.iterfind(".//s:t", _NS))
        for item in root.iterfind("s:si", _NS)
    ]


def _first_sheet_path(book: zipfile.ZipFile) -> str:
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    first = workbook.find(".//s:sheets/s:sheet", _NS)
    relations = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    for relation in relations:
        if first is not None and relation.get("Id") == first.get(_REL):
            target = relation.get("Target", "").lstrip("/")
            return target if target.startswith("xl/") else f"xl/{target}"
    return "xl/worksheets/sheet1.xml"


def _cell_text(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iterfind(".//s:t", _NS))
    value = cell.find("s:v", _NS)
    text = value.text if value is not None and value.text else ""
    if kind == "s" and text.isdigit() and int(text) < len(shared):
        return shared[int(text)]
    return text


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
