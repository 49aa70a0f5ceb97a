"""Search result cards and the search form's fields, rendered once and kept in the cache.

A page of twenty results spent most of its time in the template engine, building the
same card for the same offer again and again. Each card is now drawn once per
language and per *content*, then reused (`core/fragments.py`):

- A card's content is everything it shows (the offer's name, description, cost and
  meetings, its group's name, and the day, for "Happened on"), read from the rows the
  search has just loaded.
- What depends on the search itself (the district and how far away it is) is not
  in the card: it is put in at the marker each time.
- The search form's fields are keyed by the language and the value typed in; the
  list of types also by the directory's generation (`public_cache`), which starts
  again whenever a type is added or renamed. A field with an error is always built
  afresh.
"""

import hashlib
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django.forms import BoundField
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from flourish.core.fragments import DAY, drawn_once, keep_many, read_many
from flourish.core.public_cache import area_generation
from flourish.directory.cards import OfferCard
from flourish.directory.models import Listing
from flourish.directory.selectors import SearchHit

CARD_TEMPLATES = ("directory/_card.html", "directory/_offer_summary.html")
# Where each search puts its own district and distance. Anything a group typed is
# escaped before it reaches the card, so this can only come from the template.
WHERE = "<!--where-->"


def _offer_content(offer: OfferCard) -> list[Any]:
    return [
        "offer",
        offer.uuid,
        offer.name,
        offer.description,
        offer.online,
        offer.cost,
        offer.price_pence,
        offer.price_unit,
        offer.personal_budget,
        offer.group_name,
        offer.meetings,
    ]


def _group_content(listing: Listing) -> list[Any]:
    return [
        "group",
        listing.uuid,
        listing.name,
        listing.description,
        listing.languages,
        listing.area_outward_code,
    ]


def _where(hit: SearchHit) -> SafeString:
    """The search's own part of a card: the district (for an offer) and the distance."""
    district = hit.outward_code if hit.offer else ""
    return _where_worded(district, hit.distance_miles, get_language())


@lru_cache(maxsize=8192)
def _where_worded(district: str, miles: float | None, language: str) -> SafeString:
    """ " · LS6 · <strong>3.2 miles away</strong>" in the reader's language (`language`
    keys the memo: gettext reads the active one). Districts are a fixed set of points,
    so their distances are a fixed set of values, and wording them afresh for each card
    was a fifth of a page of twenty cards."""
    parts = format_html(" · {}", district) if district else ""
    if miles is None:
        return mark_safe(parts)  # built by format_html above, or empty
    if miles < 0.5:
        away = gettext("Under half a mile away")
    else:
        away = gettext("%(miles)s miles away") % {"miles": floatformat(miles, 1)}
    return format_html("{} · <strong>{}</strong>", mark_safe(parts), away)


def result_cards(hits: Iterable[SearchHit]) -> SafeString:
    """The hits' cards as the items of a list, each drawn only if the cache has no card
    for what it shows."""
    hits = list(hits)
    today = timezone.localdate()

    def shown(hit: SearchHit) -> list[Any]:
        content = _offer_content(hit.offer) if hit.offer else _group_content(hit.listing)  # type: ignore[arg-type]
        # "Happened on" or "Once only" turns on the date, so cards are drawn again each day.
        return [*content, today]

    cards = drawn_once(
        hits,
        kind="directory-card",
        templates=CARD_TEMPLATES,
        content=shown,
        context=lambda hit: {"hit": hit},
    )
    # _where escapes what it adds, and each card was drawn by our own template.
    return SafeString(
        "".join(card.replace(WHERE, _where(hit)) for hit, card in zip(hits, cards, strict=True))
    )


def _field_key(field: BoundField, language: str) -> str:
    value = field.value()
    generation = area_generation("directory") if field.name == "type" else 0
    content = repr([field.name, value, language, generation])
    return "directory-search-field:" + hashlib.sha256(content.encode()).hexdigest()


def search_form_fields(form: Any) -> dict[str, SafeString]:
    """The search form's fields as HTML by name, each built once per language and value
    typed in, read from the cache together."""
    language = get_language()
    fields = list(form.visible_fields())
    keys = {field.name: _field_key(field, language) for field in fields if not field.errors}
    stored = read_many(list(keys.values()))
    built = {}
    html = {}
    for field in fields:
        key = keys.get(field.name)
        piece = stored.get(key) if key else None
        if piece is None:
            piece = str(field.as_field_group())
            if key:
                built[key] = piece
        html[field.name] = mark_safe(piece)  # each piece came from the form renderer
    if built:
        keep_many(built, DAY)
    return html
