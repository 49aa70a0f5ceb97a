"""Journey: a person finds groups and what they offer by the words they would use.

Runs on SQLite (FTS5) and on PostgreSQL (tsvector) alike: run the directory tests with
DATABASE_URL set to a PostgreSQL database to check the second.
"""

import io

from django.urls import reverse

from flourish.directory import demo
from flourish.directory.factories import ListingFactory, OfferFactory, offer_meeting_at
from flourish.directory.models import Listing
from flourish.directory.services.listings import listing_update
from flourish.directory.services.reviews import listing_approve

SEARCH = reverse("directory:search")


def found(response) -> list[str]:
    return [
        hit.offer.name if hit.offer else hit.listing.name
        for hit in response.context["results"].hits
    ]


def test_a_word_finds_other_forms_of_itself(client, db):
    offer_meeting_at(postcode="LS6 1AA", name="Saturday walk and talk")
    offer_meeting_at(postcode="LS6 1AA", name="Knitting circle")
    for words in ("walking", "talking", "walks", "Walk and talk"):
        assert found(client.get(SEARCH, {"q": words})) == ["Saturday walk and talk"], words


def test_a_language_or_community_is_found_by_word(client, db):
    urdu = ListingFactory(name="Chai and chat", languages="Urdu, English")
    OfferFactory(listing=urdu, name="Women's chai and chat")
    somali = ListingFactory(name="Wellbeing group", communities="Somali community")
    OfferFactory(listing=somali, name="Listening space")
    assert found(client.get(SEARCH, {"q": "urdu"})) == ["Women's chai and chat"]
    assert found(client.get(SEARCH, {"q": "Somali"})) == ["Listening space"]


def test_a_group_with_no_offers_is_found_by_its_name_and_words(client, db):
    ListingFactory(
        name="Sparkhill Urdu Wellbeing Circle",
        area_outward_code="B11",
        description="Urdu-speaking women sharing how they keep well.",
    )
    response = client.get(SEARCH, {"q": "wellbeing circle sparkhill"})
    assert found(response) == ["Sparkhill Urdu Wellbeing Circle"]
    page = response.content.decode()
    assert "Group" in page and "Meets in the B11 area" in page
    assert "has not listed its meetings yet" in page
    near = client.get(SEARCH, {"q": "urdu", "postcode": "B12 9AA", "distance": "5"})
    assert found(near) == ["Sparkhill Urdu Wellbeing Circle"]
    assert near.context["results"].hits[0].distance_miles < 2


def test_a_group_whose_offers_are_listed_is_found_through_them_not_twice(client, db):
    offer = offer_meeting_at(postcode="LS6 1AA", name="Evening circle")
    assert found(client.get(SEARCH, {"q": offer.listing.name})) == ["Evening circle"]


def test_a_group_with_no_offers_is_left_out_when_asking_for_a_day(client, db):
    ListingFactory(name="Walking football", area_outward_code="LS6")
    assert found(client.get(SEARCH, {"q": "walking"})) == ["Walking football"]
    assert found(client.get(SEARCH, {"q": "walking", "day": "weekends"})) == []
    assert found(client.get(SEARCH, {"q": "walking", "free": "on"})) == []


def test_a_hidden_group_is_never_found(client, db):
    ListingFactory(name="Walking football", state="hidden")
    assert found(client.get(SEARCH, {"q": "walking"})) == []


def test_a_suggested_group_is_found_by_its_name_once_a_coordinator_approves_it(
    client, db, admin_user
):
    response = client.post(
        reverse("directory:suggest"),
        {
            "name": "Tuesday Rainbow Allotment",
            "description": "Growing vegetables together.",
            "communities": "LGBTQ+ people",
            "languages": "Polish, English",
            "legal_form": "unconstituted",
            "area_outward_code": "LS8",
        },
    )
    assert response.status_code == 302
    assert found(client.get(SEARCH, {"q": "rainbow allotments"})) == []

    listing_approve(actor=admin_user, listing=Listing.objects.get(name="Tuesday Rainbow Allotment"))

    assert found(client.get(SEARCH, {"q": "rainbow allotments"})) == ["Tuesday Rainbow Allotment"]
    assert found(client.get(SEARCH, {"q": "polish"})) == ["Tuesday Rainbow Allotment"]


def test_changing_a_groups_words_changes_what_finds_it_and_its_offers(client, db, owner):
    listing = ListingFactory(name="Hearing Voices Headingley")
    OfferFactory(listing=listing, name="Tuesday evening group")
    fields = {field: getattr(listing, field) for field in ("name", "description")}
    listing_update(
        actor=owner,
        listing=listing,
        fields={**fields, "languages": "Urdu", "area_outward_code": "LS6"},
    )
    assert found(client.get(SEARCH, {"q": "urdu"})) == ["Tuesday evening group"]


def test_punctuation_and_operators_in_the_words_are_taken_as_words(client, db):
    offer_meeting_at(postcode="LS6 1AA", name="Saturday walk and talk")
    for words in ('"walk', "walk OR", "walk*", "(walk):", "walk -", "AND walk"):
        response = client.get(SEARCH, {"q": words})
        assert response.status_code == 200, words
        assert found(response) == ["Saturday walk and talk"], words


def test_the_demo_directory_answers_the_words_its_hint_suggests(client, db):
    demo.build(io.StringIO())
    # (words, a group with no offers yet that they must find too)
    for words, new_group in [
        ("walking", "Headingley Walking Football for Wellbeing"),
        ("talking", None),
        ("Urdu", "Sparkhill Urdu Wellbeing Circle"),
    ]:
        response = client.get(SEARCH, {"q": words})
        hits = response.context["results"].hits
        assert response.context["results"].total >= 5, words
        assert any(hit.offer for hit in hits), words
        if new_group:
            assert Listing.objects.get(name=new_group).offers.count() == 0
            assert new_group in found(response), words
