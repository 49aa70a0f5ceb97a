"""One-off dates: a group adds a single session; people see it, search for it and add it to a
calendar until it has happened; the Open Referral API publishes it without a recurrence."""

import datetime

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flourish.directory.factories import (
    ListingFactory,
    OfferFactory,
    OfferPlaceFactory,
    PlaceFactory,
    ScheduleFactory,
)
from flourish.directory.models import Frequency, Offer, Schedule
from flourish.directory.services.offers import offer_create
from flourish.directory.tests.openreferral import validate
from flourish.directory.tests.test_offers import GOOD

SEARCH = reverse("directory:search")


def next_saturday() -> datetime.date:
    today = timezone.localdate()
    return today + datetime.timedelta(days=(5 - today.weekday()) % 7 or 7)


def last_saturday() -> datetime.date:
    return next_saturday() - datetime.timedelta(days=14)


def in_words(day: datetime.date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


ONE_OFF = {
    **GOOD,
    "name": "Summer picnic",
    "weekday": "",
    "frequency": "ONCE",
    "opens_at": "10:00",
    "closes_at": "13:00",
}


@pytest.fixture
def listing(group, owner):
    return ListingFactory(organisation=group)


def one_off(*, on: datetime.date, name: str, listing=None) -> Offer:
    offer: Offer = OfferFactory.create(name=name, **({"listing": listing} if listing else {}))
    ScheduleFactory(
        offer=offer,
        weekday=on.weekday(),
        starts_on=on,
        frequency=Frequency.ONCE,
        opens_at=datetime.time(10),
        closes_at=datetime.time(13),
    )
    OfferPlaceFactory(offer=offer, place=PlaceFactory(listing=offer.listing, postcode="LS6 1AA"))
    return offer


def test_a_lead_adds_a_one_off_date_and_people_see_it_in_plain_words(client, listing, owner):
    client.force_login(owner)
    day = next_saturday()
    url = reverse("directory:offer_add", args=[listing.uuid])
    page = client.post(
        url, {**ONE_OFF, "starts_on": day.strftime("%d/%m/%Y")}, follow=True
    ).content.decode()
    assert f'Once only: {in_words(day)}, <span dir="ltr">10:00–13:00</span>' in page
    slot = Schedule.objects.get()
    assert (slot.frequency, slot.starts_on, slot.weekday) == (Frequency.ONCE, day, 5)
    edit = client.get(reverse("directory:offer_edit", args=[slot.offer.uuid]))
    assert edit.context["form"].initial["starts_on"] == day.strftime("%d/%m/%Y")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"opens_at": "13:00", "closes_at": "10:00"}, "closes_at", "end time after the start"),
        ({"starts_on": "past"}, "starts_on", "Enter a date that is today or later"),
        ({"starts_on": ""}, "starts_on", "Enter the date it happens, for example 27/3/2027"),
        ({"starts_on": "31/2/2030"}, "starts_on", "Enter a real date, for example 27/3/2027"),
        ({"opens_at": ""}, "opens_at", "Enter the time it starts, for example 18:00"),
    ],
)
def test_a_bad_one_off_date_is_refused_with_a_clear_message_and_nothing_saved(
    client, listing, owner, changes, field, message
):
    client.force_login(owner)
    data = {**ONE_OFF, "starts_on": next_saturday().isoformat(), **changes}
    if data["starts_on"] == "past":
        data["starts_on"] = last_saturday().strftime("%d/%m/%Y")
    response = client.post(reverse("directory:offer_add", args=[listing.uuid]), data)
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert message in response.content.decode()
    assert not Offer.objects.exists() and not Schedule.objects.exists()


def test_the_service_refuses_a_one_off_in_the_past_and_saves_nothing(listing, owner):
    schedule = {
        "frequency": Frequency.ONCE,
        "starts_on": last_saturday(),
        "opens_at": datetime.time(10),
        "closes_at": datetime.time(13),
    }
    fields = {"name": "Picnic", "description": "Food in the park.", "kind": "activity"}
    with pytest.raises(ValidationError) as refused:
        offer_create(actor=owner, listing=listing, fields=fields, schedule=schedule)
    assert "Enter a date that is today or later" in str(refused.value)
    assert not Offer.objects.exists() and not Schedule.objects.exists()


def test_a_past_one_off_is_shown_as_having_happened_not_as_upcoming(client, db):
    day = last_saturday()
    offer = one_off(on=day, name="Spring picnic")
    page = client.get(reverse("directory:offer", args=[offer.uuid])).content.decode()
    assert f"Happened on {in_words(day)}" in page
    assert "Once only:" not in page


def test_day_and_time_filters_find_an_upcoming_one_off_by_its_weekday_but_not_a_past_one(
    client, db
):
    one_off(on=next_saturday(), name="Summer picnic")
    one_off(on=last_saturday(), name="Spring picnic")

    def found(**query):
        hits = client.get(SEARCH, query).context["results"].hits
        return sorted(hit.offer.name for hit in hits)

    assert found(day="weekends", time="morning") == ["Summer picnic"]
    assert found(day="5") == ["Summer picnic"]
    assert found(day="weekdays") == []
    assert found(day="5", time="evening") == []
    assert found(q="picnic") == ["Spring picnic", "Summer picnic"]


def test_the_calendar_feed_has_a_one_off_as_a_single_event_without_a_rule(client, db):
    day = next_saturday()
    offer = one_off(on=day, name="Summer picnic")
    ics = client.get(reverse("directory:offer_calendar", args=[offer.uuid])).content.decode()
    assert ics.count("BEGIN:VEVENT") == 1
    event = ics[ics.index("BEGIN:VEVENT") : ics.index("END:VEVENT")]
    assert "RRULE" not in event
    assert f"DTSTART;TZID=Europe/London:{day:%Y%m%d}T100000" in ics
    assert f"DTEND;TZID=Europe/London:{day:%Y%m%d}T130000" in ics


def test_a_group_feed_mixes_repeating_and_one_off_meetings(client, db):
    listing = ListingFactory()
    weekly = OfferFactory(listing=listing, name="Tuesday group")
    ScheduleFactory(offer=weekly, weekday=1)
    one_off(on=next_saturday(), name="Summer picnic", listing=listing)
    ics = client.get(reverse("directory:listing_calendar", args=[listing.uuid])).content.decode()
    assert ics.count("BEGIN:VEVENT") == 2 and ics.count("RRULE:FREQ=WEEKLY") == 1


def test_the_api_publishes_a_one_off_as_valid_from_and_to_its_date_without_a_frequency(client, db):
    cache.clear()
    day = next_saturday()
    offer = one_off(on=day, name="Summer picnic")
    body = client.get(reverse("openreferral:service", args=[offer.uuid])).json()
    validate(body, "service")
    (slot,) = body["schedules"]
    assert slot["valid_from"] == slot["valid_to"] == slot["dtstart"] == day.isoformat()
    assert (slot["opens_at"], slot["closes_at"]) == ("10:00", "13:00")
    assert not {"freq", "byday", "interval"} & set(slot)
    assert slot["description"] == f"Once only: {in_words(day)}, 10:00–13:00"
    cache.clear()


def test_a_lead_can_still_edit_an_offer_whose_one_off_has_passed_keeping_its_date(
    client, listing, owner
):
    day = last_saturday()
    offer = one_off(on=day, name="Spring picnic", listing=listing)
    client.force_login(owner)
    url = reverse("directory:offer_edit", args=[offer.uuid])
    data = {**ONE_OFF, "name": "Spring picnic (photos)", "starts_on": day.strftime("%d/%m/%Y")}
    page = client.post(url, data, follow=True).content.decode()
    assert f"Happened on {in_words(day)}" in page
    assert offer.schedules.get().starts_on == day
    earlier = (day - datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    response = client.post(url, {**data, "starts_on": earlier})
    assert "Enter a date that is today or later" in response.content.decode()
    assert offer.schedules.get().starts_on == day


def test_in_urdu_a_meeting_is_written_with_the_urdu_comma_and_its_times_left_to_right(client, db):
    offer = one_off(on=next_saturday(), name="Summer picnic")
    ScheduleFactory(offer=offer, weekday=0, opens_at=datetime.time(18), closes_at=datetime.time(20))
    page = client.get(
        reverse("directory:offer", args=[offer.uuid]), HTTP_ACCEPT_LANGUAGE="ur"
    ).content.decode()
    assert '، <span dir="ltr">10:00–13:00</span>' in page
    assert '، پیر <span dir="ltr">18:00–20:00</span>' in page
    assert ', <span dir="ltr">' not in page
