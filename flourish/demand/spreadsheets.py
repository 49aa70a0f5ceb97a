"""Reading contacts from a CSV or XLSX file: a tally sheet typed up, or another system's
export. Both go through the same checks and the same all-or-nothing preview.

The columns are the ones the tally sheet and the download use, so a file downloaded from
here comes back in unchanged. Values may be the short codes (`failure`, `not_understood`)
or the words on the form ("Didn't understand"), in any case.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from flourish.core.formatting import is_whole_number
from flourish.core.forms import outside_years, years_message
from flourish.core.spreadsheets import spreadsheet_table_read
from flourish.demand.models import Channel, DemandType, FailureKind

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000
MAX_COUNT = 500

REQUIRED = ("date", "words", "channel", "demand")
OPTIONAL = ("kind", "cause", "sorted at first contact", "count")
# Other headings people use for the same columns.
ALIASES = {
    "what they asked": "words",
    "what they said": "words",
    "value or failure": "demand",
    "kind of failure": "kind",
    "failure kind": "kind",
    "sorted": "sorted at first contact",
    "resolved at first contact": "sorted at first contact",
    "how many": "count",
    "times": "count",
}
YES = {"yes", "y", "true", "1", "✓", "x"}
NO = {"no", "n", "false", "0", ""}
# The last is how a workbook's date cell with a time of day reads as text.
DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d/%m/%y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%Y-%m-%dT%H:%M:%S",
)
WORKBOOK_START = b"PK\x03\x04"


@dataclass
class CheckedRow:
    number: int
    data: dict[str, Any]
    count: int = 1
    errors: list[str] = field(default_factory=list)


# The one-letter codes printed on the tally sheet, column by column.
LETTERS: dict[str, dict[str, str]] = {
    "channel": {
        "p": Channel.PHONE,
        "e": Channel.EMAIL,
        "i": Channel.IN_PERSON,
        "f": Channel.ONLINE_FORM,
        "s": Channel.SOCIAL_MEDIA,
    },
    "demand": {"v": DemandType.VALUE, "f": DemandType.FAILURE},
    "kind": {
        "c": FailureKind.CHASING,
        "u": FailureKind.NOT_UNDERSTOOD,
        "r": FailureKind.REPEAT,
        "w": FailureKind.WRONG_PLACE,
        "s": FailureKind.WENT_WRONG,
        "o": FailureKind.OTHER,
    },
}


def _choice(value: str, choices: list[tuple[str, Any]], column: str) -> str:
    """The code for a value given as its letter, code or label, or the value if unknown."""
    wanted = value.strip().lower()
    if wanted in LETTERS[column]:
        return str(LETTERS[column][wanted])
    for code, label in choices:
        if wanted in (code, str(label).lower(), str(label).split(":")[0].strip().lower()):
            return str(code)
    return value.strip()


def _date(value: str) -> datetime.date | None:
    for pattern in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    return None


def read_table(upload: IO[bytes]) -> list[list[str]]:
    content = upload.read(MAX_BYTES + 1)
    if len(content) > MAX_BYTES:
        raise ValidationError(_("The file is bigger than 2 MB. Split it into smaller files."))
    if content.startswith(WORKBOOK_START):
        # An XLSX workbook, whatever its name: its first sheet, values only, never formulas.
        table = spreadsheet_table_read(
            io.BytesIO(content), filename="contacts.xlsx", max_rows=MAX_ROWS
        )
        return [[cell.strip() for cell in row] for row in table]
    if b"\x00" in content[:8192] or content.startswith((b"%PDF", b"\x89PNG")):
        raise ValidationError(
            _("This is not a CSV file. Open your spreadsheet, save it as CSV and upload that.")
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    try:
        rows = list(csv.reader(io.StringIO(text)))
    except csv.Error as error:
        raise ValidationError(_("This file could not be read as CSV. Save it again.")) from error
    return [row for row in rows if any(cell.strip() for cell in row)]


def headings(first_row: list[str]) -> list[str]:
    """The column names, or a message that names what is missing or not understood."""
    names = [ALIASES.get(h.strip().lower(), h.strip().lower()) for h in first_row]
    unknown = [h for h in names if h and h not in REQUIRED + OPTIONAL]
    missing = [h for h in REQUIRED if h not in names]
    if unknown or missing:
        parts = []
        if missing:
            parts.append(_("These columns are missing: %(names)s.") % {"names": ", ".join(missing)})
        if unknown:
            parts.append(
                _("These columns are not ones we know: %(names)s.") % {"names": ", ".join(unknown)}
            )
        parts.append(
            _("The first row must name the columns: %(names)s.")
            % {"names": ", ".join(REQUIRED + OPTIONAL)}
        )
        raise ValidationError(" ".join(parts))
    return names


def read_rows(upload: IO[bytes]) -> list[CheckedRow]:
    """Each row of the file as a contact's fields, with the problems found in reading it."""
    table = read_table(upload)
    if not table:
        raise ValidationError(_("The file is empty. Put the column headings in the first row."))
    if len(table) > MAX_ROWS + 1:
        raise ValidationError(
            _("The file has more than %(rows)s rows. Split it into smaller files.")
            % {"rows": MAX_ROWS}
        )
    names = headings(table[0])
    return [
        _row(number, dict(zip(names, cells, strict=False)))
        for number, cells in enumerate(table[1:], start=2)
    ]


def _row(number: int, cells: dict[str, str]) -> CheckedRow:
    row = CheckedRow(number=number, data={})
    when = _date(cells.get("date", ""))
    if when is None:
        row.errors.append(_("Write the date as 2026-03-27 or 27/03/2026."))
    elif outside_years(when):
        row.errors.append(years_message())
    sorted_text = cells.get("sorted at first contact", "").strip().lower()
    if sorted_text not in YES | NO:
        row.errors.append(_("Write yes or no under “sorted at first contact”."))
    count_text = cells.get("count", "").strip() or "1"
    if not is_whole_number(count_text) or not 1 <= int(count_text) <= MAX_COUNT:
        row.errors.append(
            _("The count must be a whole number from 1 to %(most)s.") % {"most": MAX_COUNT}
        )
    else:
        row.count = int(count_text)
    row.data = {
        "received_on": when.isoformat() if when else "",
        "words": cells.get("words", "").strip(),
        "channel": _choice(cells.get("channel", ""), Channel.choices, "channel"),
        "demand": _choice(cells.get("demand", ""), DemandType.choices, "demand"),
        "failure_kind": _choice(cells.get("kind", ""), FailureKind.choices, "kind"),
        "cause": cells.get("cause", "").strip(),
        "resolved_first_time": sorted_text in YES,
    }
    return row
