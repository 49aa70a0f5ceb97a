"""Directory objects as Open Referral UK 3.0 JSON (the compiled profile schemas).

Optional fields are left out rather than sent empty, because the profile types them
as strings with formats (uri, email) that an empty string would break. Child objects
that have no row of their own here (cost options, service areas, addresses, attribute
links) get stable UUIDs derived from their parent's, so ids never change between calls.
A place that is not a public venue is published as its postcode district only.
"""

import datetime
import uuid
from typing import Any

from flourish.directory.api.summaries import (
    LinkSummary,
    ListingSummary,
    OfferSummary,
    PlaceSummary,
)
from flourish.directory.models import (
    CostKind,
    Frequency,
    Listing,
    ListingState,
    Offer,
    OfferPlace,
    Place,
    Schedule,
    Taxonomy,
    TaxonomyTerm,
)

DAY_CODES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
STATUS: dict[str, str] = {ListingState.ACTIVE: "active", ListingState.STALE: "active"}


def _derived_id(parent: uuid.UUID, name: str) -> str:
    return str(uuid.uuid5(parent, name))


def _timestamp(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _present(**fields: Any) -> dict[str, Any]:
    return {key: value for key, value in fields.items() if value not in ("", None)}


def organization(listing: Listing | ListingSummary) -> dict[str, Any]:
    return _present(
        id=str(listing.uuid),
        name=listing.name,
        description=listing.description,
        email=listing.email,
        website=listing.website,
    )


def service_summary(offer: Offer | OfferSummary) -> dict[str, Any]:
    """The one-to-one fields of a service, as /services lists them."""
    listing = offer.listing
    return _present(
        id=str(offer.uuid),
        organization_id=str(listing.uuid),
        name=offer.name,
        description=offer.description,
        url=listing.website,
        email=listing.email,
        status=STATUS.get(listing.state, "inactive"),
        assured_date=listing.last_confirmed_at.date().isoformat()
        if listing.last_confirmed_at
        else None,
        last_modified=_timestamp(offer.updated_at),
    ) | {"organization": organization(listing)}


def _one_off(slot: Schedule, *, service_id: str) -> dict[str, Any]:
    """A single date: valid from and to that day, with no recurrence (no freq, no byday)."""
    on = slot.starts_on.isoformat() if slot.starts_on else None
    return _present(
        id=str(slot.uuid),
        service_id=service_id,
        valid_from=on,
        valid_to=on,
        dtstart=on,
        opens_at=slot.opens_at.strftime("%H:%M"),
        closes_at=slot.closes_at.strftime("%H:%M"),
        description=f"Once only: {slot}",
        notes=slot.notes,
    )


def schedule(slot: Schedule, *, service_id: str) -> dict[str, Any]:
    if slot.is_one_off:
        return _one_off(slot, service_id=service_id)
    day = DAY_CODES[slot.weekday]
    weekly = slot.frequency != Frequency.MONTHLY
    return _present(
        id=str(slot.uuid),
        service_id=service_id,
        freq="WEEKLY" if weekly else "MONTHLY",
        interval=2 if slot.frequency == Frequency.FORTNIGHTLY else 1,
        byday=day,
        dtstart=slot.starts_on.isoformat() if slot.starts_on else None,
        opens_at=slot.opens_at.strftime("%H:%M"),
        closes_at=slot.closes_at.strftime("%H:%M"),
        description=f"{slot.get_frequency_display()}, {slot.get_weekday_display()} "
        f"{slot.opens_at:%H:%M}–{slot.closes_at:%H:%M}",
        notes=slot.notes,
    )


def _location_summary(place: Place | PlaceSummary) -> dict[str, Any]:
    return _present(
        id=str(place.uuid),
        location_type="physical",
        name=place.name if place.is_public_venue else f"{place.outward_code} area",
        latitude=place.latitude,
        longitude=place.longitude,
    )


def location(place: Place) -> dict[str, Any]:
    data = _location_summary(place)
    if place.is_public_venue:
        data["addresses"] = [
            {
                "id": _derived_id(place.uuid, "address"),
                "location_id": str(place.uuid),
                "address_1": place.address.splitlines()[0] if place.address else place.name,
                "city": place.town or place.local_authority or place.outward_code,
                "state_province": place.local_authority or place.outward_code,
                "postal_code": place.postcode,
                "country": "GB",
                "address_type": "physical",
            }
        ]
    return data


def taxonomy_term(term: TaxonomyTerm) -> dict[str, Any]:
    return _present(
        id=str(term.uuid),
        name=term.name,
        description=term.description,
        parent_id=str(term.parent.uuid) if term.parent is not None else None,
        taxonomy=term.taxonomy.name,
        taxonomy_id=str(term.taxonomy.uuid),
        term=term.name,
    )


def taxonomy(item: Taxonomy, *, with_terms: bool = False) -> dict[str, Any]:
    data = _present(
        id=str(item.uuid),
        name=item.name,
        description=item.description,
        uri=item.uri,
        version=item.version,
    )
    if with_terms:
        data["taxonomy_terms"] = [taxonomy_term(term) for term in item.terms.all()]
    return data


def _cost_option(offer: Offer) -> dict[str, Any]:
    option: dict[str, Any] = {
        "id": _derived_id(offer.uuid, "cost"),
        "service_id": str(offer.uuid),
        "option": offer.get_cost_display(),
    }
    if offer.cost == CostKind.PRICE and offer.price_pence is not None:
        option["amount"] = offer.price_pence / 100
        if offer.price_unit:
            option["amount_description"] = offer.price_unit
    elif offer.cost == CostKind.FREE:
        option["amount"] = 0
    return option


def _attributes(offer: Offer) -> list[dict[str, Any]]:
    return [
        {
            "id": _derived_id(offer.uuid, f"term:{term.uuid}"),
            "link_id": str(offer.uuid),
            "taxonomy_term_id": str(term.uuid),
            "link_type": "service",
            "taxonomy_term": taxonomy_term(term),
        }
        for term in offer.terms.all()
    ]


def service_at_location_summary(link: LinkSummary) -> dict[str, Any]:
    return {
        "id": str(link.uuid),
        "service_id": str(link.offer.uuid),
        "location_id": str(link.place.uuid),
        "location": _location_summary(link.place),
        "service": service_summary(link.offer),
    }


def service_full(offer: Offer, *, with_locations: bool = True) -> dict[str, Any]:
    """A service with everything related to it, as /services/{id} returns it."""
    service_id = str(offer.uuid)
    listing = offer.listing
    data = service_summary(offer)
    data["schedules"] = [schedule(slot, service_id=service_id) for slot in offer.schedules.all()]
    data["service_areas"] = [
        _present(
            id=_derived_id(listing.uuid, "area"),
            service_id=service_id,
            name=listing.area_outward_code,
            extent_type="postcode_district",
            service_area=", ".join(
                filter(None, [listing.area_outward_code, listing.local_authority])
            ),
        )
    ]
    if with_locations:
        data["service_at_locations"] = [
            {
                "id": str(link.uuid),
                "service_id": service_id,
                "location_id": str(link.place.uuid),
                "location": location(link.place),
            }
            for link in offer.offer_places.all()
        ]
    data["cost_options"] = [_cost_option(offer)]
    data["attributes"] = _attributes(offer)
    return data


def service_at_location_full(link: OfferPlace) -> dict[str, Any]:
    return {
        "id": str(link.uuid),
        "service_id": str(link.offer.uuid),
        "location_id": str(link.place.uuid),
        "location": location(link.place),
        "service": service_full(link.offer, with_locations=False),
    }
