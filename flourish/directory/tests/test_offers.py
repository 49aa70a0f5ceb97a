"""A group's lead adds what it offers; people see it, its schedule, and its calendar feed."""

import pytest
from django.urls import reverse

from flourish.core.tests.page_checks import check_page, page_text
from flourish.directory.factories import ListingFactory, offer_meeting_at
from flourish.directory.models import Offer, Place, Schedule, TaxonomyTerm

GOOD = {
    "name": "Tuesday evening peer group",
    "description": "We sit together and share what helps.",
    "kind": "activity",
    "who_for": "Adults who hear voices",
    "cost": "pay_what_you_can",
    "price": "",
    "price_unit": "",
    "weekday": "1",
    "opens_at": "18:00",
    "closes_at": "20:00",
    "frequency": "WEEKLY",
    "place_name": "Headingley Library",
    "postcode": "ls6 3ab",
    "is_public_venue": "on",
}


@pytest.fixture
def listing(group, owner):
    return ListingFactory(organisation=group)


def add_url(listing):
    return reverse("directory:offer_add", args=[listing.uuid])


def test_a_lead_adds_a_weekly_offer_at_a_public_venue(client, listing, owner):
    client.force_login(owner)
    term = TaxonomyTerm.objects.get(code="peer-support")
    response = client.post(add_url(listing), {**GOOD, "terms": [term.pk]}, follow=True)
    page = response.content.decode()
    assert "Tuesday evening peer group" in page
    assert 'Every week, Tuesday <span dir="ltr">18:00–20:00</span>' in page
    assert "Headingley Library, LS6 3AB" in page
    offer = Offer.objects.get()
    assert list(offer.terms.all()) == [term]
    place = Place.objects.get()
    assert (place.outward_code, place.local_authority) == ("LS6", "Leeds")


def test_the_offer_form_asks_for_types_as_tick_boxes_and_its_kind_with_no_blank_answer(
    client, listing, owner
):
    client.force_login(owner)
    form = check_page(client.get(add_url(listing)).content.decode())
    types = form.select("input[name=terms]")
    kinds = form.select("input[name=kind]")
    assert types and all(box["type"] == "checkbox" for box in types)
    assert all("govuk-checkboxes__input" in box["class"] for box in types)
    assert [kind["value"] for kind in kinds] == ["service", "activity", "space"]
    assert not any(kind.has_attr("checked") for kind in kinds)
    assert "---------" not in str(form)


def test_a_place_that_is_not_a_public_venue_shows_only_its_district(client, listing, owner):
    client.force_login(owner)
    data = {**GOOD, "place_name": "Our front room", "is_public_venue": ""}
    page = client.post(add_url(listing), data, follow=True).content.decode()
    assert "In the LS6 area" in page
    assert "Our front room" not in page and "LS6 3AB" not in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name": ""}, "name", "Enter the name of what you offer"),
        ({"cost": "price", "price": ""}, "price", "Enter the price, for example 5 or 12.50"),
        ({"cost": "price", "price": "five pounds"}, "price", "Enter the price in pounds"),
        ({"opens_at": ""}, "opens_at", "Enter the time it starts, for example 18:00"),
        ({"closes_at": "17:00"}, "closes_at", "Enter an end time after the start time"),
        ({"postcode": "QQ1 1QQ"}, "postcode", "Enter a real postcode, for example LS6 3AB"),
        ({"postcode": ""}, "postcode", "Enter the postcode of the place"),
        (
            {"frequency": "ONCE", "starts_on": "31/12/9999"},
            "starts_on",
            "Enter a date in a year from 1900 to 2100",
        ),
    ],
)
def test_bad_offers_get_a_clear_message_and_nothing_is_saved(
    client, listing, owner, changes, field, message
):
    client.force_login(owner)
    response = client.post(add_url(listing), {**GOOD, **changes})
    assert message in response.content.decode()
    assert field in response.context["form"].errors
    assert not Offer.objects.exists() and not Schedule.objects.exists()
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [({"cost": "price", "price": "abc"}, "price"), ({"opens_at": "25:00"}, "opens_at")],
)
def test_a_box_typed_wrongly_gets_one_message_that_says_what_to_do(
    client, listing, owner, changes, field
):
    client.force_login(owner)
    response = client.post(add_url(listing), {**GOOD, **changes})
    messages = response.context["form"].errors[field]
    assert len(messages) == 1
    assert "for example" in messages[0]


def test_a_priced_offer_payable_by_personal_budget_shows_its_price(client, listing, owner):
    client.force_login(owner)
    data = {
        **GOOD,
        "cost": "price",
        "price": "12.50",
        "price_unit": "per session",
        "personal_budget": "on",
    }
    page = client.post(add_url(listing), data, follow=True).content.decode()
    assert "£12.50 per session" in page_text(page)
    assert "Can be paid for with a personal budget" in page


def test_the_offer_page_offers_a_calendar_feed_of_its_meetings(client, db):
    offer = offer_meeting_at(postcode="LS6 1AA", weekday=1, name="Tuesday group; evening, all")
    page = client.get(reverse("directory:offer", args=[offer.uuid])).content.decode()
    assert "Add to your calendar" in page
    response = client.get(reverse("directory:offer_calendar", args=[offer.uuid]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    ics = response.content.decode()
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "RRULE:FREQ=WEEKLY;BYDAY=TU" in ics
    assert "DTSTART;TZID=Europe/London:" in ics and "T180000" in ics
    assert "SUMMARY:Tuesday group\\; evening\\, all" in ics
    assert "BEGIN:VTIMEZONE" in ics
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_unknown_or_malformed_offers_and_groups_are_not_found(client, db):
    assert client.get(reverse("directory:offer", args=["nope"])).status_code == 404
    assert client.get(reverse("directory:listing", args=["nope"])).status_code == 404


def test_a_group_page_lists_its_offers_with_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries
):
    listing = ListingFactory()
    offer_meeting_at(postcode="LS6 1AA", listing=listing)
    url = reverse("directory:listing", args=[listing.uuid])
    with django_assert_max_num_queries(10) as few:
        client.get(url)
    for _ in range(10):
        offer_meeting_at(postcode="LS6 1AA", listing=listing)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url).content.decode()
    assert page.count('Every week, Tuesday <span dir="ltr">18:00–20:00</span>') == 11


def test_a_group_calendar_feed_has_every_meeting_of_every_offer(client, db):
    listing = ListingFactory()
    offer_meeting_at(postcode="LS6 1AA", weekday=0, name="Monday group", listing=listing)
    offer_meeting_at(postcode="LS6 1AA", weekday=3, name="Thursday group", listing=listing)
    page = client.get(reverse("directory:listing", args=[listing.uuid])).content.decode()
    assert "Add all their meetings to your calendar" in page
    ics = client.get(reverse("directory:listing_calendar", args=[listing.uuid])).content.decode()
    assert ics.count("BEGIN:VEVENT") == 2
    assert "BYDAY=MO" in ics and "BYDAY=TH" in ics
    assert "SUMMARY:Monday group" in ics and "LOCATION:Community centre" in ics


def test_a_lead_changes_when_and_where_an_offer_meets(client, listing, owner):
    offer = offer_meeting_at(postcode="LS6 1AA", weekday=1, name="Evening group", listing=listing)
    client.force_login(owner)
    url = reverse("directory:offer_edit", args=[offer.uuid])
    form = client.get(url)
    assert form.context["form"].initial["opens_at"] == "18:00"
    assert form.context["form"].initial["postcode"] == "LS6 1AA"
    data = {
        **GOOD,
        "name": "Evening group",
        "weekday": "3",
        "opens_at": "19:00",
        "closes_at": "21:00",
        "place_name": "Chapeltown library",
        "postcode": "LS7 3AA",
    }
    page = client.post(url, data, follow=True).content.decode()
    assert 'Every week, Thursday <span dir="ltr">19:00–21:00</span>' in page
    assert "Chapeltown library, LS7 3AA" in page
    assert offer.schedules.count() == 1 and offer.offer_places.count() == 1


def test_changing_an_offer_with_bad_input_changes_nothing(client, listing, owner):
    offer = offer_meeting_at(postcode="LS6 1AA", weekday=1, name="Evening group", listing=listing)
    client.force_login(owner)
    data = {**GOOD, "name": "", "weekday": "3"}
    response = client.post(reverse("directory:offer_edit", args=[offer.uuid]), data)
    assert "Enter the name of what you offer" in response.content.decode()
    offer.refresh_from_db()
    assert offer.name == "Evening group"
    assert offer.schedules.get().weekday == 1


def test_strangers_cannot_change_an_offer(client, listing, stranger, colleague):
    offer = offer_meeting_at(postcode="LS6 1AA", listing=listing)
    for person in (stranger, colleague):
        client.force_login(person)
        url = reverse("directory:offer_edit", args=[offer.uuid])
        assert client.get(url).status_code == 404
        assert client.post(url, {**GOOD, "name": "Hijacked"}).status_code == 404
        page = client.get(reverse("directory:offer", args=[offer.uuid])).content.decode()
        assert "Change this offer" not in page
    offer.refresh_from_db()
    assert offer.name != "Hijacked"


def test_offer_types_are_read_in_the_readers_language_and_published_in_english(client, db):
    offer = offer_meeting_at(postcode="LS6 1AA", name="Saturday walk")
    offer.terms.set([TaxonomyTerm.objects.get(code="mutual-aid")])

    urdu = client.get(reverse("directory:offer", args=[offer.uuid]), HTTP_ACCEPT_LANGUAGE="ur")
    welsh = client.get(reverse("directory:search"), HTTP_ACCEPT_LANGUAGE="cy")
    api = client.get(reverse("openreferral:service", args=[offer.uuid])).json()

    assert "باہمی امداد" in urdu.content.decode()
    assert ">Cyd-gymorth</option>" in welsh.content.decode()
    assert [link["taxonomy_term"]["name"] for link in api["attributes"]] == ["Mutual aid"]
