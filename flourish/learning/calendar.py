"""iCalendar (RFC 5545) files for a circle's meet-ups: one to download, and each member's
secret subscription feed. Written with the `icalendar` library, which escapes every value
and folds long lines, so words a moderator types can never add an event of their own.
Times are written in UTC, which every calendar app shows in its own time zone."""

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vText

from flourish.learning.models import Circle, Meetup


def _event(meetup: Meetup, stamp: datetime.datetime) -> Event:
    event = Event()
    event.add("uid", f"meetup-{meetup.pk}@flourish")
    event.add("dtstamp", stamp)
    event.add("dtstart", meetup.starts_at.astimezone(datetime.UTC))
    event.add("dtend", meetup.ends_at.astimezone(datetime.UTC))
    event.add("summary", meetup.title)
    event.add("location", meetup.where)
    event.add("description", meetup.details)
    address = reverse("learning:circle", args=[meetup.circle.slug])
    event.add("url", settings.SITE_URL.rstrip("/") + address)
    return event


def meetups_ics(*, circle: Circle, meetups: Iterable[Meetup]) -> bytes:
    feed = Calendar()
    feed.add("version", "2.0")
    feed.add("prodid", "-//Flourish//Circles//EN")
    feed.add("calscale", "GREGORIAN")
    # Extension properties are not escaped unless typed as text.
    feed.add("x-wr-calname", vText(circle.name))
    stamp = timezone.now().astimezone(datetime.UTC)
    for meetup in meetups:
        meetup.circle = circle
        feed.add_component(_event(meetup, stamp))
    return bytes(feed.to_ical())
