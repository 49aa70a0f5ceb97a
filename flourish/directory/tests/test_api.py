"""The Open Referral UK 3.0 API: every endpoint checked against the profile schemas."""

import datetime
import uuid

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.urls import reverse

from flourish.directory.api import kept, serializers
from flourish.directory.factories import (
    ListingFactory,
    OfferFactory,
    OfferPlaceFactory,
    PlaceFactory,
    ScheduleFactory,
    offer_meeting_at,
)
from flourish.directory.models import Frequency, ListingState, TaxonomyTerm
from flourish.directory.tests.openreferral import validate, validate_page


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def peer_group(db):
    listing = ListingFactory(
        name="Hearing Voices Headingley", social_link="https://social.example.org/hv"
    )
    offer = OfferFactory(
        listing=listing,
        name="Tuesday evening group",
        cost="price",
        price_pence=350,
        price_unit="per session",
        personal_budget=True,
        terms=list(TaxonomyTerm.objects.filter(code__in=["peer-support", "for-sale"])),
    )
    ScheduleFactory(offer=offer, weekday=1, opens_at=datetime.time(18), closes_at=datetime.time(20))
    ScheduleFactory(
        offer=offer,
        weekday=4,
        opens_at=datetime.time(10),
        closes_at=datetime.time(11),
        frequency=Frequency.MONTHLY,
    )
    OfferPlaceFactory(
        offer=offer,
        place=PlaceFactory(
            listing=listing, postcode="LS6 3AB", is_public_venue=True, name="Library"
        ),
    )
    OfferPlaceFactory(
        offer=offer,
        place=PlaceFactory(
            listing=listing, postcode="LS2 9JT", is_public_venue=False, name="Asha's flat"
        ),
    )
    return offer


def get(client, name, *args, **query):
    return client.get(reverse(f"openreferral:{name}", args=args), query)


def test_the_root_says_which_version_and_where_the_openapi_document_is(client, db):
    response = get(client, "root")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    body = response.json()
    assert body["version"] == "3.0"
    assert body["openapi_url"].endswith("/openreferral/openapi.json")
    document = client.get(body["openapi_url"]).json()
    assert document["openapi"].startswith("3.")
    assert "/service_at_locations" in document["paths"]
    assert document["servers"][0]["url"].endswith("/openreferral")


def test_services_lists_one_to_one_fields_in_the_profile_page_format(client, peer_group):
    OfferFactory.create_batch(2)
    body = get(client, "services").json()
    validate_page(body, "service_list")
    assert body["total_items"] == 3 and body["empty"] is False
    names = [item["name"] for item in body["contents"]]
    assert "Tuesday evening group" in names
    item = next(i for i in body["contents"] if i["name"] == "Tuesday evening group")
    assert item["organization"]["name"] == "Hearing Voices Headingley"
    assert item["status"] == "active"


def test_a_service_is_fully_nested_and_valid(client, peer_group):
    body = get(client, "service", str(peer_group.uuid)).json()
    validate(body, "service")
    assert [s["byday"] for s in body["schedules"]] == ["TU", "FR"]
    assert body["schedules"][0]["opens_at"] == "18:00"
    assert body["schedules"][1]["freq"] == "MONTHLY"
    assert body["cost_options"][0]["amount"] == 3.5
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} == {
        "Peer support group",
        "Service for sale",
    }
    assert len(body["service_at_locations"]) == 2


def test_a_place_that_is_not_a_public_venue_is_published_only_as_its_district(client, peer_group):
    body = get(client, "service", str(peer_group.uuid)).json()
    locations = {
        link["location"]["name"]: link["location"] for link in body["service_at_locations"]
    }
    assert "Asha's flat" not in str(body)
    assert "addresses" not in locations["LS2 area"]
    assert locations["Library"]["addresses"][0]["postal_code"] == "LS6 3AB"


def test_service_at_locations_near_a_postcode_come_nearest_first_within_the_proximity(client, db):
    near = offer_meeting_at(postcode="LS6 1AA", name="Near")
    middling = offer_meeting_at(postcode="BD1 1AA", name="Bradford")
    offer_meeting_at(postcode="CF10 1AA", name="Cardiff")
    body = get(client, "service_at_locations", postcode="LS6 3AB", proximity="30000").json()
    validate_page(body, "service_at_location_list")
    assert [item["service"]["name"] for item in body["contents"]] == [near.name, middling.name]
    body = get(client, "service_at_locations", postcode="LS6 3AB", proximity="5000").json()
    assert body["total_items"] == 1


def test_a_service_at_location_is_fully_nested_and_valid(client, peer_group):
    link = peer_group.offer_places.first()
    body = get(client, "service_at_location", str(link.uuid)).json()
    validate(body, "service_at_location")
    assert body["service"]["name"] == "Tuesday evening group"
    assert body["service"]["schedules"]


def test_taxonomies_and_terms_are_listed_and_valid(client, db):
    body = get(client, "taxonomies").json()
    validate_page(body, "taxonomy")
    taxonomy = body["contents"][0]
    detail = get(client, "taxonomy", taxonomy["id"]).json()
    validate(detail, "taxonomy")
    assert len(detail["taxonomy_terms"]) >= 8
    terms = get(client, "taxonomy_terms", per_page="3").json()
    validate_page(terms, "taxonomy_term")
    assert terms["size"] == 3 and terms["total_pages"] == -(-terms["total_items"] // 3)
    term = get(client, "taxonomy_term", terms["contents"][0]["id"]).json()
    validate(term, "taxonomy_term")


def test_paging_walks_through_every_service_once(client, db):
    OfferFactory.create_batch(7)
    seen = []
    for page in (1, 2, 3):
        body = get(client, "services", page=str(page), per_page="3").json()
        assert body["page_number"] == page
        assert body["first_page"] is (page == 1) and body["last_page"] is (page == 3)
        seen += [item["id"] for item in body["contents"]]
    assert len(seen) == len(set(seen)) == 7


def test_services_filter_by_day_time_term_and_words(client, peer_group):
    offer_meeting_at(postcode="LS6 1AA", weekday=2, name="Wednesday walk")
    term = TaxonomyTerm.objects.get(code="peer-support")
    assert [i["name"] for i in get(client, "services", day="TU").json()["contents"]] == [
        "Tuesday evening group"
    ]
    assert get(client, "services", day="wednesday").json()["total_items"] == 1
    assert get(client, "services", start_time="17:00").json()["total_items"] == 2
    assert get(client, "services", taxonomy_term_id=str(term.uuid)).json()["total_items"] == 1
    assert get(client, "services", taxonomy_id=str(term.taxonomy.uuid)).json()["total_items"] == 1
    assert get(client, "services", search="walk").json()["total_items"] == 1


def test_hidden_listings_are_not_published(client, peer_group):
    ListingFactory._meta.model.objects.update(state=ListingState.HIDDEN)
    assert get(client, "services").json()["total_items"] == 0
    assert get(client, "service", str(peer_group.uuid)).status_code == 404


@pytest.mark.parametrize(
    ("name", "query", "status", "message"),
    [
        ("service_at_locations", {"postcode": "ZZ99 9ZZ"}, 400, "We do not know the postcode"),
        (
            "service_at_locations",
            {"postcode": "LS6", "proximity": "-5"},
            400,
            "'proximity' must be more than 0",
        ),
        ("service_at_locations", {"postcode": "LS6", "proximity": "far"}, 400, "number of metres"),
        ("service_at_locations", {"proximity": "100"}, 400, "needs a 'postcode'"),
        ("services", {"page": "99"}, 404, "Page 99 does not exist"),
        ("services", {"page": "0"}, 400, "'page' must be a whole number"),
        ("services", {"per_page": "5000"}, 400, "'per_page' must be a whole number from 1 to 200"),
        ("services", {"day": "someday"}, 400, "'day' must be a day"),
        ("services", {"start_time": "6pm"}, 400, "'start_time' must be a time"),
        ("services", {"taxonomy_term_id": "abc"}, 400, "is not a valid taxonomy term id"),
        ("services", {"minimum_age": "old"}, 400, "'minimum_age' must be a number"),
        ("taxonomy_terms", {"page": "7"}, 404, "does not exist"),
        ("services", {"page": "99999999999999999999"}, 400, "from 1 to 1,000,000"),
        ("service_at_locations", {"page": "99999999999999999999"}, 400, "'page' must be"),
        ("taxonomies", {"page": "99999999999999999999"}, 400, "'page' must be"),
        ("taxonomy_terms", {"per_page": "99999999999999999999"}, 400, "'per_page' must be"),
        ("services", {"page": "²"}, 400, "'page' must be a whole number"),
        ("services", {"search": "\x00"}, 400, "'search' must be plain text"),
        ("service_at_locations", {"search": "walk\x00"}, 400, "without control characters"),
        ("service_at_locations", {"postcode": "LS6\x00"}, 400, "'postcode' must be plain text"),
        ("services", {"maximum_age": "nan"}, 400, "'maximum_age' must be a number"),
        ("taxonomy_terms", {"per_page": ""}, 400, "'per_page' is empty: give it a value"),
        ("service_at_locations", {"postcode": "LS6", "proximity": "60000"}, 400, "at most 50000"),
    ],
)
def test_bad_parameters_get_a_clear_json_message(client, peer_group, name, query, status, message):
    response = get(client, name, **query)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert message in response.json()["message"]


@pytest.mark.parametrize("name", ["service", "service_at_location", "taxonomy", "taxonomy_term"])
def test_malformed_ids_are_bad_requests_and_unknown_ids_are_not_found(client, db, name):
    malformed = get(client, name, "not-a-uuid")
    assert malformed.status_code == 400
    assert "ids are UUIDs" in malformed.json()["message"]
    unknown = get(client, name, str(uuid.uuid4()))
    assert unknown.status_code == 404
    assert unknown.json()["message"] == "There is nothing with that id."


def test_the_api_is_read_only(client, db):
    response = client.post(reverse("openreferral:services"))
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"


def test_each_client_is_throttled_with_a_retry_time(client, db, settings):
    settings.OPENREFERRAL_REQUESTS_PER_MINUTE = 3
    statuses = [get(client, "root").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    blocked = get(client, "root")
    assert int(blocked["Retry-After"]) > 0
    assert "Too many requests" in blocked.json()["message"]
    other = client.get(reverse("openreferral:root"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 200


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("services", {"search": "group"}),
        ("service_at_locations", {"postcode": "LS6", "proximity": "50000"}),
        ("service_at_locations", {}),
    ],
)
def test_list_endpoints_use_a_fixed_number_of_queries(
    client, db, django_assert_max_num_queries, name, query
):
    offer_meeting_at(postcode="LS6 1AA", name="First group")
    with django_assert_max_num_queries(3) as few:
        get(client, name, **query)
    for number in range(25):
        offer_meeting_at(postcode="LS6 1AA", name=f"Another group {number}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        body = get(client, name, **query).json()
    assert body["total_items"] == 26


def test_a_full_service_uses_a_fixed_number_of_queries(
    client, peer_group, django_assert_num_queries
):
    with django_assert_num_queries(4):
        get(client, "service", str(peer_group.uuid))


def test_a_page_of_services_asked_for_again_comes_from_the_cache_until_a_service_changes(
    client, peer_group, django_assert_max_num_queries
):
    first = get(client, "services")
    with django_assert_max_num_queries(0):
        again = get(client, "services")

    assert again["X-Flourish-Cache"] == "hit"
    assert again["Access-Control-Allow-Origin"] == "*"
    assert again.json() == first.json()

    peer_group.name = "Tuesday evening peer group"
    peer_group.save()
    changed = get(client, "services")

    assert "X-Flourish-Cache" not in changed
    assert changed.json()["contents"][0]["name"] == "Tuesday evening peer group"


def test_answers_from_the_cache_still_count_against_a_clients_allowance(client, db, settings):
    settings.OPENREFERRAL_REQUESTS_PER_MINUTE = 3

    statuses = [get(client, "services").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_an_error_is_never_kept_in_the_cache(client, db):
    offer_meeting_at(postcode="LS6 1AA", name="First group")

    refused = [get(client, "services", page="2").status_code for _ in range(2)]

    assert refused == [404, 404]
    assert "X-Flourish-Cache" not in get(client, "services", page="2")


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_page_of_services_is_read_once_for_everyone_and_a_change_shows_at_once(
    client, peer_group, django_assert_num_queries
):
    first = get(client, "services").json()
    # Another finder asking the same: only the page's ids are read, the rest is kept.
    with django_assert_num_queries(1):
        assert get(client, "services", page="1").json() == first
    listing = peer_group.listing
    listing.website = "https://hearing-voices.example.org"
    listing.save()
    peer_group.name = "Tuesday evening voices group"
    peer_group.save()
    (service,) = get(client, "services").json()["contents"]
    assert service["name"] == "Tuesday evening voices group"
    assert service["url"] == "https://hearing-voices.example.org"
    assert service["organization"]["website"] == "https://hearing-voices.example.org"
    validate_page(get(client, "services").json(), "service")


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_deploy_that_changes_how_a_service_is_written_is_never_answered_in_the_old_shape(
    client, peer_group, monkeypatch
):
    get(client, "services")
    # A deploy: the code that writes a summary changes, and so does its digest.
    written = serializers.service_summary
    monkeypatch.setattr(
        serializers, "service_summary", lambda offer: {**written(offer), "new_field": True}
    )
    monkeypatch.setattr(kept, "_shape", lambda: "the next deploy")

    (service,) = get(client, "services").json()["contents"]

    assert service["new_field"] is True


def test_a_place_made_a_public_venue_shows_its_name_in_services_at_locations_at_once(
    client, peer_group
):
    named = {
        item["location"]["name"] for item in get(client, "service_at_locations").json()["contents"]
    }
    assert "Library" in named and "Church hall" not in named
    place = peer_group.offer_places.exclude(place__name="Library").get().place
    place.name, place.is_public_venue = "Church hall", True
    place.save()
    named = {
        item["location"]["name"] for item in get(client, "service_at_locations").json()["contents"]
    }
    assert {"Library", "Church hall"} <= named


def test_every_service_at_location_is_counted_once_yet_a_change_shows_at_once(
    client, peer_group, django_assert_num_queries
):
    assert get(client, "service_at_locations").json()["total_items"] == 2
    # Counting again would read the whole directory, and the summaries are the same for
    # everyone: both are kept, and only the page's ids are read.
    with django_assert_num_queries(1):
        assert get(client, "service_at_locations", page="1").json()["total_items"] == 2

    OfferPlaceFactory(offer=peer_group, place=PlaceFactory(postcode="LS7 1AB"))
    assert get(client, "service_at_locations").json()["total_items"] == 3

    listing = peer_group.listing
    listing.state = ListingState.HIDDEN
    listing.save()
    assert get(client, "service_at_locations").json()["total_items"] == 0
