"""Reads for the Open Referral API: pages of services, services at locations and taxonomies."""

import uuid

from django.db.models import Prefetch, QuerySet

from flourish.directory import ranking
from flourish.directory.models import Offer, OfferPlace, Taxonomy, TaxonomyTerm
from flourish.directory.selectors import (
    VISIBLE_STATES,
    SearchQuery,
    _get_or_404,
    few_offers_by_name,
    near_postcode,
    offer_place_search_queryset,
    offer_search_queryset,
)


def _api_offers() -> QuerySet[Offer]:
    return Offer.objects.select_related("listing")


def service_page(query: SearchQuery, *, offset: int, limit: int) -> tuple[int, list[int]]:
    """/services: (total, the ids of one page of offers), in one query."""
    total, ranked = ranking.offers_and_groups_page(
        shape=("openreferral services", query.shape()),
        offers=lambda: offer_search_queryset(query),
        groups=lambda: None,
        near=None,
        offset=offset,
        limit=limit,
        few_offers=few_offers_by_name(query, None),
    )
    return total, [row.pk for row in ranked]


def _full_offers() -> QuerySet[Offer]:
    return _api_offers().prefetch_related(
        "schedules",
        Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place")),
        Prefetch("terms", queryset=TaxonomyTerm.objects.select_related("taxonomy", "parent")),
    )


def service_for_api(*, service_id: uuid.UUID) -> Offer:
    return _get_or_404(_full_offers().filter(listing__state__in=VISIBLE_STATES), uuid=service_id)


def service_at_location_page(
    query: SearchQuery, *, offset: int, limit: int
) -> tuple[int, list[int]]:
    """/service_at_locations: (total, the ids of one page of links between offers and
    places), nearest first when a postcode is given."""
    near = near_postcode(query)
    if near is not None:
        total, ranked = ranking.offer_places_page(
            shape=("openreferral service at locations", query.shape()),
            offer_places=lambda: offer_place_search_queryset(query, near),
            near=near,
            offset=offset,
            limit=limit,
        )
        ids = [row.pk for row in ranked]
    else:
        links = offer_place_search_queryset(query, None)
        total = ranking.count_remembered(links)
        ids = list(links.order_by("pk").values_list("pk", flat=True)[offset : offset + limit])
    return total, ids


def service_at_location_for_api(*, link_id: uuid.UUID) -> OfferPlace:
    link: OfferPlace = _get_or_404(
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
