"""Reads for the directory: finding listings and offers, near a postcode and at given times.

Search uses a fixed number of queries whatever the data size: one for candidate
places inside a bounding box (an indexable pre-filter that works on SQLite and
PostgreSQL alike), exact distances in Python, then one query for the page of offers
and one per prefetched relation.
"""

import datetime
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from flourish.directory.geography import KM_PER_MILE, District, bounding_box, haversine_km
from flourish.directory.models import (
    Frequency,
    Listing,
    ListingState,
    Offer,
    OfferPlace,
    Schedule,
    Taxonomy,
    TaxonomyTerm,
)

VISIBLE_STATES = (ListingState.ACTIVE, ListingState.STALE)
# A suggestion still waiting for review is a duplicate too; a refused or merged one is not.
DUPLICATE_STATES = (*VISIBLE_STATES, ListingState.HIDDEN, ListingState.PENDING)
EVENING = datetime.time(17, 0)
NOON = datetime.time(12, 0)


def listing_duplicate_of(
    *, normalised_name: str, area_outward_code: str, link_keys: list[str], exclude_pk: int | None
) -> Listing | None:
    """Another listing with one of these links, or with this name in the same district."""
    same = Q(normalised_name=normalised_name, area_outward_code=area_outward_code)
    if link_keys:
        same |= Q(website_key__in=link_keys) | Q(social_key__in=link_keys)
    listings = Listing.objects.filter(same, state__in=DUPLICATE_STATES)
    if exclude_pk is not None:
        listings = listings.exclude(pk=exclude_pk)
    return listings.first()


def _parse_uuid(value: Any) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError as error:
        raise Http404 from error


def get_listing_for_public(*, listing_id: Any) -> Listing:
    return _get_or_404(
        Listing.objects.filter(state__in=VISIBLE_STATES).prefetch_related(
            Prefetch(
                "offers",
                queryset=Offer.objects.prefetch_related(
                    "schedules",
                    Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place")),
                ),
            )
        ),
        uuid=_parse_uuid(listing_id),
    )


def get_listing_for_user(*, user: Any, listing_id: Any) -> Listing:
    """The listing, if this person may change it; otherwise 404, as if it did not exist."""
    listing = _get_or_404(Listing.objects.all(), uuid=_parse_uuid(listing_id))
    if not user.has_perm("directory.change_listing", listing):
        raise Http404
    return listing


def get_offer_for_user(*, user: Any, offer_id: Any) -> Offer:
    """The offer, if this person may change its group's listing; otherwise 404."""
    offer = _get_or_404(Offer.objects.select_related("listing"), uuid=_parse_uuid(offer_id))
    if not user.has_perm("directory.change_listing", offer.listing):
        raise Http404
    return offer


def get_offer_for_public(*, offer_id: Any) -> Offer:
    return _get_or_404(
        Offer.objects.filter(listing__state__in=VISIBLE_STATES)
        .select_related("listing")
        .prefetch_related("schedules", "terms", "offer_places__place"),
        uuid=_parse_uuid(offer_id),
    )


def _get_or_404(queryset: QuerySet, **lookup: Any) -> Any:
    try:
        return queryset.get(**lookup)
    except queryset.model.DoesNotExist as error:
        raise Http404 from error


@dataclass
class SearchQuery:
    words: str = ""
    centre: District | None = None
    radius_km: float | None = None
    day: str = ""  # "", "weekdays", "weekends", or "0".."6"
    time: str = ""  # "", "morning", "afternoon", "evening"
    free: bool = False
    personal_budget: bool = False
    term: TaxonomyTerm | None = None
    community: str = ""
    language: str = ""
    attendance: str = ""  # "", "in_person", "online"
    # Open Referral's filters: start at or after, end at or before, term and taxonomy ids.
    starts_from: datetime.time | None = None
    ends_by: datetime.time | None = None
    term_uuid: uuid.UUID | None = None
    taxonomy_uuid: uuid.UUID | None = None


@dataclass
class SearchHit:
    offer: Offer
    distance_km: float | None = None
    outward_code: str = ""

    @property
    def distance_miles(self) -> float | None:
        return None if self.distance_km is None else self.distance_km / KM_PER_MILE


@dataclass
class SearchResults:
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0


def _schedule_filter(query: SearchQuery) -> Q | None:
    day, time = query.day, query.time
    conditions = Q()
    if query.starts_from is not None:
        conditions &= Q(opens_at__gte=query.starts_from)
    if query.ends_by is not None:
        conditions &= Q(closes_at__lte=query.ends_by)
    if day == "weekdays":
        conditions &= Q(weekday__lt=5)
    elif day == "weekends":
        conditions &= Q(weekday__gte=5)
    elif day.isdigit():
        conditions &= Q(weekday=int(day))
    if time == "morning":
        conditions &= Q(opens_at__lt=NOON)
    elif time == "afternoon":
        conditions &= Q(opens_at__gte=NOON, opens_at__lt=EVENING)
    elif time == "evening":
        conditions &= Q(opens_at__gte=EVENING)
    if not conditions:
        return None
    # A one-off matches by its date's weekday (stored in `weekday`), but only until it has happened.
    upcoming = ~Q(frequency=Frequency.ONCE) | Q(starts_on__gte=timezone.localdate())
    return conditions & upcoming


def _word_filter(words: str, at: str) -> Q:
    """Every word must appear somewhere in the offer's or its group's words."""
    conditions = Q()
    for word in words.lower().split()[:8]:
        conditions &= Q(**{f"{at}search_text__contains": word})
    return conditions


def _community_language_attendance(query: SearchQuery, at: str) -> list[Q]:
    conditions = []
    if query.community.strip():
        conditions.append(Q(**{f"{at}listing__communities__icontains": query.community.strip()}))
    if query.language.strip():
        language = query.language.strip()
        conditions.append(
            Q(**{f"{at}languages__icontains": language})
            | Q(**{f"{at}listing__languages__icontains": language})
        )
    if query.attendance == "online":
        conditions.append(Q(**{f"{at}online": True}))
    return conditions


def _offer_conditions(query: SearchQuery, at: str = "") -> list[Q | Exists]:
    """Filters on an offer, reached from the queried model through `at` ("" or "offer__")."""
    offer_id = OuterRef("offer_id" if at == "offer__" else "pk")
    conditions: list[Q | Exists] = [Q(**{f"{at}listing__state__in": VISIBLE_STATES})]
    if query.words.strip():
        conditions.append(_word_filter(query.words, at))
    if (slots := _schedule_filter(query)) is not None:
        conditions.append(Exists(Schedule.objects.filter(slots, offer=offer_id)))
    if query.free:
        conditions.append(Q(**{f"{at}cost": "free"}))
    if query.personal_budget:
        conditions.append(Q(**{f"{at}personal_budget": True}))
    conditions.extend(_community_language_attendance(query, at))
    if query.attendance == "in_person":
        conditions.append(Exists(OfferPlace.objects.filter(offer=offer_id)))
    terms = Offer.terms.through.objects.filter(offer=offer_id)
    if query.term is not None:
        conditions.append(Exists(terms.filter(taxonomyterm=query.term)))
    if query.term_uuid is not None:
        conditions.append(Exists(terms.filter(taxonomyterm__uuid=query.term_uuid)))
    if query.taxonomy_uuid is not None:
        conditions.append(Exists(terms.filter(taxonomyterm__taxonomy__uuid=query.taxonomy_uuid)))
    return conditions


def offer_search_queryset(query: SearchQuery) -> QuerySet[Offer]:
    """Visible offers matching everything asked for except distance."""
    return Offer.objects.filter(*_offer_conditions(query))


def _offer_places_in_box(query: SearchQuery, centre: District, radius_km: float) -> QuerySet:
    """Offers-at-places inside the box around the radius, filtered in the same single query
    (joined, not a subquery, so the database can start from the indexed latitude)."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(centre.latitude, centre.longitude, radius_km)
    return OfferPlace.objects.filter(
        *_offer_conditions(query, "offer__"),
        place__latitude__range=(min_lat, max_lat),
        place__longitude__range=(min_lng, max_lng),
    )


def offers_near(
    query: SearchQuery, *, centre: District, radius_km: float
) -> list[tuple[int, float, str]]:
    """(offer id, km, district) for each offer's nearest place within the radius, nearest first."""
    candidates = _offer_places_in_box(query, centre, radius_km).values_list(
        "offer_id", "place__latitude", "place__longitude", "place__outward_code"
    )
    nearest: dict[int, tuple[float, str]] = {}
    for offer_id, lat, lng, outward in candidates:
        km = haversine_km(centre.latitude, centre.longitude, lat, lng)
        if km <= radius_km and (offer_id not in nearest or km < nearest[offer_id][0]):
            nearest[offer_id] = (km, outward)
    return sorted(
        ((offer_id, km, outward) for offer_id, (km, outward) in nearest.items()),
        key=lambda row: (row[1], row[0]),
    )


def _page_of_offers(ids: list[int]) -> dict[int, Offer]:
    offers = (
        Offer.objects.filter(pk__in=ids)
        .select_related("listing")
        .prefetch_related(
            "schedules",
            Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place")),
        )
    )
    return {offer.pk: offer for offer in offers}


def offer_search(query: SearchQuery, *, offset: int, limit: int) -> SearchResults:
    """One page of offers, nearest first when a postcode is given, otherwise by name."""
    offers = offer_search_queryset(query)
    if query.centre is not None and query.radius_km is not None:
        ranked = offers_near(query, centre=query.centre, radius_km=query.radius_km)
        page = ranked[offset : offset + limit]
        found = _page_of_offers([offer_id for offer_id, _km, _district in page])
        hits = [SearchHit(found[oid], km, outward) for oid, km, outward in page if oid in found]
        return SearchResults(hits=hits, total=len(ranked))
    total = offers.count()
    ids = list(offers.order_by("name", "pk").values_list("pk", flat=True)[offset : offset + limit])
    found = _page_of_offers(ids)
    hits = []
    for offer_id in ids:
        places = [link.place for link in found[offer_id].offer_places.all()]
        hits.append(SearchHit(found[offer_id], None, places[0].outward_code if places else ""))
    return SearchResults(hits=hits, total=total)


def offer_type_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__name="Flourish offer types")


def _api_offers() -> QuerySet[Offer]:
    return Offer.objects.select_related("listing")


def service_page(query: SearchQuery, *, offset: int, limit: int) -> tuple[int, list[Offer]]:
    """Open Referral /services: (total, one page of offers with their group), in two queries."""
    offers = offer_search_queryset(query)
    total = offers.count()
    ids = list(offers.order_by("name", "pk").values_list("pk", flat=True)[offset : offset + limit])
    found = {offer.pk: offer for offer in _api_offers().filter(pk__in=ids)}
    return total, [found[pk] for pk in ids]


def _full_offers() -> QuerySet[Offer]:
    return _api_offers().prefetch_related(
        "schedules",
        Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place")),
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy", "parent")),
    )


def service_for_api(*, service_id: uuid.UUID) -> Offer:
    return _get_or_404(_full_offers().filter(listing__state__in=VISIBLE_STATES), uuid=service_id)


def offer_places_near(query: SearchQuery, *, centre: District, radius_km: float) -> list[int]:
    """Ids of offers-at-places within the radius of a point, nearest first."""
    candidates = _offer_places_in_box(query, centre, radius_km).values_list(
        "pk", "place__latitude", "place__longitude"
    )
    ranked = []
    for pk, lat, lng in candidates:
        km = haversine_km(centre.latitude, centre.longitude, lat, lng)
        if km <= radius_km:
            ranked.append((km, pk))
    return [pk for _km, pk in sorted(ranked)]


def service_at_location_page(
    query: SearchQuery, *, offset: int, limit: int
) -> tuple[int, list[OfferPlace]]:
    """Open Referral /service_at_locations: nearest first when a postcode is given."""
    if query.centre is not None and query.radius_km is not None:
        ranked = offer_places_near(query, centre=query.centre, radius_km=query.radius_km)
        total, ids = len(ranked), ranked[offset : offset + limit]
    else:
        links = OfferPlace.objects.filter(*_offer_conditions(query, "offer__"))
        total = links.count()
        ids = list(links.order_by("pk").values_list("pk", flat=True)[offset : offset + limit])
    found = {
        link.pk: link
        for link in OfferPlace.objects.filter(pk__in=ids).select_related("offer__listing", "place")
    }
    return total, [found[pk] for pk in ids]


def service_at_location_for_api(*, link_id: uuid.UUID) -> OfferPlace:
    link = _get_or_404(
        OfferPlace.objects.filter(offer__listing__state__in=VISIBLE_STATES).select_related("place"),
        uuid=link_id,
    )
    link.offer = _get_or_404(_full_offers(), pk=link.offer_id)
    return link


def taxonomy_list() -> QuerySet[Taxonomy]:
    return Taxonomy.objects.order_by("name", "pk")


def taxonomy_for_api(*, taxonomy_id: uuid.UUID) -> Taxonomy:
    return _get_or_404(
        Taxonomy.objects.prefetch_related(
            Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy", "parent"))
        ),
        uuid=taxonomy_id,
    )


def taxonomy_term_list() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.select_related("taxonomy", "parent").order_by(
        "taxonomy__name", "name", "pk"
    )


def taxonomy_term_for_api(*, term_id: uuid.UUID) -> TaxonomyTerm:
    return _get_or_404(taxonomy_term_list(), uuid=term_id)


def check_user_can_import(*, user: Any) -> None:
    """Only coordinators import spreadsheets; anyone else is told nothing exists here."""
    if not user.has_perm("directory.import_listings"):
        raise Http404


def get_listing_for_claim(*, listing_id: Any) -> Listing:
    """A published listing, or a suggestion still waiting for review: its group may claim it."""
    return _get_or_404(
        Listing.objects.filter(state__in=(*VISIBLE_STATES, ListingState.PENDING)),
        uuid=_parse_uuid(listing_id),
    )


def check_user_can_review(*, user: Any) -> None:
    """Only coordinators see the suggestions waiting for review; anyone else gets 404."""
    if not user.has_perm("directory.review_listings"):
        raise Http404


def suggestions_waiting() -> QuerySet[Listing]:
    """Suggestions waiting for a coordinator, oldest first, in one query."""
    return Listing.objects.filter(state=ListingState.PENDING).order_by("created_at", "pk")


def get_suggestion_for_reviewer(*, user: Any, listing_id: Any) -> Listing:
    """A suggestion waiting for review, if this person is a coordinator; otherwise 404."""
    check_user_can_review(user=user)
    return _get_or_404(suggestions_waiting(), uuid=_parse_uuid(listing_id))


def merge_candidates(*, suggestion: Listing) -> QuerySet[Listing]:
    """Listings a suggestion may be the same group as: published ones in its council area."""
    nearby = Q(area_outward_code=suggestion.area_outward_code)
    if suggestion.local_authority:
        nearby |= Q(local_authority=suggestion.local_authority)
    return (
        Listing.objects.filter(nearby, state__in=VISIBLE_STATES)
        .exclude(pk=suggestion.pk)
        .order_by("name", "pk")
    )
