"""Writes for offers, where and when they happen, and the offer-type taxonomy."""

from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.directory import events
from flourish.directory.geography import district_for, normalise_postcode
from flourish.directory.models import (
    Listing,
    Offer,
    OfferPlace,
    Place,
    Schedule,
    Taxonomy,
    TaxonomyTerm,
)
from flourish.directory.offer_types import OFFER_TYPES
from flourish.directory.services.search_index import offer_search_text, search_index_update


def _offer_save(
    offer: Offer,
    *,
    schedule: Mapping[str, Any] | None,
    place: Mapping[str, Any] | None,
    terms: Sequence[TaxonomyTerm],
) -> None:
    if offer.cost != "price":
        offer.price_pence = None
    elif offer.price_pence is None:
        raise ValidationError(_("Enter the price, for example 5 or 12.50"))
    offer.search_text = offer_search_text(offer)
    offer.full_clean()
    offer.save()
    search_index_update(offers=[offer])
    offer.terms.set(terms)
    # One regular meeting and one place per offer for now: saving replaces them.
    # A lead may still edit an offer whose one-off date has passed, keeping that date.
    kept = {slot.starts_on for slot in offer.schedules.all() if slot.is_one_off}
    offer.schedules.all().delete()
    if schedule:
        slot = Schedule(offer=offer, **schedule)
        if slot.opens_at and slot.closes_at and slot.closes_at <= slot.opens_at:
            raise ValidationError({"closes_at": _("Enter an end time after the start time")})
        if slot.is_one_off and slot.starts_on:
            slot.weekday = slot.starts_on.weekday()
            if slot.has_happened and slot.starts_on not in kept:
                raise ValidationError({"starts_on": _("Enter a date that is today or later")})
        slot.full_clean()
        slot.save()
    current = [link.place for link in offer.offer_places.select_related("place")]
    if place and any(
        p.postcode == normalise_postcode(place["postcode"])
        and p.name == place["name"]
        and p.is_public_venue == place["is_public_venue"]
        for p in current
    ):
        return
    offer.offer_places.all().delete()
    if place:
        OfferPlace.objects.create(
            offer=offer, place=place_create(listing=offer.listing, fields=place)
        )


@transaction.atomic
def offer_create(
    *,
    actor: Any,
    listing: Listing,
    fields: Mapping[str, Any],
    schedule: Mapping[str, Any] | None = None,
    place: Mapping[str, Any] | None = None,
    terms: Sequence[TaxonomyTerm] = (),
) -> Offer:
    """A group adds something it offers, with when it meets and where (a district at least)."""
    offer = Offer(listing=listing, **fields)
    _offer_save(offer, schedule=schedule, place=place, terms=terms)
    if not listing.lists_offers:
        listing.lists_offers = True
        listing.save(update_fields=["lists_offers", "updated_at"])
    audit_record(actor=actor, action=events.OFFER_CREATED, target=offer, data={"name": offer.name})
    return offer


@transaction.atomic
def offer_update(
    *,
    actor: Any,
    offer: Offer,
    fields: Mapping[str, Any],
    schedule: Mapping[str, Any] | None = None,
    place: Mapping[str, Any] | None = None,
    terms: Sequence[TaxonomyTerm] = (),
) -> Offer:
    """A group's lead changes an offer: its words, when it meets and where."""
    for name, value in fields.items():
        setattr(offer, name, value)
    _offer_save(offer, schedule=schedule, place=place, terms=terms)
    audit_record(
        actor=actor, action=events.OFFER_UPDATED, target=offer, data={"fields": sorted(fields)}
    )
    return offer


def place_create(*, listing: Listing, fields: Mapping[str, Any]) -> Place:
    """A place is located at its postcode district's centroid, from the shipped ONS data."""
    place = Place(listing=listing, **fields)
    district = district_for(place.postcode)
    if district is None:
        raise ValidationError({"postcode": _("Enter a real postcode, for example LS6 3AB")})
    place.postcode = normalise_postcode(place.postcode)
    place.outward_code = district.outward_code
    place.local_authority = district.local_authority
    place.latitude, place.longitude = district.latitude, district.longitude
    place.full_clean()
    place.save()
    return place


@transaction.atomic
def taxonomy_defaults_ensure() -> Taxonomy:
    """The offer types every Flourish directory starts with exist (safe to call again)."""
    taxonomy, _created = Taxonomy.objects.get_or_create(
        name="Flourish offer types",
        defaults={
            "description": "Kinds of support and activity offered by community-led groups.",
            "version": "1",
        },
    )
    for code, name, description in OFFER_TYPES:
        TaxonomyTerm.objects.get_or_create(
            taxonomy=taxonomy, code=code, defaults={"name": name, "description": description}
        )
    return taxonomy
