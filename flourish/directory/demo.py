"""Demo directory: a few hundred made-up groups and offers across England and Wales.

Built from the factories with a fixed random seed, so every run makes the same groups;
a group already there (same name in the same district) is left alone, so it is safe to
run again. Every name, email and link is invented (example.org).
"""

import datetime
import random
from typing import TextIO

from django.utils import timezone

from flourish.accounts.models import Organisation
from flourish.directory.factories import (
    ListingFactory,
    OfferFactory,
    OfferPlaceFactory,
    PlaceFactory,
    ScheduleFactory,
)
from flourish.directory.models import (
    CostKind,
    Frequency,
    LegalForm,
    Listing,
    ListingState,
    OfferKind,
    TaxonomyTerm,
)
from flourish.directory.services.listings import STALE_AFTER, normalise_name
from flourish.directory.services.offers import taxonomy_defaults_ensure

AREAS = [
    ("LS6", "Headingley"),
    ("LS8", "Chapeltown"),
    ("BD7", "Bradford"),
    ("BD3", "Bradford"),
    ("HX1", "Halifax"),
    ("HD1", "Huddersfield"),
    ("S2", "Sheffield"),
    ("S7", "Sheffield"),
    ("M14", "Moss Side"),
    ("M20", "Didsbury"),
    ("OL1", "Oldham"),
    ("BL1", "Bolton"),
    ("L8", "Toxteth"),
    ("L15", "Wavertree"),
    ("PR1", "Preston"),
    ("BB1", "Blackburn"),
    ("NE1", "Newcastle"),
    ("NE6", "Byker"),
    ("SR1", "Sunderland"),
    ("TS1", "Middlesbrough"),
    ("HU3", "Hull"),
    ("YO10", "York"),
    ("LN1", "Lincoln"),
    ("NG7", "Nottingham"),
    ("DE23", "Derby"),
    ("LE2", "Leicester"),
    ("B11", "Sparkhill"),
    ("B19", "Lozells"),
    ("CV1", "Coventry"),
    ("WV1", "Wolverhampton"),
    ("ST4", "Stoke"),
    ("NR2", "Norwich"),
    ("CB1", "Cambridge"),
    ("IP4", "Ipswich"),
    ("OX4", "Cowley"),
    ("MK9", "Milton Keynes"),
    ("LU1", "Luton"),
    ("E1", "Whitechapel"),
    ("E8", "Hackney"),
    ("N15", "Tottenham"),
    ("SE15", "Peckham"),
    ("SW9", "Brixton"),
    ("NW10", "Harlesden"),
    ("W12", "Shepherd's Bush"),
    ("CR0", "Croydon"),
    ("BN1", "Brighton"),
    ("PO1", "Portsmouth"),
    ("SO14", "Southampton"),
    ("BS5", "Easton"),
    ("BA1", "Bath"),
    ("EX4", "Exeter"),
    ("PL1", "Plymouth"),
    ("TR1", "Truro"),
    ("GL1", "Gloucester"),
    ("CF10", "Cardiff"),
    ("CF24", "Splott"),
    ("SA1", "Swansea"),
    ("NP20", "Newport"),
    ("LL57", "Bangor"),
    ("SY23", "Aberystwyth"),
    ("LL11", "Wrexham"),
    ("SA31", "Carmarthen"),
]
WELSH_DISTRICTS = {"CF10", "CF24", "SA1", "NP20", "LL57", "SY23", "LL11", "SA31"}

# (name pattern, who runs it, communities, legal form, offer, type codes, budget offer?)
KINDS = [
    (
        "{place} Mutual Aid",
        "Neighbours, many of us living with mental ill-health ourselves.",
        "neighbours, people on their own",
        LegalForm.UNCONSTITUTED,
        "Shopping and phone-call buddies",
        ["mutual-aid", "practical-help"],
        False,
    ),
    (
        "{place} Hearing Voices Group",
        "Run by and for people who hear voices.",
        "people who hear voices",
        LegalForm.UNCONSTITUTED,
        "Hearing voices peer group",
        ["peer-support"],
        False,
    ),
    (
        "Black Men's Wellbeing Circle {place}",
        "Led by Black men with lived experience.",
        "Black men, African Caribbean community",
        LegalForm.UNCONSTITUTED,
        "Brothers' evening circle",
        ["peer-support"],
        False,
    ),
    (
        "{place} South Asian Women's Peer Support",
        "Run by South Asian women who have been there.",
        "South Asian women, Muslim women",
        LegalForm.CIO,
        "Women's chai and chat",
        ["peer-support", "drop-in"],
        False,
    ),
    (
        "{place} Queer Peer Support",
        "LGBTQ+ people with lived experience run every session.",
        "LGBTQ+ people, trans and non-binary people",
        LegalForm.UNCONSTITUTED,
        "Queer peer support evening",
        ["peer-support"],
        False,
    ),
    (
        "Trans Community Circle {place}",
        "Run by trans people for trans people.",
        "trans people, non-binary people",
        LegalForm.UNCONSTITUTED,
        "Trans wellbeing online meet-up",
        ["online", "peer-support"],
        False,
    ),
    (
        "{place} Peer Mentoring CIC",
        "Founded and run by people who use mental health services.",
        "adults with personal budgets",
        LegalForm.CIC,
        "One-to-one peer mentoring",
        ["for-sale", "peer-support"],
        True,
    ),
    (
        "{place} Creative Wellbeing Co-op",
        "A co-operative of artists with lived experience.",
        "artists, people in recovery",
        LegalForm.COOPERATIVE,
        "Art for wellbeing sessions",
        ["activity", "for-sale"],
        True,
    ),
    (
        "{place} Walk and Talk",
        "Volunteers with lived experience lead every walk.",
        "anyone who wants company outdoors",
        LegalForm.UNCONSTITUTED,
        "Saturday walk and talk",
        ["activity"],
        False,
    ),
    (
        "{place} Somali Wellbeing Group",
        "Run by Somali women and men in recovery.",
        "Somali community",
        LegalForm.CHARITY,
        "Somali community listening space",
        ["drop-in", "helpline"],
        False,
    ),
]
# Languages other than English that some kinds of group meet in (besides Welsh in Wales).
KIND_LANGUAGES = {
    "{place} South Asian Women's Peer Support": "Urdu, Punjabi, Bengali",
    "{place} Somali Wellbeing Group": "Somali",
}
# Groups suggested recently that have not listed any meetings yet: found by search all the same.
NEW_GROUPS = [
    (
        "Sparkhill Urdu Wellbeing Circle",
        "B11",
        "Urdu-speaking women and men sharing how they keep well, over tea. Just started.",
        "Pakistani and Kashmiri community, South Asian elders",
        "Urdu, Punjabi, English",
    ),
    (
        "Headingley Walking Football for Wellbeing",
        "LS6",
        "Gentle walking football for men and women in recovery. Starting this spring.",
        "people in recovery, older adults",
        "English",
    ),
]
EVENING, DAYTIME, MORNING = datetime.time(18, 30), datetime.time(13, 0), datetime.time(10, 0)


def _demo_specs() -> list[tuple[str, str, tuple]]:
    chooser = random.Random(2020)
    specs = []
    for outward, place in AREAS:
        for kind in chooser.sample(KINDS, k=5):
            specs.append((kind[0].format(place=place), outward, kind))
    return specs


def _languages(kind: tuple, outward: str) -> str:
    spoken = ["Welsh", "English"] if outward in WELSH_DISTRICTS else ["English"]
    extra = KIND_LANGUAGES.get(kind[0])
    return ", ".join([extra, *spoken]) if extra else ", ".join(spoken)


def _add_offer(listing: Listing, kind: tuple, chooser: random.Random) -> None:
    _pattern, _led_by, _communities, _form, offer_name, codes, for_budget = kind
    online = "online" in codes
    cost = (
        CostKind.PRICE if for_budget else chooser.choice([CostKind.FREE, CostKind.PAY_WHAT_YOU_CAN])
    )
    offer = OfferFactory(
        listing=listing,
        name=offer_name,
        description=f"{offer_name}: come as you are, speak if you want to, listen if you don't.",
        who_for=kind[2][:1].upper() + kind[2][1:],
        kind=OfferKind.SERVICE if for_budget else OfferKind.ACTIVITY,
        cost=cost,
        price_pence=chooser.choice([1500, 2000, 2500, 3500]) if for_budget else None,
        price_unit="per session" if for_budget else "",
        personal_budget=for_budget,
        online=online,
        languages=_languages(kind, listing.area_outward_code),
        terms=list(TaxonomyTerm.objects.filter(code__in=codes)),
    )
    weekday = chooser.randrange(7)
    opens = chooser.choice([EVENING, EVENING, DAYTIME, MORNING])
    frequency = chooser.choice([Frequency.WEEKLY, Frequency.WEEKLY, Frequency.FORTNIGHTLY])
    on = None
    if chooser.random() < 0.1:
        # Some groups list a one-off session (a picnic, an open day) in the coming weeks.
        frequency = Frequency.ONCE
        on = timezone.localdate() + datetime.timedelta(days=chooser.randrange(7, 60))
        weekday = on.weekday()
    ScheduleFactory(
        offer=offer,
        weekday=weekday,
        opens_at=opens,
        closes_at=datetime.time(opens.hour + 2, opens.minute),
        frequency=frequency,
        starts_on=on,
    )
    if not online:
        place = PlaceFactory(
            listing=listing,
            name=f"{listing.name.split()[0]} community room",
            postcode=listing.area_outward_code + " 1AA",
            outward_code=listing.area_outward_code,
            is_public_venue=chooser.random() < 0.7,
        )
        OfferPlaceFactory(offer=offer, place=place)


def build(stdout: TextIO) -> None:
    taxonomy_defaults_ensure()
    chooser = random.Random(1996)
    existing = set(Listing.objects.values_list("normalised_name", "area_outward_code"))
    created = 0
    for number, (name, outward, kind) in enumerate(_demo_specs()):
        if (normalise_name(name), outward) in existing:
            continue
        confirmed = timezone.now() - datetime.timedelta(days=chooser.randrange(0, 240))
        stale = timezone.now() - confirmed > STALE_AFTER
        listing: Listing = ListingFactory.create(
            name=name,
            area_outward_code=outward,
            description=f"{name}: {kind[1]}",
            led_by=kind[1],
            communities=kind[2],
            legal_form=kind[3],
            languages=_languages(kind, outward),
            website=f"https://demo-{number}.example.org",
            email=f"demo-{number}@example.org",
            last_confirmed_at=confirmed,
            created_at=confirmed - datetime.timedelta(days=30),
            # Unconfirmed for six months: shown with a warning, as mark_stale_listings would.
            state=ListingState.STALE if stale else ListingState.ACTIVE,
            stale_since=confirmed + STALE_AFTER if stale else None,
        )
        _add_offer(listing, kind, chooser)
        created += 1
    created += _add_new_groups(existing)
    _link_demo_group()
    waiting = _add_demo_suggestions()
    stdout.write(
        f"Directory: {created} new demo groups ({Listing.objects.count()} listed), "
        f"{waiting} suggestions waiting for review (sign in as admin@example.org)."
    )


# Suggestions from the public that a coordinator (admin@example.org) can check in the demo:
# one to list, one that repeats a demo group (merge it), and one to refuse.
SUGGESTIONS = [
    (
        "Tuesday Knit and Natter Chapeltown",
        "LS8",
        "Knitting, tea and a chat for anyone who finds groups hard. Beginners welcome.",
    ),
    (
        "Chapeltown Mutual Aid (Harehills end)",
        "LS8",
        "Neighbours helping neighbours with shopping, lifts and phone calls.",
    ),
    ("Best Cheap Watches Online", "LS6", "Buy now!!! Discount watches, free delivery."),
]


def _add_demo_suggestions() -> int:
    existing = set(Listing.objects.values_list("normalised_name", "area_outward_code"))
    for number, (name, outward, description) in enumerate(SUGGESTIONS):
        if (normalise_name(name), outward) in existing:
            continue
        ListingFactory.create(
            name=name,
            area_outward_code=outward,
            description=description,
            led_by="",
            communities="",
            website="",
            email=f"suggested-{number}@example.org",
            phone="0113 496 0" + f"{number:03d}",
            suggester_email=f"neighbour-{number}@example.org",
            state=ListingState.PENDING,
            last_confirmed_at=None,
        )
    return Listing.objects.filter(state=ListingState.PENDING).count()


def _add_new_groups(existing: set[tuple[str, str]]) -> int:
    created = 0
    for number, (name, outward, description, communities, languages) in enumerate(NEW_GROUPS):
        if (normalise_name(name), outward) in existing:
            continue
        ListingFactory.create(
            name=name,
            area_outward_code=outward,
            description=description,
            led_by="Started by people with lived experience.",
            communities=communities,
            languages=languages,
            website=f"https://new-group-{number}.example.org",
            email=f"new-group-{number}@example.org",
        )
        created += 1
    return created


def _link_demo_group() -> None:
    """The accounts demo's group gets a listing its organiser can edit."""
    organisation = Organisation.objects.filter(slug="peer-support-bradford").first()
    if organisation is None or Listing.objects.filter(organisation=organisation).exists():
        return
    listing: Listing = ListingFactory.create(
        organisation=organisation,
        name=organisation.name,
        area_outward_code="BD1",
        description="Peer support for anyone in Bradford living with mental ill-health.",
        website="https://peer-support-bradford.example.org",
        email="organiser@example.org",
    )
    _add_offer(listing, KINDS[1], random.Random(7))
