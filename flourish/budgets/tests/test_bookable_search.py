"""Finding support to book with a budget: by words, and nearest first from a postcode, as
the directory finds groups; only offers a budget can pay for, whatever the search."""

import pytest

from flourish.accounts.factories import OrganisationFactory
from flourish.accounts.models import OrganisationKind
from flourish.budgets.factories import budget_offer_make
from flourish.directory.factories import OfferFactory, OfferPlaceFactory, PlaceFactory

pytestmark = pytest.mark.django_db


def bookable_at(postcode, name, **fields):
    group = OrganisationFactory(kind=OrganisationKind.GROUP, name=f"{name} group")
    offer = budget_offer_make(group=group, name=name, **fields)
    OfferPlaceFactory(offer=offer, place=PlaceFactory(listing=offer.listing, postcode=postcode))
    return offer


@pytest.fixture
def offers_page(client, budget, jo):
    client.force_login(jo)

    def page(**asked):
        return client.get(f"/budgets/{budget.pk}/offers/", asked).content.decode()

    return page


def test_near_a_postcode_the_nearest_support_comes_first_with_how_far(offers_page):
    bookable_at("BD1 1AA", "Bradford art group")
    bookable_at("LS6 1AA", "Headingley walking group")
    bookable_at("CF10 1AA", "Cardiff peer group")

    page = offers_page(postcode="LS6 3AB", distance="25")

    assert page.index("Headingley walking group") < page.index("Bradford art group")
    assert "Cardiff peer group" not in page  # further than 25 miles
    assert "Under half a mile away" in page and "miles away" in page


def test_words_narrow_the_support_and_without_a_postcode_it_is_by_name(offers_page):
    bookable_at("LS6 1AA", "Walking group")
    bookable_at("LS6 1AA", "Art club")
    bookable_at("LS6 1AA", "Art and walking")

    assert "Art club" not in offers_page(q="walking")
    everything = offers_page()
    assert everything.index("Art and walking") < everything.index("Art club")
    assert everything.index("Art club") < everything.index("Walking group")
    assert "miles away" not in everything


def test_only_what_a_budget_can_pay_for_is_found(offers_page, group):
    bookable_at("LS6 1AA", "Paid peer group")
    free = OfferFactory(name="Free peer group", cost="free", personal_budget=True)
    OfferPlaceFactory(offer=free, place=PlaceFactory(listing=free.listing, postcode="LS6 1AA"))
    no_budgets = OfferFactory(name="Cash peer group", cost="price", price_pence=500)
    OfferPlaceFactory(
        offer=no_budgets, place=PlaceFactory(listing=no_budgets.listing, postcode="LS6 1AA")
    )

    for page in (offers_page(q="peer"), offers_page(q="peer", postcode="LS6", distance="5")):
        assert "Paid peer group" in page
        assert "Free peer group" not in page and "Cash peer group" not in page


def test_a_postcode_it_cannot_find_says_what_to_do(offers_page):
    bookable_at("LS6 1AA", "Walking group")
    page = offers_page(postcode="ZZ99 9ZZ")
    assert "We could not find that postcode" in page
    assert "Walking group" not in page


def test_nothing_matching_says_what_to_try(offers_page):
    bookable_at("LS6 1AA", "Walking group")
    assert "Try fewer words, or a greater distance." in offers_page(q="knitting")


def test_pages_keep_the_search(offers_page):
    for number in range(27):
        bookable_at("LS6 1AA", f"Walking group {number:02d}")
    first = offers_page(q="walking", postcode="LS6", distance="5")
    second = offers_page(q="walking", postcode="LS6", distance="5", page="2")

    assert "Page 1 of 2" in first
    assert 'href="?q=walking&amp;postcode=LS6&amp;distance=5&amp;page=2"' in first
    assert "Walking group 26" in second and "Walking group 00" not in second


def test_the_page_makes_the_same_queries_however_many_offers(
    client, budget, jo, django_assert_max_num_queries
):
    client.force_login(jo)
    url = f"/budgets/{budget.pk}/offers/"

    def searched(miles, more):
        for number in range(more):
            bookable_at("LS6 1AA", f"Walking group {miles}-{number}")
        client.get(url)  # the search form's list of types, built again after a change
        # A distance not asked for before: ranked and counted afresh.
        with django_assert_max_num_queries(10) as made:
            client.get(url, {"postcode": "LS6", "distance": miles})
        return len(made)

    assert searched("5", 26) == searched("25", 60)
