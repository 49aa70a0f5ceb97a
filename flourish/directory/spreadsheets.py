"""Reading a list of groups from a CSV or XLSX file, as councils keep them (read by
core's `spreadsheet_table_read`, which the timebank's import shares)."""

from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from flourish.core.spreadsheets import spreadsheet_table_read

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
    return _records(spreadsheet_table_read(upload, filename=filename, max_rows=MAX_ROWS))


def _records(table: list[list[str]]) -> list[dict[str, str]]:
    if not table:
        raise ValidationError(_("The file is empty. Put the column headings in the first row."))
    fields = [HEADINGS.get(heading.strip().lower()) for heading in table[0]]
    if "name" not in fields:
        raise ValidationError(_("The first row must have a column headed 'name'."))
    if len(table) == 1:
        raise ValidationError(
            _("The file has its column headings but no groups. Put one group on each row below.")
        )
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
