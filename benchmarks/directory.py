"""Directory: search and the Open Referral API over 20,000 groups and 60,000 offers.

The data set is generated here with bulk inserts (never in the product): groups spread
over every postcode district in England and Wales, three offers each with a weekly
meeting and a place. Each request goes through the Django test client, so the figure
is server time (URL routing, queries, templates or JSON), not network time. Every
request's query count is reported: it must not grow with the data.
"""

import datetime
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from uuid import uuid4

from django.conf import settings
from django.core.cache import caches
from django.db import connection, transaction
from django.test import Client, override_settings
from django.utils import timezone

from benchmarks.pages import DUMMY_CACHE, measure_page
from flourish.directory import views as search_views
from flourish.directory.geography import all_districts, district_for
from flourish.directory.models import (
    Listing,
    Offer,
    OfferPlace,
    Place,
    Schedule,
    TaxonomyTerm,
)
from flourish.directory.services.listings import normalise_name
from flourish.directory.services.search_index import offer_search_text, search_index_rebuild

GROUPS = 20_000
OFFERS_PER_GROUP = 3
WORDS = ["peer", "walk", "art", "voices", "women", "queer", "mutual", "chai", "men", "garden"]

REQUESTS = [
    ("search page: words + postcode + 10 miles", "/directory/?q=peer&postcode=LS6+3AB&distance=10"),
    (
        "search page: postcode + 25 miles + weekday evenings",
        "/directory/?postcode=M14&distance=25&day=weekdays&time=evening",
    ),
    ("search page: words only, page 3", "/directory/?q=walk&page=3"),
    # Distance cost must not grow with how many groups are near: a dense city, two radii.
    ("search page: dense city (M14), 10 miles", "/directory/?postcode=M14&distance=10"),
    ("search page: dense city (M14), 25 miles", "/directory/?postcode=M14&distance=25"),
    ("search page: London (E8), 25 miles", "/directory/?postcode=E8&distance=25"),
    ("/openreferral/services?search=peer&page=2", "/openreferral/services?search=peer&page=2"),
    ("/openreferral/services (page 1 of 50)", "/openreferral/services"),
    (
        "/openreferral/service_at_locations near B11, 10 km",
        "/openreferral/service_at_locations?postcode=B11&proximity=10000",
    ),
]


def run(report) -> None:
    started = time.perf_counter()
    _generate()
    report(
        f"generated {GROUPS:,} groups, {GROUPS * OFFERS_PER_GROUP:,} offers",
        time.perf_counter() - started,
        "s",
    )
    client = Client()
    # The pages themselves, built for every request: the public page cache would
    # otherwise answer every repeat from memory.
    with override_settings(OPENREFERRAL_REQUESTS_PER_MINUTE=1_000_000, PUBLIC_PAGE_CACHE=False):
        for label, url in REQUESTS:
            measure_page(report, client, label, url)
        # A search's results column is kept for the next person to make the same search,
        # signed in or not; drawn afresh, it is ranked and put together from its cards.
        with _results_kept_for(0):
            for label, url in REQUESTS[:6]:
                measure_page(report, client, f"{label}, results drawn afresh", url)
    # The same searches when none of their result cards has been built yet and they have
    # never been counted (a search nobody has made, reaching groups nobody has looked
    # at): every card built afresh, every total counted. Open Referral's summaries are
    # kept for everyone like the cards (directory/api/kept.py): the same, built afresh.
    no_cards = {**settings.CACHES, "fragments": {"BACKEND": DUMMY_CACHE}}
    with override_settings(
        PUBLIC_PAGE_CACHE=False, CACHES=no_cards, OPENREFERRAL_REQUESTS_PER_MINUTE=1_000_000
    ):
        for label, url in (REQUESTS[0], REQUESTS[4]):
            measure_page(report, client, f"{label}, no card or count cached", url)
        for label, url in (REQUESTS[6], REQUESTS[8]):
            measure_page(report, client, f"{label}, no summary or count kept", url)
    # What a visitor who is not signed in gets for a search someone made before, and a
    # council's finder for a page of services another finder asked for.
    measure_page(report, client, "search page from the public page cache", REQUESTS[0][1])
    with override_settings(OPENREFERRAL_REQUESTS_PER_MINUTE=1_000_000):
        measure_page(
            report, client, "/openreferral/services from the public page cache", REQUESTS[7][1]
        )


@contextmanager
def _results_kept_for(seconds: int) -> Iterator[None]:
    kept = search_views.RESULTS_SECONDS
    search_views.RESULTS_SECONDS = seconds
    # The columns kept by the searches timed before; the cards are kept again at once.
    caches["fragments"].clear()
    try:
        yield
    finally:
        search_views.RESULTS_SECONDS = kept


def _generate() -> None:
    chooser = random.Random(42)
    districts = [d for d in all_districts() if d.local_authority_code[:1] in {"E", "W"}]
    terms = list(TaxonomyTerm.objects.all())
    now = timezone.now()
    with transaction.atomic():
        listings = [_listing(number, chooser.choice(districts), now) for number in range(GROUPS)]
        Listing.objects.bulk_create(listings, batch_size=2000)
        # Only the generated groups: the load test adds them beside the demo's.
        generated = Listing.objects.filter(website_key__startswith="bench-")
        listings = list(generated.order_by("pk"))
        places = [_place(listing) for listing in listings]
        Place.objects.bulk_create(places, batch_size=2000)
        place_of = {
            place.listing_id: place for place in Place.objects.filter(listing__in=generated)
        }
        offers = [
            _offer(listing, chooser, n) for listing in listings for n in range(OFFERS_PER_GROUP)
        ]
        Offer.objects.bulk_create(offers, batch_size=2000)
        offers = list(Offer.objects.filter(listing__in=generated).only("pk", "listing_id"))
        Schedule.objects.bulk_create(
            [_schedule(offer, chooser) for offer in offers], batch_size=5000
        )
        OfferPlace.objects.bulk_create(
            [
                OfferPlace(uuid=uuid4(), offer_id=offer.pk, place=place_of[offer.listing_id])
                for offer in offers
            ],
            batch_size=5000,
        )
        Offer.terms.through.objects.bulk_create(
            [
                Offer.terms.through(offer_id=offer.pk, taxonomyterm_id=chooser.choice(terms).pk)
                for offer in offers
            ],
            batch_size=5000,
        )
        # Bulk inserts skip the services, so the search index is built once, as after an import.
        search_index_rebuild()
    # Bulk loading leaves the planner without statistics; a live site has them
    # (autovacuum on PostgreSQL), so gather them as it would.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def _listing(number: int, district, now: datetime.datetime) -> Listing:
    name = f"Bench {WORDS[number % len(WORDS)]} group {number}"
    return Listing(
        uuid=uuid4(),
        name=name,
        normalised_name=normalise_name(name),
        description="A made-up group for the benchmark.",
        communities="benchmark community",
        area_outward_code=district.outward_code,
        local_authority=district.local_authority,
        website_key=f"bench-{number}.example.org",
        last_confirmed_at=now,
        claim_nonce=uuid4(),
    )


def _place(listing: Listing) -> Place:
    district = district_for(listing.area_outward_code)
    assert district is not None
    return Place(
        uuid=uuid4(),
        listing=listing,
        name="Community room",
        postcode=f"{district.outward_code} 1AA",
        outward_code=district.outward_code,
        local_authority=district.local_authority,
        latitude=district.latitude,
        longitude=district.longitude,
    )


def _offer(listing: Listing, chooser: random.Random, n: int) -> Offer:
    word = chooser.choice(WORDS)
    offer = Offer(
        uuid=uuid4(),
        listing=listing,
        name=f"{word.title()} session {n}",
        description=f"A {word} session for the benchmark.",
        kind="activity",
        cost="free",
        personal_budget=chooser.random() < 0.2,
    )
    offer.search_text = offer_search_text(offer)
    return offer


def _schedule(offer: Offer, chooser: random.Random) -> Schedule:
    hour = chooser.choice([10, 13, 18, 19])
    return Schedule(
        uuid=uuid4(),
        offer_id=offer.pk,
        weekday=chooser.randrange(7),
        opens_at=datetime.time(hour),
        closes_at=datetime.time(hour + 2),
    )
