"""Factories for listings, offers, places and schedules, used by tests and the demo data.

Every group they make is made up; emails use the reserved example.org domain.
"""

import datetime

import factory
from django.utils import timezone

from flourish.directory.geography import District, district_for
from flourish.directory.models import (
    Frequency,
    LegalForm,
    Listing,
    ListingState,
    Offer,
    OfferKind,
    OfferPlace,
    Place,
    Schedule,
    TaxonomyTerm,
)
from flourish.directory.services.listings import link_key, normalise_name
from flourish.directory.services.search_index import (
    listing_search_text,
    offer_search_text,
    search_index_update,
)


class ListingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Listing
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Peer Support Circle {n}")
    normalised_name = factory.LazyAttribute(lambda listing: normalise_name(listing.name))
    description = "We meet to listen to each other, without judgement."
    led_by = "Run by and for people with lived experience of mental ill-health."
    communities = "people who hear voices"
    languages = ""
    legal_form = LegalForm.UNCONSTITUTED
    area_outward_code = "LS6"
    local_authority = factory.LazyAttribute(
        lambda listing: getattr(district_for(listing.area_outward_code), "local_authority", "")
    )
    website = factory.Sequence(lambda n: f"https://group{n}.example.org")
    social_link = ""
    website_key = factory.LazyAttribute(lambda listing: link_key(listing.website))
    social_key = factory.LazyAttribute(lambda listing: link_key(listing.social_link))
    email = factory.Sequence(lambda n: f"group{n}@example.org")
    state = ListingState.ACTIVE
    last_confirmed_at = factory.LazyFunction(timezone.now)
    search_text = factory.LazyAttribute(lambda listing: listing_search_text(listing))

    @factory.post_generation
    def indexed(self, create: bool, extracted: object, **kwargs: object) -> None:
        # Made as the services make them: findable by their words.
        if create:
            search_index_update(listings=[self])  # type: ignore[list-item]


def _district(code: str) -> District:
    district = district_for(code)
    if district is None:
        raise ValueError(f"{code} is not a postcode district we know")
    return district


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    listing = factory.SubFactory(ListingFactory)
    name = "Community centre"
    postcode = "LS6 3AB"
    outward_code = factory.LazyAttribute(lambda place: place.postcode.split()[0])
    local_authority = factory.LazyAttribute(
        lambda place: _district(place.outward_code).local_authority
    )
    latitude = factory.LazyAttribute(lambda place: _district(place.outward_code).latitude)
    longitude = factory.LazyAttribute(lambda place: _district(place.outward_code).longitude)
    is_public_venue = True


class OfferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Offer
        skip_postgeneration_save = True

    listing = factory.SubFactory(ListingFactory)
    name = factory.Sequence(lambda n: f"Tuesday evening peer group {n}")
    description = "A peer support group: come along, listen, speak if you want to."
    kind = OfferKind.ACTIVITY
    who_for = "Adults who hear voices"
    languages = ""
    search_text = factory.LazyAttribute(lambda offer: offer_search_text(offer))

    @factory.post_generation
    def terms(self, create: bool, extracted: list[TaxonomyTerm] | None, **kwargs: object) -> None:
        if create and extracted:
            self.terms.set(extracted)

    @factory.post_generation
    def indexed(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            search_index_update(offers=[self])  # type: ignore[list-item]
            Listing.objects.filter(pk=self.listing_id).update(lists_offers=True)
            self.listing.lists_offers = True


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Schedule

    offer = factory.SubFactory(OfferFactory)
    weekday = 1
    opens_at = datetime.time(18, 0)
    closes_at = datetime.time(20, 0)
    frequency = Frequency.WEEKLY


class OfferPlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfferPlace

    offer = factory.SubFactory(OfferFactory)
    place = factory.SubFactory(PlaceFactory, listing=factory.SelfAttribute("..offer.listing"))


def offer_meeting_at(
    *,
    postcode: str,
    weekday: int = 1,
    opens_at: datetime.time = datetime.time(18, 0),
    **fields: object,
) -> Offer:
    """An offer with one weekly meeting at a place in the given postcode."""
    offer: Offer = OfferFactory.create(**fields)
    ScheduleFactory(
        offer=offer,
        weekday=weekday,
        opens_at=opens_at,
        closes_at=datetime.time(min(opens_at.hour + 2, 23), 0),
    )
    OfferPlaceFactory(offer=offer, place=PlaceFactory(listing=offer.listing, postcode=postcode))
    return offer
