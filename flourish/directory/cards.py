"""What a search result shows of an offer, or of a group that lists no offers, read in
the same statement that ranks the page.

Every search reads its page's offers again, even when their cards are already in the
cache: a card's cache key is a digest of what it shows (`rendering.py`), so the
columns must be read to know which card to give out. They are joined to the ranked
page (`ranking.Joined`) rather than read by a statement of their own: from a web
process the database's answer takes about 0.4 ms to arrive, however little it holds,
which is a third of the floor every page is measured against. The rows become cards
without becoming models.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Any

from django.db import connections, router
from django.db.models import Field

from flourish.directory.models import CostKind, Listing, Offer, OfferPlace, Place, Schedule
from flourish.directory.ranking import Joined, Ranked


@dataclass(frozen=True)
class OfferCard:
    """A result card's offer, with its group's name and its meetings."""

    pk: int
    uuid: uuid.UUID
    name: str
    description: str
    online: bool
    cost: str
    price_pence: int | None
    price_unit: str
    personal_budget: bool
    group_name: str
    # Each meeting's MEETING_FIELDS, in the order they are listed: what the card's key
    # is made from. Most cards are already kept, and are never drawn from these.
    meetings: list[tuple[Any, ...]]
    # The district of its first place, shown when the search gave no postcode.
    first_area: str | None

    def get_cost_display(self) -> str:
        return str(CostKind(self.cost).label)

    @cached_property
    def schedules(self) -> list[Schedule]:
        """The meetings as the card's template shows them, made only when it is drawn:
        twenty model instances cost a page of kept cards a third of a millisecond."""
        return [
            Schedule(offer_id=self.pk, **dict(zip(MEETING_FIELDS, meeting, strict=True)))
            for meeting in self.meetings
        ]


# What a card shows of an offer (directory/_card.html, _offer_summary.html)...
CARD_FIELDS = (
    "id",
    "uuid",
    "name",
    "description",
    "online",
    "cost",
    "price_pence",
    "price_unit",
    "personal_budget",
)
# The same, as OfferCard names them.
CARD_ATTRIBUTES = ("pk", *CARD_FIELDS[1:])
# ...and of each of its meetings, in the order they are listed.
MEETING_FIELDS = ("weekday", "opens_at", "closes_at", "frequency", "starts_on")

# ...and of a group with no offers (directory/_card.html).
GROUP_FIELDS = ("id", "uuid", "name", "description", "languages", "area_outward_code")

Converter = Callable[[Any, Any, Any], Any]


def _column(model: type, name: str) -> str:
    return model._meta.get_field(name).column  # type: ignore[attr-defined, no-any-return]


@lru_cache(maxsize=2)
def card_columns(*, with_first_area: bool) -> Joined:
    """The columns of each ranked row's card: for an offer, a row for each of its meetings
    in the order they are shown (or one with empty meeting columns); for a group, one."""
    offer, listing, schedule = Offer._meta.db_table, Listing._meta.db_table, Schedule._meta.db_table
    card = ", ".join(f"o.{_column(Offer, name)}" for name in CARD_FIELDS)
    meeting = ", ".join(f"s.{_column(Schedule, name)}" for name in MEETING_FIELDS)
    group = ", ".join(f"g.{_column(Listing, name)}" for name in GROUP_FIELDS)
    first_area = "NULL"
    if with_first_area:
        # The district of the offer's first place, as the search without a postcode shows it.
        first_area = (
            f"(SELECT p.outward_code FROM {OfferPlace._meta.db_table} op "
            f"JOIN {Place._meta.db_table} p ON p.id = op.place_id "
            f"WHERE op.offer_id = o.id ORDER BY op.id LIMIT 1)"
        )
    return Joined(
        columns=f"{card}, ol.name, {first_area}, {meeting}, {group}",
        joins=(
            f"LEFT JOIN {offer} o ON shown.kind = 'offer' AND o.id = shown.id "
            f"LEFT JOIN {listing} ol ON ol.id = o.listing_id "
            f"LEFT JOIN {schedule} s ON s.offer_id = o.id "
            f"LEFT JOIN {listing} g ON shown.kind = 'group' AND g.id = shown.id"
        ),
        order="s.weekday, s.opens_at",
    )


def _converters(connection: Any, model: type, names: tuple[str, ...]) -> list[list[Converter]]:
    """What Django would do to each column on the way out of this database: SQLite keeps
    times, dates, booleans and ids as text or numbers; PostgreSQL needs nothing."""
    fields: list[Field] = [model._meta.get_field(name) for name in names]  # type: ignore[attr-defined]
    columns = [field.get_col(model._meta.db_table) for field in fields]  # type: ignore[attr-defined]
    return [
        connection.ops.get_db_converters(column) + field.get_db_converters(connection)  # type: ignore[attr-defined]
        for field, column in zip(fields, columns, strict=True)
    ]


def _convert(values: tuple, converters: list[list[Converter]], connection: Any) -> tuple[Any, ...]:
    if not any(converters):  # PostgreSQL gives every column as Python wants it
        return values
    converted = list(values)
    for index, column_converters in enumerate(converters):
        for convert in column_converters:
            converted[index] = convert(converted[index], None, connection)
    return tuple(converted)


def cards_of(ranked: list[Ranked]) -> tuple[dict[int, OfferCard], dict[int, Listing]]:
    """The offers and groups of a page ranked with `card_columns`, by id."""
    using = router.db_for_read(Offer)
    connection = connections[using]
    card_converters = _converters(connection, Offer, CARD_FIELDS)
    meeting_converters = _converters(connection, Schedule, MEETING_FIELDS)
    group_converters = _converters(connection, Listing, GROUP_FIELDS)
    group_names = [Listing._meta.get_field(name).attname for name in GROUP_FIELDS]  # type: ignore[union-attr]
    offer_end = len(CARD_FIELDS) + 2  # the offer, its group's name and its first district
    meeting_end = offer_end + len(MEETING_FIELDS)
    offers: dict[int, OfferCard] = {}
    groups: dict[int, Listing] = {}
    for row in ranked:
        first = row.joined[0]
        if row.kind == "group" and first[meeting_end] is not None:
            # Every other field deferred, as `in_bulk` with `only()` would leave them.
            group = _convert(first[meeting_end:], group_converters, connection)
            groups[row.pk] = Listing.from_db(using, group_names, group)
            continue
        if row.kind != "offer" or first[0] is None:
            continue
        offer = _convert(first[: len(CARD_FIELDS)], card_converters, connection)
        group_name, first_area = first[len(CARD_FIELDS) : offer_end]
        meetings = [
            _convert(joined[offer_end:meeting_end], meeting_converters, connection)
            for joined in row.joined
            if joined[offer_end] is not None
        ]
        offers[row.pk] = OfferCard(
            **dict(zip(CARD_ATTRIBUTES, offer, strict=True)),
            group_name=group_name,
            meetings=meetings,
            first_area=first_area,
        )
    return offers, groups
