"""iCalendar (RFC 5545) feeds for an offer's meetings (repeating or one-off), in UK local time.

Written with the `icalendar` library, which escapes every value (commas, semicolons,
backslashes, and line breaks of every kind) and folds long lines: a group's own words can
never end an event early or add one of their own.
"""

import datetime
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from django.utils import timezone
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur, vText

from flourish.directory.models import Frequency, Offer, Place, Schedule

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
LONDON = ZoneInfo("Europe/London")


def _europe_london() -> Timezone:
    """RFC 5545 needs a VTIMEZONE for every TZID used; this is the UK's rule since 1996."""
    zone = Timezone()
    zone.add("tzid", "Europe/London")
    summer = TimezoneDaylight()
    summer.add("tzname", "BST")
    summer.add("dtstart", datetime.datetime(1970, 3, 29, 1, 0))
    summer.add("tzoffsetfrom", datetime.timedelta(hours=0))
    summer.add("tzoffsetto", datetime.timedelta(hours=1))
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1SU"})
    winter = TimezoneStandard()
    winter.add("tzname", "GMT")
    winter.add("dtstart", datetime.datetime(1970, 10, 25, 2, 0))
    winter.add("tzoffsetfrom", datetime.timedelta(hours=1))
    winter.add("tzoffsetto", datetime.timedelta(hours=0))
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1SU"})
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def _first_date(slot: Schedule, today: datetime.date) -> datetime.date:
    if slot.is_one_off and slot.starts_on:
        return slot.starts_on
    start = slot.starts_on or today
    return start + datetime.timedelta(days=(slot.weekday - start.weekday()) % 7)


def _rrule(slot: Schedule, first: datetime.date) -> vRecur:
    day = DAY_CODES[slot.weekday]
    if slot.frequency == Frequency.MONTHLY:
        return vRecur(freq="MONTHLY", byday=f"{(first.day - 1) // 7 + 1}{day}")
    if slot.frequency == Frequency.FORTNIGHTLY:
        return vRecur(freq="WEEKLY", interval=2, byday=day)
    return vRecur(freq="WEEKLY", byday=day)


def shown_location(place: Place) -> str:
    """A public venue by its name; anywhere else (someone's flat) only by postcode district."""
    return place.name if place.is_public_venue else place.outward_code


def _event(offer: Offer, slot: Schedule, stamp: datetime.datetime, today: datetime.date) -> Event:
    first = _first_date(slot, today)
    event = Event()
    event.add("uid", f"{slot.uuid}@flourish")
    event.add("dtstamp", stamp)
    event.add("dtstart", datetime.datetime.combine(first, slot.opens_at, tzinfo=LONDON))
    event.add("dtend", datetime.datetime.combine(first, slot.closes_at, tzinfo=LONDON))
    if not slot.is_one_off:
        event.add("rrule", _rrule(slot, first))
    event.add("summary", offer.name)
    event.add("description", offer.description)
    places = [link.place for link in offer.offer_places.all()]
    if places:
        event.add("location", shown_location(places[0]))
    return event


def offer_ics(offer: Offer) -> bytes:
    """A calendar with one repeating event per regular meeting of the offer."""
    return calendar_ics(name=offer.name, offers=[offer])


def calendar_ics(*, name: str, offers: Iterable[Offer]) -> bytes:
    """A calendar with one event per meeting of each offer (repeating, or once)."""
    now = timezone.now()
    feed = Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//Flourish//Directory//EN")
    feed.add("calscale", "GREGORIAN")
    # Extension properties are not escaped unless typed as text.
    feed.add("x-wr-calname", vText(name))
    feed.add_component(_europe_london())
    stamp = now.astimezone(datetime.UTC)
    today = timezone.localdate(now)
    for offer in offers:
        for slot in offer.schedules.all():
            feed.add_component(_event(offer, slot, stamp, today))
    return feed.to_ical()
