"""A page of services, or of services at locations, read as plain rows.

A page of fifty services at locations became two hundred model instances (each link
with its offer, group and place), and building them took longer than the database took
to find them. A summary shows only a few columns of each, so they are read as values
into these small records, which the serializers read as they read models. Each page's
statement is written once for each page size and prepared (`core/prepared.rows_with_ids`):
writing it and planning it each took longer than running it. Ids are kept as text, made
once from each row: a service at a location gives each of its ids twice (as its own
and as the one its parent points to), and making that text again cost about 0.1 ms a page.
"""

import datetime
from dataclasses import dataclass

from flourish.core.prepared import rows_with_ids
from flourish.directory.models import Offer, OfferPlace


@dataclass(frozen=True)
class ListingSummary:
    uuid: str
    name: str
    description: str
    email: str
    website: str
    state: str
    last_confirmed_at: datetime.datetime | None


@dataclass(frozen=True)
class OfferSummary:
    uuid: str
    name: str
    description: str
    updated_at: datetime.datetime
    listing: ListingSummary


@dataclass(frozen=True)
class PlaceSummary:
    uuid: str
    name: str
    is_public_venue: bool
    outward_code: str
    latitude: float
    longitude: float


@dataclass(frozen=True)
class LinkSummary:
    uuid: str
    offer: OfferSummary
    place: PlaceSummary


_OFFER = ("uuid", "name", "description", "updated_at")
_LISTING = ("uuid", "name", "description", "email", "website", "state", "last_confirmed_at")
_PLACE = ("uuid", "name", "is_public_venue", "outward_code", "latitude", "longitude")
# The columns of a service's summary, from an offer (serializers.service_summary)...
SERVICE_COLUMNS = (*_OFFER, *(f"listing__{name}" for name in _LISTING))
# ...and of a service at a location, from the link between an offer and a place.
LINK_COLUMNS = (
    "pk",
    "uuid",
    *(f"offer__{name}" for name in SERVICE_COLUMNS),
    *(f"place__{name}" for name in _PLACE),
)
SERVICE_ROWS = Offer.objects.values_list("pk", *SERVICE_COLUMNS)
LINK_ROWS = OfferPlace.objects.values_list(*LINK_COLUMNS)


def _offer(values: tuple) -> OfferSummary:
    offer_uuid, name, description, updated_at = values[: len(_OFFER)]
    listing_uuid, *listing = values[len(_OFFER) :]
    listing_summary = ListingSummary(str(listing_uuid), *listing)
    return OfferSummary(str(offer_uuid), name, description, updated_at, listing_summary)


def service_summaries(ids: list[int]) -> dict[int, OfferSummary]:
    """The offers with these ids, by id, in one query."""
    if not ids:
        return {}
    rows = rows_with_ids(SERVICE_ROWS, ids, name="service summaries")
    return {pk: _offer(values) for pk, *values in rows}


def link_summaries(ids: list[int]) -> dict[int, LinkSummary]:
    """The links between offers and places with these ids, by id, in one query."""
    if not ids:
        return {}
    rows = rows_with_ids(LINK_ROWS, ids, name="service at location summaries")
    found = {}
    offer_end = 2 + len(SERVICE_COLUMNS)
    for values in rows:
        pk, link_uuid = values[:2]
        offer = _offer(values[2:offer_end])
        place_uuid, *place = values[offer_end:]
        found[pk] = LinkSummary(str(link_uuid), offer, PlaceSummary(str(place_uuid), *place))
    return found
