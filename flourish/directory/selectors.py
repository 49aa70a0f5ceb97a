"""Reads for the directory: finding groups and offers by words, near a postcode, at given times.

Search uses a fixed number of queries whatever the data size: one statement filters,
orders and pages offers and groups in the database (words through `fulltext.py`,
distance through `ranking.py`), then one query for the page's offers with their
meetings, and one for its groups.
"""

import datetime
import uuid
from dataclasses import dataclass, field, fields
from typing import Any

from django.db.models import Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from flourish.core.formatting import is_whole_number
from flourish.directory import fulltext, ranking
from flourish.directory.cards import OfferCard, card_columns, cards_of
from flourish.directory.fulltext import few_rows_with, words_match
from flourish.directory.geography import KM_PER_MILE, District
from flourish.directory.models import (
    Frequency,
    Listing,
    ListingState,
    Offer,
    OfferPlace,
    Schedule,
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

    def shape(self) -> tuple:
        """Everything asked for, as a key: a search's statements are written once per
        shape (`ranking.py`). Every field is in it, so a field added later is too."""
        return tuple(
            (value._meta.label, value.pk) if isinstance(value, Model) else value
            for value in (getattr(self, asked.name) for asked in fields(self))
        )


@dataclass
class SearchHit:
    """One result: an offer (with the group running it), or a group that lists no offers yet."""

    offer: OfferCard | None = None
    listing: Listing | None = None
    distance_km: float | None = None
    outward_code: str = ""

    @property
    def distance_miles(self) -> float | None:
        return None if self.distance_km is None else self.distance_km / KM_PER_MILE


@dataclass
class SearchResults:
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0

    @property
    def total_is_capped(self) -> bool:
        """Results are counted only up to `ranking.COUNT_UP_TO`, so a broad search costs
        the same as a narrow one."""
        return self.total >= ranking.COUNT_UP_TO


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
    elif is_whole_number(day):
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


def _community_and_language(query: SearchQuery, at: str) -> list[Q]:
    """Filters on a group's own words, reached through `at` ("listing__" from an offer)."""
    conditions = []
    if query.community.strip():
        conditions.append(Q(**{f"{at}communities__icontains": query.community.strip()}))
    if query.language.strip():
        language = query.language.strip()
        spoken = Q(**{f"{at}languages__icontains": language})
        if at:  # an offer may be held in a language its group does not list
            spoken |= Q(**{f"{at.removesuffix('listing__')}languages__icontains": language})
        conditions.append(spoken)
    return conditions


def _offer_conditions(
    query: SearchQuery, at: str = "", *, rare_first: bool = False
) -> list[Q | Exists]:
    """Filters on an offer, reached from the queried model through `at` ("" or "offer__")."""
    offer_id = OuterRef("offer_id" if at == "offer__" else "pk")
    conditions: list[Q | Exists] = [Q(**{f"{at}listing__state__in": VISIBLE_STATES})]
    conditions.append(words_match(Offer, query.words, at=at, rare_first=rare_first))
    if (slots := _schedule_filter(query)) is not None:
        conditions.append(Exists(Schedule.objects.filter(slots, offer=offer_id)))
    if query.free:
        conditions.append(Q(**{f"{at}cost": "free"}))
    if query.personal_budget:
        conditions.append(Q(**{f"{at}personal_budget": True}))
    conditions.extend(_community_and_language(query, f"{at}listing__"))
    if query.attendance == "online":
        conditions.append(Q(**{f"{at}online": True}))
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


def near_postcode(query: SearchQuery) -> ranking.Near | None:
    """How far to look from the postcode asked for, if one was; and whether to start
    from the offers with the words, when they are rare (`fulltext.py`)."""
    if query.centre is None or query.radius_km is None:
        return None
    rare = few_rows_with(Offer, query.words)
    return ranking.Near(query.centre.outward_code, query.radius_km, from_matches=rare)


def few_offers_by_name(query: SearchQuery, near: ranking.Near | None) -> bool:
    """Whether a search listed by name has so few offers with its words that sorting
    them all is quicker than reading names in order until a page is full."""
    return near is None and few_rows_with(Offer, query.words, up_to=fulltext.SORT_UP_TO)


def offer_place_search_queryset(
    query: SearchQuery, near: ranking.Near | None = None
) -> QuerySet[OfferPlace]:
    """Offers-at-places whose offer matches everything asked for except distance (joined,
    not a subquery, so the database can start from the places near a postcode)."""
    rare_first = near is not None and near.from_matches
    return OfferPlace.objects.filter(*_offer_conditions(query, "offer__", rare_first=rare_first))


def _asks_about_offers(query: SearchQuery) -> bool:
    """Whether the search names something only an offer has (a day, a cost, a type...)."""
    return bool(
        query.day
        or query.time
        or query.free
        or query.personal_budget
        or query.term
        or query.attendance
        or query.starts_from
        or query.ends_by
        or query.term_uuid
        or query.taxonomy_uuid
    )


def group_search_queryset(query: SearchQuery) -> QuerySet[Listing] | None:
    """Visible groups that list no offers yet and match the words, community and language.

    A group with offers is found through them ("Run by ..."); one without (newly
    suggested or imported) would otherwise never be found. None when the search asks
    about something only an offer can have, such as a day or a price.
    """
    if _asks_about_offers(query):
        return None
    return Listing.objects.filter(
        words_match(Listing, query.words),
        *_community_and_language(query, ""),
        lists_offers=False,
        state__in=VISIBLE_STATES,
    )


def directory_search(query: SearchQuery, *, offset: int, limit: int) -> SearchResults:
    """One page of offers and of groups with no offers: nearest first when a postcode is
    given, otherwise by name. The page comes with its cards' columns in one query, and a
    full page's total in another (kept until the directory changes), whatever the size of
    the directory."""
    near = near_postcode(query)
    total, ranked = ranking.offers_and_groups_page(
        shape=("directory", query.shape()),
        offers=lambda: (
            offer_place_search_queryset(query, near) if near else offer_search_queryset(query)
        ),
        groups=lambda: group_search_queryset(query),
        near=near,
        offset=offset,
        limit=limit,
        count_up_to=ranking.COUNT_UP_TO,
        few_offers=few_offers_by_name(query, near),
        joined=card_columns(with_first_area=near is None),
    )
    offers, groups = cards_of(ranked)
    hits = []
    for row in ranked:
        if row.kind == "offer" and row.pk in offers:
            offer = offers[row.pk]
            # Near a postcode, the district of the place it was ranked by: its nearest.
            outward = row.area if near else (offer.first_area or "")
            hits.append(SearchHit(offer=offer, distance_km=row.km, outward_code=outward))
        elif row.pk in groups:
            listing = groups[row.pk]
            hits.append(
                SearchHit(
                    listing=listing, distance_km=row.km, outward_code=listing.area_outward_code
                )
            )
    return SearchResults(hits=hits, total=total)


def offer_type_terms() -> QuerySet[TaxonomyTerm]:
    return TaxonomyTerm.objects.filter(taxonomy__name="Flourish offer types")


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


def merge_candidates(*, suggestion: Listing, name: str = "") -> QuerySet[Listing]:
    """Listings a suggestion may be the same group as: published ones in its council area
    (only those whose name has `name` in it, if given), by name."""
    nearby = Q(area_outward_code=suggestion.area_outward_code)
    if suggestion.local_authority:
        nearby |= Q(local_authority=suggestion.local_authority)
    candidates = Listing.objects.filter(nearby, state__in=VISIBLE_STATES)
    if name:
        candidates = candidates.filter(name__icontains=name)
    return candidates.exclude(pk=suggestion.pk).order_by("name", "pk")
