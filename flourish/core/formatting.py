"""The one formatter for money (integer pence), one for time (integer minutes), and the
dates a person's copy of their data shows."""

import datetime
import re
from typing import Any

from django.utils import formats, timezone
from django.utils.translation import get_language_bidi, ngettext
from django.utils.translation import gettext as _

# In right-to-left writing a minus sign takes the direction of the words around it and
# shows after the figure ("12-"). A left-to-right mark in front keeps the sign and the
# figure one left-to-right piece, as Urdu's own minus sign does in Unicode's locale data.
RIGHT_TO_LEFT_MINUS = "\u200e-"


def format_pence(pence: int, *, show_pence: bool | None = None) -> str:
    """£1,234.50 from 123450. Whole pounds drop the pence unless asked."""
    sign = "-" if pence < 0 else ""
    pounds, remainder = divmod(abs(pence), 100)
    if show_pence is None:
        show_pence = remainder != 0
    if show_pence:
        return f"{sign}£{pounds:,}.{remainder:02d}"
    return f"{sign}£{pounds:,}"


def format_minutes(minutes: int) -> str:
    """The words "2 hours 30 minutes" from 150, in the reader's language."""
    sign = "" if minutes >= 0 else RIGHT_TO_LEFT_MINUS if get_language_bidi() else "-"
    hours, remainder = divmod(abs(minutes), 60)
    parts = []
    if hours:
        parts.append(ngettext("%(count)d hour", "%(count)d hours", hours) % {"count": hours})
    if remainder or not hours:
        parts.append(
            ngettext("%(count)d minute", "%(count)d minutes", remainder) % {"count": remainder}
        )
    return sign + _(" ").join(parts)


# Pounds with or without commas between thousands ("1200", "1,200"), then pence if any:
# "12,50" is refused, not read as £1,250, because many keyboards write a decimal comma.
POUNDS = re.compile(r"(?P<pounds>[0-9]{1,3}(?:,[0-9]{3})+|[0-9]*)(?:\.(?P<pence>[0-9]{0,2}))?")


def parse_pounds(text: str) -> int:
    """Pence from what a person types: "450", "£450", "1,200.50". Raises ValueError."""
    cleaned = text.strip().replace("£", "").replace(" ", "")
    found = POUNDS.fullmatch(cleaned)
    if not cleaned or found is None or cleaned == ".":
        raise ValueError(text)
    pounds = found["pounds"].replace(",", "")
    pence = found["pence"] or ""
    return int(pounds or 0) * 100 + int(pence.ljust(2, "0") or 0)


def is_whole_number(text: str) -> bool:
    """Whether `text` is digits 0 to 9 alone, as `int()` reads them: "²" is a digit to
    `str.isdigit()`, and `int()` refuses it."""
    return text.isascii() and text.isdigit()


def format_day(value: Any) -> str:
    """A date (or the day of a moment, in Flourish's time zone) as "4 December 2026",
    the month in the reader's language; empty for none."""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return formats.date_format(value, "j F Y") if value else ""


def format_moment(moment: Any) -> str:
    """A moment as "4 December 2026 21:42", in Flourish's time zone and the reader's
    language; empty for none."""
    return formats.date_format(timezone.localtime(moment), "j F Y H:i") if moment else ""
