"""Journey: a person finds a peer group near their postcode that meets on a weekday evening."""

import datetime
import html
import re

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from flourish.directory import fulltext, ranking
from flourish.directory.factories import (
    ListingFactory,
    OfferFactory,
    OfferPlaceFactory,
    PlaceFactory,
    ScheduleFactory,
    offer_meeting_at,
)
from flourish.directory.models import ListingState

SEARCH = reverse("directory:search")


@pytest.fixture
def groups(db):
    near_evening = offer_meeting_at(
        postcode="LS6 1AA",
        weekday=1,
        name="Hearing Voices evening group",
        listing=ListingFactory(name="Hearing Voices Headingley"),
    )
    near_morning = offer_meeting_at(
        postcode="LS6 2BB",
        weekday=2,
        opens_at=datetime.time(10, 0),
        name="Morning walk",
    )
    further_evening = offer_meeting_at(
        postcode="BD1 1AA",
        weekday=3,
        name="Bradford peer circle",
    )
    weekend = offer_meeting_at(postcode="LS2 7AA", weekday=5, name="Saturday drop-in")
    far_away = offer_meeting_at(postcode="CF10 1AA", weekday=1, name="Cardiff evening group")
    return {
        "near_evening": near_evening,
        "near_morning": near_morning,
        "further_evening": further_evening,
        "weekend": weekend,
        "far_away": far_away,
    }


def names(response):
    return [hit.offer.name for hit in response.context["results"].hits]


def test_it_finds_weekday_evening_groups_near_a_postcode_nearest_first(client, groups):
    response = client.get(
        SEARCH, {"postcode": "ls6 3ab", "distance": "25", "day": "weekdays", "time": "evening"}
    )
    assert response.status_code == 200
    assert names(response) == ["Hearing Voices evening group", "Bradford peer circle"]
    page = response.content.decode()
    assert "Under half a mile away" in page and "miles away" in page
    assert "Run by Hearing Voices Headingley" in page


def test_it_shows_how_far_away_each_result_is(client, groups):
    response = client.get(SEARCH, {"postcode": "LS6", "distance": "25"})
    distances = [hit.distance_miles for hit in response.context["results"].hits]
    assert distances == sorted(distances)
    assert distances[0] < 1 and 5 < distances[-1] < 15


def test_it_leaves_out_groups_beyond_the_distance_asked_for(client, groups):
    response = client.get(SEARCH, {"postcode": "LS6 3AB", "distance": "1"})
    assert set(names(response)) == {"Hearing Voices evening group", "Morning walk"}


def test_without_a_distance_it_searches_five_miles_and_the_form_says_so(client, groups):
    response = client.get(SEARCH, {"postcode": "LS6 3AB"})
    assert set(names(response)) == {
        "Hearing Voices evening group",
        "Morning walk",
        "Saturday drop-in",
    }
    assert '<option value="5" selected>5 miles</option>' in response.content.decode()


def test_it_searches_by_words_across_the_offer_and_the_group(client, groups):
    response = client.get(SEARCH, {"q": "headingley evening"})
    assert names(response) == ["Hearing Voices evening group"]


def test_it_tells_the_person_what_to_do_about_a_postcode_it_does_not_know(client, groups):
    response = client.get(SEARCH, {"postcode": "ZZ99 9ZZ"})
    assert response.status_code == 200
    assert "We could not find that postcode" in response.content.decode()
    assert response.content.decode().count("There is a problem") == 1
    assert "results" not in response.context


def test_it_does_not_show_hidden_listings(client, groups):
    listing = groups["near_evening"].listing
    listing.state = ListingState.HIDDEN
    listing.save()
    response = client.get(SEARCH, {"postcode": "LS6", "distance": "25"})
    assert "Hearing Voices evening group" not in names(response)


def test_it_filters_free_offers_and_those_payable_by_personal_budget(client, db):
    OfferFactory(name="Art group", cost="free")
    OfferFactory(name="Counselling", cost="price", price_pence=2500, personal_budget=True)
    assert names(client.get(SEARCH, {"free": "on"})) == ["Art group"]
    response = client.get(SEARCH, {"personal_budget": "on"})
    assert names(response) == ["Counselling"]
    assert "£25" in response.content.decode()


def test_it_pages_through_many_results(client, db):
    for number in range(45):
        offer_meeting_at(postcode="LS6 1AA", name=f"Group {number:02d}")
    first = client.get(SEARCH, {"postcode": "LS6", "distance": "5"})
    third = client.get(SEARCH, {"postcode": "LS6", "distance": "5", "page": "3"})
    assert first.context["results"].total == 45
    assert len(names(first)) == 20 and len(names(third)) == 5
    assert set(names(first)).isdisjoint(names(third))
    assert "Page 1 of 3" in first.content.decode()


def test_the_empty_search_form_offers_the_same_distance_a_search_uses_by_default(client, db):
    page = client.get(SEARCH).content.decode()
    assert re.search(r'<option value="5" selected>', page)
    assert not re.search(r'<option value="1" selected>', page)


def test_the_next_page_link_keeps_the_search(client, db):
    for number in range(25):
        offer_meeting_at(postcode="LS6 1AA", name=f"Leeds group {number:02d}")
    for number in range(30):
        offer_meeting_at(postcode="TR1 1AA", name=f"Cornwall group {number:02d}")
    first = client.get(SEARCH, {"postcode": "LS6", "distance": "5"})
    link = re.search(r'href="([^"]*)" rel="next"', first.content.decode())
    assert link is not None
    second = client.get(SEARCH + html.unescape(link.group(1)))
    assert "Page 2 of 2" in second.content.decode()
    assert second.context["results"].total == 25
    assert names(second) and all(name.startswith("Leeds") for name in names(second))


@pytest.mark.parametrize(
    "params",
    [
        {"postcode": "LS6", "distance": "25", "day": "weekdays", "time": "evening", "q": "group"},
        {"q": "group", "free": "on"},
    ],
)
def test_search_uses_the_same_number_of_queries_for_few_or_many_groups(
    client, db, django_assert_max_num_queries, params
):
    offer_meeting_at(postcode="LS6 1AA", name="First group")
    with django_assert_max_num_queries(8) as few:
        client.get(SEARCH, params)
    for number in range(30):
        offer_meeting_at(postcode="LS6 1AA", name=f"Another group {number}")
    # One more for the total: a short page is its own total, a full one is counted.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        response = client.get(SEARCH, params)
    assert response.context["results"].total == 31


def test_the_search_page_works_without_a_search(client, db):
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert "Find a group" in response.content.decode()


def test_it_filters_by_community_language_and_online_or_in_person(client, db):
    in_person = offer_meeting_at(
        postcode="CF10 1AA",
        name="Welsh peer circle",
        languages="Welsh, English",
        listing=ListingFactory(communities="LGBTQ+ people, Welsh speakers"),
    )
    OfferFactory(name="Online circle", online=True, listing=ListingFactory(communities="carers"))
    assert names(client.get(SEARCH, {"community": "lgbtq"})) == [in_person.name]
    assert names(client.get(SEARCH, {"language": "welsh"})) == [in_person.name]
    assert names(client.get(SEARCH, {"attendance": "online"})) == ["Online circle"]
    assert names(client.get(SEARCH, {"attendance": "in_person"})) == [in_person.name]


def test_it_says_so_when_nothing_matches(client, groups):
    response = client.get(SEARCH, {"q": "underwater basket weaving"})
    page = response.content.decode()
    assert "No groups found" in page
    assert "Try fewer words" in page


def test_meeting_times_read_left_to_right_even_on_a_right_to_left_page(client, groups):
    client.cookies["django_language"] = "ur"

    html = client.get(SEARCH, {"postcode": "LS6", "distance": "1"}).content.decode()

    assert 'dir="rtl"' in html
    assert '<span dir="ltr">18:00–20:00</span>' in html


def test_the_search_page_explains_itself_before_anyone_has_searched(client, db):
    html = client.get(SEARCH).content.decode()

    assert "Fill in as much or as little as you like" in html


def test_a_page_past_the_end_shows_the_last_page(client, groups):
    response = client.get(SEARCH, {"postcode": "LS6", "distance": "25", "page": "7"})
    assert response.status_code == 200
    assert response.context["page"].number == 1
    assert len(names(response)) == 4


@pytest.mark.parametrize(
    "query",
    [
        {"q": "evening", "postcode": "LS6 3AB", "distance": "25"},
        {"postcode": "LS6", "distance": "10", "day": "weekdays"},
        {"q": "group"},
    ],
)
def test_search_uses_a_fixed_number_of_queries_however_many_groups_are_near(
    client, groups, django_assert_max_num_queries, query
):
    ListingFactory(name="An evening group with no offers yet", area_outward_code="LS6")
    with CaptureQueriesContext(connection) as few:
        client.get(SEARCH, query)
    for number in range(30):
        offer_meeting_at(postcode="LS6 1AA", name=f"Another evening group {number}")
        ListingFactory(name=f"Another evening group {number}", area_outward_code="LS6")
    # One more for the total: a short page is its own total, a full one is counted.
    with django_assert_max_num_queries(len(few.captured_queries) + 1):
        response = client.get(SEARCH, query)
    assert len(names_or_groups(response)) == 20
    if "day" not in query:
        assert {type(hit).__name__ for hit in names_or_groups(response)} == {"OfferCard", "Listing"}
    # The ranked page read with its cards (offers with their meetings, and groups), its
    # total, and the form's list of types: three at most (an offer's district comes with
    # the ranked page, never from a query of its own); and on PostgreSQL, given words,
    # its estimate of how many offers have them (fulltext.RARE_UP_TO, SORT_UP_TO).
    estimate = connection.vendor == "postgresql" and "q" in query
    assert len(few.captured_queries) + 1 <= 3 + estimate


def test_an_offer_met_in_two_districts_shows_the_one_nearest_the_search(client, db):
    offer = offer_meeting_at(postcode="LS6 1AA", name="Walk and talk")
    OfferPlaceFactory(offer=offer, place=PlaceFactory(listing=offer.listing, postcode="BD1 1AA"))

    from_leeds = client.get(SEARCH, {"postcode": "LS6", "distance": "25"})
    from_bradford = client.get(SEARCH, {"postcode": "BD1", "distance": "25"})
    by_name = client.get(SEARCH, {"q": "walk"})

    assert [hit.outward_code for hit in from_leeds.context["results"].hits] == ["LS6"]
    assert " · LS6 · " in from_leeds.content.decode()
    assert [hit.outward_code for hit in from_bradford.context["results"].hits] == ["BD1"]
    assert " · BD1 · " in from_bradford.content.decode()
    # With no postcode there is no nearest: the card names where it first met.
    assert [hit.outward_code for hit in by_name.context["results"].hits] == ["LS6"]


def test_a_result_card_lists_every_meeting_in_weekday_order(client, db):
    offer = offer_meeting_at(postcode="LS6 1AA", weekday=3, name="Walk and talk")
    ScheduleFactory(offer=offer, weekday=0, opens_at=datetime.time(10), closes_at=datetime.time(11))
    offer_meeting_at(postcode="LS6 1AA", name="Quiet room").schedules.all().delete()

    page = client.get(SEARCH, {"postcode": "LS6", "distance": "1"}).content.decode()

    monday = 'Every week, Monday <span dir="ltr">10:00–11:00</span>'
    thursday = 'Every week, Thursday <span dir="ltr">18:00–20:00</span>'
    assert monday in page and thursday in page
    assert page.index(monday) < page.index(thursday)
    # An offer with no meetings is still found, with no "When" on its card.
    assert "Quiet room" in page and page.count(">When<") == 1


def names_or_groups(response):
    return [hit.offer or hit.listing for hit in response.context["results"].hits]


def test_near_a_postcode_results_are_counted_up_to_a_limit(client, groups, monkeypatch):
    monkeypatch.setattr(ranking, "COUNT_UP_TO", 3)
    response = client.get(SEARCH, {"postcode": "LS6", "distance": "25"})
    assert "3 or more results" in response.content.decode()
    assert len(names(response)) == 4


def counted(queries) -> bool:
    return any("COUNT(" in query["sql"] for query in queries.captured_queries)


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_search_is_counted_once_and_counted_again_when_the_directory_changes(client, db):
    for number in range(45):
        offer_meeting_at(postcode="LS6 1AA", name=f"Evening group {number}")
    with CaptureQueriesContext(connection) as first_page:
        assert client.get(SEARCH, {"q": "evening"}).context["results"].total == 45
    with CaptureQueriesContext(connection) as second_page:
        response = client.get(SEARCH, {"q": "evening", "page": "2"})
    assert response.context["results"].total == 45
    assert counted(first_page) and not counted(second_page)

    offer_meeting_at(postcode="LS6 1AA", name="Evening group 46")
    response = client.get(SEARCH, {"q": "evening", "page": "2"})
    assert response.context["results"].total == 46
    assert "46 results" in response.content.decode()


def test_a_short_page_of_results_is_its_own_total(client, db):
    for number in range(3):
        offer_meeting_at(postcode="LS6 1AA", name=f"Evening group {number}")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(SEARCH, {"q": "evening"})
    assert not counted(queries)
    assert response.context["results"].total == 3
    assert "3 results" in response.content.decode()
    assert client.get(SEARCH, {"q": "nothing-matches-this"}).context["results"].total == 0


def test_searching_by_words_alone_counts_up_to_the_same_limit(client, groups, monkeypatch):
    monkeypatch.setattr(ranking, "COUNT_UP_TO", 2)
    response = client.get(SEARCH, {"q": "group"})
    assert "2 or more results" in response.content.decode()
    monkeypatch.setattr(ranking, "COUNT_UP_TO", 500)
    response = client.get(SEARCH, {"q": "group", "page": "2"})
    assert "or more results" not in response.content.decode()


def test_a_page_number_too_big_to_exist_shows_the_last_page_of_results(client, groups):
    response = client.get(SEARCH, {"q": "group", "page": "99999999999999999999"})

    assert response.status_code == 200
    assert "Hearing Voices evening group" in names(response)


def _searched_each_way(client, monkeypatch, limit: str, query: dict, marker: str):
    """The names found, and whether the statement carried `marker`, with the
    `fulltext` estimate `limit` as it is and with no set of words under it."""
    found, marked = {}, {}
    for way in ("estimated", "never"):
        if way == "never":
            monkeypatch.setattr(fulltext, limit, -1)
        caches["fragments"].clear()
        caches["default"].clear()
        with CaptureQueriesContext(connection) as queries:
            found[way] = names(client.get(SEARCH, query))
        marked[way] = any(marker in q["sql"] for q in queries.captured_queries)
    return found, marked


def test_a_rare_word_near_a_postcode_finds_the_same_groups_whichever_way_it_is_searched(
    client, db, monkeypatch
):
    """PostgreSQL starts from the offers with a rare word (fulltext.RARE_UP_TO), and from
    the places nearby for a common one; a person sees the same results either way."""
    offer_meeting_at(postcode="LS6 1AA", name="Urdu speaking peer group")
    offer_meeting_at(postcode="LS7 1AA", name="Urdu coffee morning")
    offer_meeting_at(postcode="LS6 1AA", name="Tuesday walking group")
    offer_meeting_at(postcode="M14 5AA", name="Urdu circle in Manchester")

    found, rare_first = _searched_each_way(
        client,
        monkeypatch,
        "RARE_UP_TO",
        {"q": "urdu", "postcode": "LS6 3AB", "distance": "10"},
        marker="plainto_tsquery('english', 'urdu') OFFSET 0)",
    )

    assert found["estimated"] == ["Urdu speaking peer group", "Urdu coffee morning"]
    assert found["never"] == found["estimated"]
    # PostgreSQL goes each way once; SQLite always starts from its full-text table.
    assert rare_first == {"estimated": connection.vendor == "postgresql", "never": False}


def test_a_search_by_words_alone_lists_the_same_groups_by_name_whichever_way_it_is_read(
    client, db, monkeypatch
):
    """PostgreSQL sorts the few offers with the words (fulltext.SORT_UP_TO), and reads
    names in order for many; a person sees the same results, in name order, either way."""
    for name in ["Women's peer walk", "Peer support for women", "Another women's group"]:
        offer_meeting_at(postcode="LS6 1AA", name=name)
    offer_meeting_at(postcode="LS6 1AA", name="Peer support for men")

    found, sorted_first = _searched_each_way(
        client, monkeypatch, "SORT_UP_TO", {"q": "women peer"}, marker="OFFSET 0) o"
    )

    assert {"Peer support for women", "Women's peer walk"} <= set(found["estimated"])
    assert "Peer support for men" not in found["estimated"]
    assert found["estimated"] == sorted(found["estimated"])
    assert found["never"] == found["estimated"]
    # PostgreSQL goes each way once; SQLite plans for itself.
    assert sorted_first == {"estimated": connection.vendor == "postgresql", "never": False}


def test_the_other_ways_to_narrow_a_search_are_open_only_when_one_is_used_or_wrong(client, groups):
    def more_ways(**query) -> str:
        page = client.get(SEARCH, query).content.decode()
        details = re.search(r'<details class="govuk-details" id="more-ways"[^>]*>', page)
        assert details is not None
        return details.group(0)

    assert " open" not in more_ways()
    assert " open" not in more_ways(q="walk", postcode="LS6", distance="10")
    assert " open" in more_ways(q="walk", day="weekdays")
    assert " open" in more_ways(free="on")
    # A day that does not exist is an error: shown open, where its message is.
    assert " open" in more_ways(day="someday")


def test_a_search_narrowed_out_of_sight_still_narrows(client, groups):
    """The other ways sit in a closed box, but still go with the search."""
    everything = names(client.get(SEARCH, {"postcode": "LS6 3AB", "distance": "25"}))
    evenings = names(
        client.get(
            SEARCH, {"postcode": "LS6 3AB", "distance": "25", "day": "weekdays", "time": "evening"}
        )
    )
    assert evenings and set(evenings) < set(everything)
