"""Calendar files: a group's words can never add an event, and a private place is shown
only by its postcode district."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from flourish.directory.factories import (
    ListingFactory,
    OfferFactory,
    OfferPlaceFactory,
    PlaceFactory,
    ScheduleFactory,
)

pytestmark = pytest.mark.django_db


def _offer(name="Tuesday walk", description="We walk.", place_name="Asha's flat", public=False):
    listing = ListingFactory(name="Walkers Headingley")
    offer = OfferFactory(listing=listing, name=name, description=description)
    ScheduleFactory(offer=offer)
    place = PlaceFactory(
        listing=listing, name=place_name, postcode="LS6 3AB", is_public_venue=public
    )
    OfferPlaceFactory(offer=offer, place=place)
    return offer


def _feeds(client, offer):
    """The offer's own feed and its group's feed, as text."""
    urls = [
        reverse("directory:offer_calendar", args=[offer.uuid]),
        reverse("directory:listing_calendar", args=[offer.listing.uuid]),
    ]
    return [client.get(url).content.decode() for url in urls]


@pytest.mark.parametrize("line_break", ["\r", "\n", "\r\n"], ids=["CR", "LF", "CRLF"])
def test_an_offer_name_cannot_inject_a_second_event(client, line_break):
    name = line_break.join(
        ["Walk", "END:VEVENT", "BEGIN:VEVENT", "SUMMARY:Send your bank details", "DTSTART:20300101"]
    )
    offer = _offer(name=name, description=f"Come along{line_break}BEGIN:VALARM")

    for ics in _feeds(client, offer):
        assert "\r" not in ics.replace("\r\n", "")
        lines = ics.split("\r\n")
        assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
        assert "BEGIN:VALARM" not in lines
        events = Calendar.from_ical(ics).walk("VEVENT")
        assert len(events) == 1
        # The whole name stays one piece of text, line breaks and all.
        summary = str(events[0]["SUMMARY"])
        assert summary.startswith("Walk\n") and summary.endswith("DTSTART:20300101")


def test_a_private_place_shows_only_its_postcode_district(client):
    offer = _offer(place_name="Asha's flat, 12 Cardigan Road", public=False)

    for ics in _feeds(client, offer):
        assert "Asha" not in ics and "Cardigan" not in ics and "3AB" not in ics
        event = Calendar.from_ical(ics).walk("VEVENT")[0]
        assert str(event["LOCATION"]) == "LS6"


def test_a_public_venue_is_shown_by_its_name(client):
    offer = _offer(place_name="Headingley Library", public=True)

    for ics in _feeds(client, offer):
        event = Calendar.from_ical(ics).walk("VEVENT")[0]
        assert str(event["LOCATION"]) == "Headingley Library"


def test_long_words_in_any_script_are_folded_without_breaking_a_character(client):
    offer = _offer(description="ہم ہر منگل کو اکٹھے چلتے ہیں، بات کرتے ہیں اور چائے پیتے ہیں۔ " * 6)

    ics_bytes = client.get(reverse("directory:offer_calendar", args=[offer.uuid])).content

    assert all(len(line) <= 75 for line in ics_bytes.split(b"\r\n"))
    event = Calendar.from_ical(ics_bytes.decode()).walk("VEVENT")[0]
    assert str(event["DESCRIPTION"]) == offer.description
