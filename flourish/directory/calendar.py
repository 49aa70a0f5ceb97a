"""iCalendar (RFC 5545) feeds for an offer's meetings (repeating or one-off), in UK local time."""

import datetime
from collections.abc import Iterable

from django.utils import timezone

from flourish.directory.models import Frequency, Offer, Schedule

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

# RFC 5545 needs a VTIMEZONE for every TZID used; this is the UK's rule since 1996.
EUROPE_LONDON = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19700329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19701025T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    encoded, parts = line.encode(), list[str]()
    while len(encoded) > 75:
        cut = 75 if not parts else 74
        while cut and (encoded[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
            cut -= 1
        parts.append(encoded[:cut].decode())
        encoded = encoded[cut:]
    parts.append(encoded.decode())
    return "\r\n ".join(parts)


def _first_date(slot: Schedule, today: datetime.date) -> datetime.date:
    if slot.is_one_off and slot.starts_on:
        return slot.starts_on
    start = slot.starts_on or today
    return start + datetime.timedelta(days=(slot.weekday - start.weekday()) % 7)


def _rrule(slot: Schedule, first: datetime.date) -> str:
    day = DAY_CODES[slot.weekday]
    if slot.frequency == Frequency.MONTHLY:
        return f"RRULE:FREQ=MONTHLY;BYDAY={(first.day - 1) // 7 + 1}{day}"
    interval = ";INTERVAL=2" if slot.frequency == Frequency.FORTNIGHTLY else ""
    return f"RRULE:FREQ=WEEKLY{interval};BYDAY={day}"


def _event(offer: Offer, slot: Schedule, stamp: str, today: datetime.date) -> list[str]:
    first = _first_date(slot, today)
    places = [link.place for link in offer.offer_places.all()]
    lines = [
        "BEGIN:VEVENT",
        f"UID:{slot.uuid}@flourish",
        f"DTSTAMP:{stamp}",
        f"DTSTART;TZID=Europe/London:{first:%Y%m%d}T{slot.opens_at:%H%M%S}",
        f"DTEND;TZID=Europe/London:{first:%Y%m%d}T{slot.closes_at:%H%M%S}",
        *([] if slot.is_one_off else [_rrule(slot, first)]),
        f"SUMMARY:{_escape(offer.name)}",
        f"DESCRIPTION:{_escape(offer.description)}",
    ]
    if places:
        where = places[0]
        shown = where.name if where.is_public_venue else where.outward_code
        lines.append(f"LOCATION:{_escape(shown)}")
    lines.append("END:VEVENT")
    return lines


def offer_ics(offer: Offer) -> str:
    """A calendar with one repeating event per regular meeting of the offer."""
    return calendar_ics(name=offer.name, offers=[offer])


def calendar_ics(*, name: str, offers: Iterable[Offer]) -> str:
    """A calendar with one repeating event per regular meeting of each offer."""
    now = timezone.now()
    stamp = now.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Flourish//Directory//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(name)}",
        *EUROPE_LONDON,
    ]
    today = timezone.localdate(now)
    for offer in offers:
        for slot in offer.schedules.all():
            lines.extend(_event(offer, slot, stamp, today))
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
