"""Search results come from the cache, but a change a group makes shows at once.

Result cards and the search form's fields are kept per language and per content; a
search's results column per search, page and language until the directory changes;
whole pages for visitors who are not signed in. These tests are what a
person would notice if any of that went wrong: an old name, a card in the wrong
language, or someone else's page.
"""

import datetime
import html

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from freezegun import freeze_time

from flourish.accounts.tests.two_step import SignedInPageCheckingClient
from flourish.core.public_cache import area_changed_now_and_when_committed
from flourish.directory.factories import ListingFactory, offer_meeting_at
from flourish.directory.models import Offer, Schedule, TaxonomyTerm
from flourish.directory.tests.test_listings import GOOD as LISTING
from flourish.directory.tests.test_offers import GOOD as OFFER
from flourish.directory.views import RESULTS_SECONDS

SEARCH = reverse("directory:search")
NEAR_LS6 = {"postcode": "LS6 3AB", "distance": "25"}


@pytest.fixture
def offer(group):
    listing = ListingFactory(organisation=group, name="Hearing Voices Leeds")
    return offer_meeting_at(
        postcode="LS6 1AA",
        name="Tuesday evening peer group",
        description="We sit together and share what helps.",
        listing=listing,
    )


@pytest.fixture
def lead(owner):
    lead = SignedInPageCheckingClient()
    lead.force_login(owner)
    return lead


def search(client, params=NEAR_LS6):
    return client.get(SEARCH, params).content.decode()


def edit_offer(lead, offer, **changes):
    data = {**OFFER, "name": offer.name, "description": offer.description, **changes}
    response = lead.post(reverse("directory:offer_edit", args=[offer.uuid]), data)
    assert response.status_code == 302, response.context["form"].errors


@pytest.mark.parametrize("page_cache", [True, False], ids=["page cache", "cards only"])
def test_a_new_offer_name_and_description_show_in_search_at_once(client, lead, offer, page_cache):
    with override_settings(PUBLIC_PAGE_CACHE=page_cache):
        assert "Tuesday evening peer group" in search(client)
        assert "Tuesday evening peer group" in search(client)  # now from the cache

        edit_offer(lead, offer, name="Wednesday voices circle", description="Tea and talk.")

        page = search(client)
    assert "Wednesday voices circle" in page and "Tea and talk." in page
    assert "Tuesday evening peer group" not in page


def test_a_new_place_shows_its_district_and_distance_at_once(client, lead, offer):
    before = search(client)
    assert "LS6" in before and "Under half a mile away" in before

    edit_offer(lead, offer, place_name="Bradford library", postcode="BD1 1AA")

    page = search(client)
    assert " · BD1 · " in page and "Under half a mile away" not in page


def test_a_new_meeting_time_shows_at_once(client, lead, offer):
    assert '<span dir="ltr">18:00–20:00</span>' in search(client)

    edit_offer(lead, offer, opens_at="19:00", closes_at="21:00")

    assert '<span dir="ltr">19:00–21:00</span>' in search(client)


def test_a_group_s_new_name_shows_on_its_offers_at_once(client, lead, offer):
    assert "Run by Hearing Voices Leeds" in search(client)

    data = {**LISTING, "name": "Voices Together Leeds", "area_outward_code": "LS6"}
    data.update(social_link="", email="")
    lead.post(reverse("directory:listing_edit", args=[offer.listing.uuid]), data)

    page = search(client)
    assert "Run by Voices Together Leeds" in page and "Hearing Voices Leeds" not in page


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_bulk_change_that_skips_the_services_shows_once_it_says_so_or_within_ten_minutes(
    client, offer
):
    assert "Tuesday evening peer group" in search(client)

    # A bulk fix made around the ORM's save sends no signal. Like a queryset update()
    # in the code, it starts a new generation of the directory's pages itself; one that
    # forgets shows within the ten minutes a search's results are kept.
    Offer.objects.filter(pk=offer.pk).update(name="Renamed in bulk")
    Schedule.objects.filter(offer=offer).update(opens_at=datetime.time(17, 30))
    forgotten = search(client)
    with freeze_time(timezone.now() + datetime.timedelta(seconds=RESULTS_SECONDS + 1)):
        in_ten_minutes = search(client)
    Offer.objects.filter(pk=offer.pk).update(name="Renamed again")
    area_changed_now_and_when_committed("directory")
    said_so = search(client)

    assert "Tuesday evening peer group" in forgotten
    assert "Renamed in bulk" in in_ten_minutes
    assert '<span dir="ltr">17:30–20:00</span>' in in_ten_minutes
    assert "Renamed again" in said_so


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_signed_in_person_and_a_visitor_see_the_same_results_each_with_their_own_header(
    client, lead, offer, owner
):
    visitor = search(client)
    signed_in = search(lead)

    def results(page):
        return page[page.index('id="results-heading"') : page.index("</ol>")]

    assert results(visitor) == results(signed_in)
    assert "Tuesday evening peer group" in results(signed_in)
    assert "Sign out" in signed_in and "Sign out" not in visitor


@pytest.mark.parametrize("first, then", [("cy", "en"), ("en", "cy")])
def test_a_card_is_never_shown_in_the_language_of_the_page_before(client, offer, first, then):
    run_by = {"en": "Run by Hearing Voices Leeds", "cy": "Yn cael ei redeg gan Hearing Voices"}
    client.cookies["django_language"] = first
    assert run_by[first] in search(client)

    client.cookies["django_language"] = then
    page = search(client)

    assert run_by[then] in page and run_by[first] not in page


def test_a_signed_in_person_never_gets_the_page_kept_for_visitors(client, lead, offer, owner):
    visitor = search(client)
    assert client.get(SEARCH, NEAR_LS6)["X-Flourish-Cache"] == "hit"

    response = lead.get(SEARCH, NEAR_LS6)

    assert "X-Flourish-Cache" not in response
    page = response.content.decode()
    assert "Sign out" in page and "Sign out" not in visitor
    assert html.escape(owner.name) not in visitor  # as the page would write it


def test_the_form_keeps_what_each_person_chose(client, offer):
    assert '<option value="25" selected>' in search(client)

    page = search(client, {**NEAR_LS6, "distance": "10"})

    assert '<option value="10" selected>' in page and '<option value="25" selected>' not in page


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_renamed_type_shows_in_the_search_form_at_once(client, offer):
    term = TaxonomyTerm.objects.filter(taxonomy__name="Flourish offer types").first()
    assert term is not None and term.name in search(client)

    term.name = "Peer support circles"
    term.save()

    assert "Peer support circles" in search(client)


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_one_off_session_says_it_has_happened_the_day_after(client, offer):
    tuesday = datetime.date(2026, 12, 1)
    Schedule.objects.filter(offer=offer).update(frequency="ONCE", starts_on=tuesday)
    with freeze_time("2026-12-01 20:00"):
        assert "Once only:" in search(client, {"q": "Tuesday"})
    with freeze_time("2026-12-02 08:00"):
        page = search(client, {"q": "Tuesday"})
    assert "Happened on" in page and "Once only:" not in page


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_a_one_off_is_no_longer_found_by_its_day_the_day_after_though_searched_before(
    client, offer
):
    # The statement for "meets on a Tuesday" is written once and kept: the day it was
    # written for must not find a meeting that has since happened.
    tuesday = datetime.date(2026, 12, 1)
    Schedule.objects.filter(offer=offer).update(frequency="ONCE", starts_on=tuesday, weekday=1)
    with freeze_time("2026-12-01 08:00"):
        assert "Tuesday evening peer group" in search(client, {"day": "1"})
    with freeze_time("2026-12-02 08:00"):
        assert "Tuesday evening peer group" not in search(client, {"day": "1"})


@override_settings(PUBLIC_PAGE_CACHE=False)
def test_searches_that_differ_only_in_a_type_find_their_own_offers(client, offer):
    types = TaxonomyTerm.objects.filter(taxonomy__name="Flourish offer types")
    its_type, other_type = types[0], types[1]
    offer.terms.set([its_type])

    assert "Tuesday evening peer group" in search(client, {"type": its_type.code})
    assert "Tuesday evening peer group" not in search(client, {"type": other_type.code})
    assert "Tuesday evening peer group" in search(client, {"type": its_type.code})


def test_every_spelling_of_one_search_is_one_page_in_the_cache(client, offer):
    first = client.get(SEARCH, {"q": "", "postcode": "LS6 3AB", "distance": "25"})
    assert "Tuesday evening peer group" in first.content.decode()
    assert "X-Flourish-Cache" not in first

    # The same search: other order, a blank field left out, a parameter it never reads.
    again = client.get(f"{SEARCH}?distance=25&utm_source=newsletter&postcode=LS6+3AB")

    assert again["X-Flourish-Cache"] == "hit"
    assert "Tuesday evening peer group" in again.content.decode()
    assert "utm_source" not in again.content.decode()
    assert client.get(SEARCH, {**NEAR_LS6, "distance": "10"}).get("X-Flourish-Cache") is None


def test_an_empty_search_still_lists_every_group(client, offer):
    response = client.get(SEARCH, {"q": "", "postcode": "", "utm_source": "x"})

    assert response.status_code == 200
    assert "Tuesday evening peer group" in response.content.decode()
