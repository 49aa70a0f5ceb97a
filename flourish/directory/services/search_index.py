"""Keeping the full-text search index in step with listings and offers.

Called by the services that write listings and offers (never by signals), so every way
a group's words change also changes what finds it. On PostgreSQL the index is each row's
`search_vector`; on SQLite it is a row in an FTS5 table (see `fulltext.py`).
"""

from collections.abc import Iterable

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from flourish.directory.fulltext import FTS_TABLES
from flourish.directory.models import Listing, Offer


def listing_search_text(listing: Listing) -> str:
    """What a word search looks at for a group: its names, words, languages and communities."""
    parts = [
        listing.name,
        listing.description,
        listing.led_by,
        listing.communities,
        listing.languages,
        listing.local_authority,
    ]
    return " ".join(part for part in parts if part)


def offer_search_text(offer: Offer) -> str:
    """What a word search looks at for an offer: its own words and its group's."""
    parts = [
        offer.name,
        offer.description,
        offer.who_for,
        offer.languages,
        listing_search_text(offer.listing),
    ]
    return " ".join(part for part in parts if part)


def _vectors_update(model: type[Listing] | type[Offer], ids: list[int] | None) -> None:
    rows = model.objects.all() if ids is None else model.objects.filter(pk__in=ids)
    if connection.vendor == "postgresql":
        rows.update(search_vector=SearchVector("search_text", config="english"))
        return
    table = FTS_TABLES[model._meta.model_name or ""]
    source = model._meta.db_table
    with connection.cursor() as cursor:
        if ids is None:
            cursor.execute(f"DELETE FROM {table}")
            cursor.execute(
                f"INSERT INTO {table} (rowid, search_text) SELECT id, search_text FROM {source}"
            )
            return
        marks = ", ".join(["%s"] * len(ids))
        cursor.execute(f"DELETE FROM {table} WHERE rowid IN ({marks})", ids)
        cursor.execute(
            f"INSERT INTO {table} (rowid, search_text) "
            f"SELECT id, search_text FROM {source} WHERE id IN ({marks})",
            ids,
        )


@transaction.atomic
def search_index_update(*, listings: Iterable[Listing] = (), offers: Iterable[Offer] = ()) -> None:
    """Saved listings and offers are found by the words they hold now (`search_text`)."""
    listing_ids = [listing.pk for listing in listings]
    offer_ids = [offer.pk for offer in offers]
    if listing_ids:
        _vectors_update(Listing, listing_ids)
    if offer_ids:
        _vectors_update(Offer, offer_ids)


@transaction.atomic
def search_index_rebuild() -> None:
    """Every listing and offer is indexed again from its words, and each group marked as
    listing offers or not (after bulk loading data)."""
    with_offers = set(Offer.objects.values_list("listing_id", flat=True).distinct())
    listings = list(Listing.objects.all())
    for listing in listings:
        listing.search_text = listing_search_text(listing)
        listing.lists_offers = listing.pk in with_offers
    Listing.objects.bulk_update(listings, ["search_text", "lists_offers"], batch_size=2000)
    offers = list(Offer.objects.select_related("listing"))
    for offer in offers:
        offer.search_text = offer_search_text(offer)
    Offer.objects.bulk_update(offers, ["search_text"], batch_size=2000)
    _vectors_update(Listing, None)
    _vectors_update(Offer, None)
