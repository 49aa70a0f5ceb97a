"""Descriptions Flourish writes on transactions, read in the reader's language.

A line on a statement such as "Personal budget for the period from 1 December 2026"
is written by the system, often by a council officer working in English, and read
later by a budget holder in Welsh or Urdu. Storing only the words as written would
show that holder English. So a system-written description keeps its message (the
English msgid, marked with `gettext_noop`) and its values, and is put into words
each time it is read, in the language of whoever reads it, with the month named in
that language too.

`LedgerTransaction.description` still holds the words as first written: what the
audit trail and anyone reading the database directly see.

Values are strings a person typed (an offer's name, a reason), dates, or another
description (a reversal names what it reverses). They are stored as JSON: a date as
`{"date": "2026-12-01"}`, a description as `{"message": ..., "values": ...}`.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext

from flourish.core.formatting import format_day


@dataclass(frozen=True)
class Described:
    """A description to be put into words when read: `message % values`, translated."""

    message: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        """In the active language."""
        return in_words(self.message, self.stored_values())

    def stored_values(self) -> dict[str, Any]:
        return {name: _stored(value) for name, value in self.values.items()}


def in_words(message: str, values: dict[str, Any]) -> str:
    """A stored description in the active language (in English, from the message itself,
    when no catalogue translates it)."""
    return gettext(message) % {name: _read(value) for name, value in values.items()}


def _stored(value: Any) -> Any:
    if isinstance(value, Described):
        return {"message": value.message, "values": value.stored_values()}
    if isinstance(value, datetime.date):
        return {"date": value.isoformat()}
    if isinstance(value, dict):  # already stored: a value of a description read back
        return value
    return str(value)


def _read(value: Any) -> str:
    if isinstance(value, dict) and "date" in value:
        return format_day(datetime.date.fromisoformat(value["date"]))
    if isinstance(value, dict) and "message" in value:
        return in_words(value["message"], value.get("values", {}))
    return str(value)
