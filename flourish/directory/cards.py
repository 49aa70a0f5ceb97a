"""What a search result shows of an offer, read for a page of results in one prepared
statement.

Every search reads its page's offers again, even when their cards are already in the
cache: a card's cache key is a digest of what it shows (`rendering.py`), so the
columns must be read to know which card to give out. Through Django's query builder
that read cost as much as ranking the page: half of it building the same SQL again
for every search. The statement is written here once per page size, PostgreSQL plans
it once per connection (`core/prepared.py`), and the rows become cards without
becoming models.
"""

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.db import connections, router
from django.db.models import Field

from flourish.core.prepared import prepared_cursor
from flourish.directory.models import CostKind, Listing, Offer, OfferPlace, Place, Schedule


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
    schedules: list[Schedule]
    # The district of its first place, shown when the search gave no postcode.
    first_area: str | None

    def get_cost_display(self) -> str:
        return str(CostKind(self.cost).label)


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

Converter = Callable[[Any, Any, Any], Any]


def _column(model: type, name: str) -> str:
    return model._meta.get_field(name).column  # type: ignore[attr-defined, no-any-return]


@lru_cache(maxsize=64)
def _statement(offers: int, with_first_area: bool) -> str:
    """The SQL for `offers` offers: a row for each meeting, in the order shown, or one
    row with empty meeting columns for an offer with none."""
    offer, listing, schedule = Offer._meta.db_table, Listing._meta.db_table, Schedule._meta.db_table
    card = ", ".join(f"o.{_column(Offer, name)}" for name in CARD_FIELDS)
    meeting = ", ".join(f"s.{_column(Schedule, name)}" for name in MEETING_FIELDS)
    first_area = "NULL"
    if with_first_area:
        # The district of the offer's first place, as the search without a postcode shows it.
        first_area = (
            f"(SELECT p.outward_code FROM {OfferPlace._meta.db_table} op "
            f"JOIN {Place._meta.db_table} p ON p.id = op.place_id "
            f"WHERE op.offer_id = o.id ORDER BY op.id LIMIT 1)"
        )
    placeholders = ", ".join(["%s"] * offers)
    return (
        f"SELECT {card}, l.name, {first_area}, {meeting} FROM {offer} o "
        f"JOIN {listing} l ON l.id = o.listing_id "
        f"LEFT JOIN {schedule} s ON s.offer_id = o.id "
        f"WHERE o.id IN ({placeholders}) "
        f"ORDER BY o.id, s.weekday, s.opens_at"
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


def _convert(values: tuple, converters: list[list[Converter]], connection: Any) -> list[Any]:
    converted = list(values)
    for index, column_converters in enumerate(converters):
        for convert in column_converters:
            converted[index] = convert(converted[index], None, connection)
    return converted


def offer_cards(ids: list[int], *, with_first_area: bool) -> dict[int, OfferCard]:
    """The offers with these ids as cards, with their meetings, in one query."""
    if not ids:
        return {}
    using = router.db_for_read(Offer)
    connection = connections[using]
    card_converters = _converters(connection, Offer, CARD_FIELDS)
    meeting_converters = _converters(connection, Schedule, MEETING_FIELDS)
    with prepared_cursor(using) as cursor:
        cursor.execute(_statement(len(ids), with_first_area), ids)
        rows = cursor.fetchall()
    cards: dict[int, OfferCard] = {}
    shown = len(CARD_FIELDS)
    for row in rows:
        offer_values, (group_name, first_area), meeting_values = (
            row[:shown],
            row[shown : shown + 2],
            row[shown + 2 :],
        )
        pk = offer_values[0]
        card = cards.get(pk)
        if card is None:
            offer = _convert(offer_values, card_converters, connection)
            card = cards[pk] = OfferCard(
                **dict(zip(CARD_ATTRIBUTES, offer, strict=True)),
                group_name=group_name,
                schedules=[],
                first_area=first_area,
            )
        if meeting_values[0] is not None:
            meeting = _convert(meeting_values, meeting_converters, connection)
            card.schedules.append(
                Schedule(offer_id=pk, **dict(zip(MEETING_FIELDS, meeting, strict=True)))
            )
    return cards
