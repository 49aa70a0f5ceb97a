"""Ordering and paging search results in the database: by distance, or by name.

Distance is a join on `DistrictDistance` (every pair of postcode districts within
`NEIGHBOUR_RADIUS_KM`, with how far apart they are): places sit at their district's
centroid, so "within R of this postcode, nearest first" is a range scan of one
district's neighbours joined to places, then ORDER BY with LIMIT. Its cost depends on
the page asked for, not on how many groups are nearby being loaded into Python.

The filters come in as Django querysets (everything asked for except distance) and are
used as derived tables joined to the distances, so the page is one statement and its
total another (counted up to COUNT_UP_TO).

The statements are written once per *shape* of search (everything asked for, the
postcode, the day) in each process, and kept: building the same SQL again through
Django's query builder for every page cost a search as long as the database took to
run it. The callers give the querysets as functions, called only for a shape not yet
written, and name the shape; it must hold everything those functions read.
"""

import hashlib
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.core.cache import caches
from django.db import connections, router
from django.db.models import F, QuerySet
from django.utils import timezone

from flourish.core.prepared import prepared_cursor
from flourish.core.public_cache import PUBLIC_PAGE_SECONDS, area_generation, remembered
from flourish.directory.models import DistrictDistance, Listing, OfferPlace, Place

# The search page counts results up to this many (it then says "500 or more"), so
# counting costs the same for "support" as for a rare word, and in a city as in the
# country: 25 pages of 20.
COUNT_UP_TO = 500


@dataclass(frozen=True)
class Near:
    outward_code: str
    radius_km: float
    # Whether to start from the few offers with the search's rare words and look up how
    # far each is, rather than walk the districts nearest first (`fulltext.py`).
    from_matches: bool = False


@dataclass(frozen=True)
class Ranked:
    kind: str  # "offer", "group" or "offer_place"
    pk: int
    km: float | None
    # The postcode district the row was ranked by: an offer's nearest place, a group's
    # area; empty for an offer found without a postcode.
    area: str = ""
    # With `Joined`, the columns read with it: one row for each row it joins to.
    joined: tuple[tuple[Any, ...], ...] = ()


@dataclass(frozen=True)
class Joined:
    """What to read with each result of a page, in the statement that ranks it: a second
    statement cost the round trip to the database, about 0.4 ms from a busy web process.
    `columns` and `joins` name the page's rows `shown` (kind, id, name, km, area); `order`
    sorts the rows one result joins to several of (an offer's meetings)."""

    columns: str
    joins: str
    order: str


@dataclass(frozen=True)
class Branch:
    """One kind of result as SQL: rows (kind, id, name, km, area) for the page, and rows with
    an `id` column for counting (with an offer once per nearby place: cheaper to read)."""

    sql: str
    params: tuple
    count_sql: str
    count_params: tuple
    # Whether the counted rows may hold an id twice (an offer at two nearby places).
    count_distinct: bool = False


def _rows(queryset: QuerySet, **columns: str) -> tuple[str, tuple]:
    """The queryset's SQL selecting only `columns` (alias → field path), for use as a
    derived table: the database merges it into the outer join, so it can start from
    whichever side is smaller (the districts near a postcode, or the words' index)."""
    values = queryset.annotate(**{alias: F(path) for alias, path in columns.items()})
    # No ORDER BY from the model's Meta: a sorted subquery cannot be merged into the join.
    sql, params = values.values(*columns).order_by().query.sql_with_params()
    return sql, tuple(params)


def _near_rows(alias: str, rows: str, near: Near) -> str:
    """FROM the rows joined to their distance `d` from the postcode.

    Walking the districts nearest first, the rows are a LATERAL subquery run for one
    district at a time. OFFSET 0 keeps PostgreSQL from merging it into the outer join,
    which leaves it one way to run the statement, whatever the postcode: so the plan it
    makes once per connection (`core/prepared.py`) serves every postcode as well as one
    made for it, which took longer to plan (4-6 ms) than to run (1-2 ms). SQLite has no
    LATERAL and keeps no plans: it joins, and plans each statement for its own values."""
    if near.from_matches or connections[router.db_for_read(OfferPlace)].vendor != "postgresql":
        return f"FROM ({rows}) {alias} JOIN {_distance()} d ON d.destination = {alias}.hit_area"
    in_district = f"SELECT * FROM ({rows}) r WHERE r.hit_area = d.destination OFFSET 0"
    return f"FROM {_distance()} d CROSS JOIN LATERAL ({in_district}) {alias}"


def _distance() -> str:
    return DistrictDistance._meta.db_table


def _offer_branch(offers: QuerySet, near: Near | None, *, few: bool = False) -> Branch:
    """Offers (`near` None) or offers-at-places (`near` given) as (kind, id, name, km, area).

    With `few` (and no `near`), the offers are found first and sorted by name, rather
    than read in name order until a page is full (`fulltext.SORT_UP_TO`)."""
    if near is None:
        rows, params = _rows(offers, hit_id="pk", hit_name="name")
        # OFFSET 0 keeps PostgreSQL from reading the rows through the name index.
        fence = " OFFSET 0" if few else ""
        sql = (
            "SELECT 'offer' AS kind, o.hit_id AS id, o.hit_name AS name, 0.0 AS km, '' AS area "
            f"FROM ({rows}{fence}) o"
        )
        return Branch(sql, params, sql, params)
    rows, params = _rows(
        offers,
        hit_id="offer_id",
        hit_name="offer__name",
        hit_area="place__outward_code",
        hit_link="pk",
    )
    # An offer met at several places is listed once, at its nearest place: a row is kept
    # unless another place of the same offer is nearer (or as near, with a lower id).
    # Unlike GROUP BY, this keeps rows in distance order, so LIMIT can stop early.
    t = {"link": OfferPlace._meta.db_table, "place": Place._meta.db_table, "d": _distance()}
    near_rows = f"{_near_rows('o', rows, near)} WHERE d.origin = %s AND d.km <= %s"
    near_params = (*params, near.outward_code, near.radius_km)
    sql = (
        "SELECT 'offer' AS kind, o.hit_id AS id, o.hit_name AS name, d.km AS km, "
        f"o.hit_area AS area {near_rows} AND NOT EXISTS ("
        f"SELECT 1 FROM {t['link']} op2 JOIN {t['place']} p2 ON p2.id = op2.place_id "
        f"JOIN {t['d']} d2 ON d2.destination = p2.outward_code AND d2.origin = %s "
        f"WHERE op2.offer_id = o.hit_id AND op2.id <> o.hit_link "
        f"AND (d2.km < d.km OR (d2.km = d.km AND op2.id < o.hit_link)))"
    )
    return Branch(
        sql,
        (*near_params, near.outward_code),
        f"SELECT o.hit_id AS id {near_rows}",
        near_params,
        count_distinct=True,
    )


def _group_branch(listings: QuerySet[Listing], near: Near | None) -> Branch:
    rows, params = _rows(listings, hit_id="pk", hit_name="name", hit_area="area_outward_code")
    if near is None:
        sql = (
            "SELECT 'group' AS kind, l.hit_id AS id, l.hit_name AS name, 0.0 AS km, "
            f"l.hit_area AS area FROM ({rows}) l"
        )
        return Branch(sql, params, sql, params)
    sql = (
        "SELECT 'group' AS kind, l.hit_id AS id, l.hit_name AS name, d.km AS km, "
        f"l.hit_area AS area FROM ({rows}) l JOIN {_distance()} d ON d.destination = l.hit_area "
        f"WHERE d.origin = %s AND d.km <= %s"
    )
    params = (*params, near.outward_code, near.radius_km)
    return Branch(sql, params, sql, params)


# Statements kept per process: about 2 KB each. When full, it starts again empty: the
# searches made most are written again at once, and nothing grows without bound.
WRITTEN_UP_TO = 500
_written: dict[Hashable, list[Branch]] = {}


def _written_once(shape: Hashable, write: Callable[[], list[Branch]]) -> list[Branch]:
    """The branches for this shape of search, written the first time it is asked for.

    The key holds the database (SQLite and PostgreSQL are written differently) and the
    date, because which one-off meetings are still to come is written into the SQL."""
    key = (shape, router.db_for_read(OfferPlace), timezone.localdate())
    branches = _written.get(key)
    if branches is None:
        if len(_written) >= WRITTEN_UP_TO:
            _written.clear()
        branches = _written[key] = write()
    return branches


def _run(
    branches: list[Branch],
    *,
    offset: int,
    limit: int,
    near: Near | None,
    count_up_to: int | None = None,
    joined: Joined | None = None,
) -> tuple[int, list[Ranked]]:
    """The page, and the total, of the branches' rows together (offers, then groups).

    Each branch is ordered and cut to `offset + limit` rows on its own, so the database
    reads each from the nearest districts (or the start of the name index) and stops
    early, instead of sorting every row near a dense city; then the two are merged."""
    # By name alone when no distance is asked for, so an index on name can serve it.
    order = "km, name, id" if near is not None else "name, id"
    # Limits are written into the statement, not bound: a prepared plan must know how
    # few rows it needs to be worth using for every postcode (`core/prepared.py`).
    offset, limit = int(offset), int(limit)
    firsts = [
        f"SELECT kind, id, name, km, area FROM ({b.sql} ORDER BY {order} "
        f"LIMIT {offset + limit}) AS b{n}"
        for n, b in enumerate(branches)
    ]
    page_params = [value for b in branches for value in b.params]
    page = (
        f"SELECT kind, id, name, km, area FROM ({' UNION ALL '.join(firsts)}) AS hits "
        f"ORDER BY km, name, kind, id LIMIT {limit} OFFSET {offset}"
    )
    if joined is not None:
        page = (
            f"SELECT shown.kind, shown.id, shown.name, shown.km, shown.area, {joined.columns} "
            f"FROM ({page}) AS shown {joined.joins} "
            f"ORDER BY shown.km, shown.name, shown.kind, shown.id, {joined.order}"
        )
    # A replica may answer, unless this request must read its own writes.
    with prepared_cursor(router.db_for_read(OfferPlace)) as cursor:
        cursor.execute(page, page_params)
        results = _results(cursor.fetchall(), near)
        if (results and len(results) < limit) or (offset == 0 and not results):
            # A short page is the last one: it holds the rest, so there is nothing to count.
            total = offset + len(results)
            total = total if count_up_to is None else min(total, count_up_to)
        else:
            total = _count_remembered(cursor, branches, count_up_to)
    return total, results


def _results(rows: list[tuple], near: Near | None) -> list[Ranked]:
    """The page's results in order, each with what it joined to (columns after the five
    of the page)."""
    firsts: dict[tuple[str, int], tuple] = {}
    joined: dict[tuple[str, int], list[tuple]] = {}
    for row in rows:
        result = (row[0], row[1])
        if result not in firsts:
            firsts[result], joined[result] = row, []
        if len(row) > 5:
            joined[result].append(tuple(row[5:]))
    return [
        Ranked(kind, pk, km if near is not None else None, area, tuple(joined[kind, pk]))
        for (kind, pk), (_kind, _pk, _name, km, area, *_joined) in firsts.items()
    ]


def _count_remembered(cursor: Any, branches: list[Branch], count_up_to: int | None) -> int:
    """The total, counted once for pages 2, 3... of a search, and for the same search in
    another language or by someone signed in, until the directory changes.

    Kept with the directory's generation (`public_cache`), read before counting: a
    change starts a new generation, and again when it commits, so a count made from
    rows as they were is never given out after it. Also with the date, because which
    meetings are still to come turns on it."""
    asked = [(b.count_sql, b.count_params, b.count_distinct) for b in branches]
    return _kept_count([asked, count_up_to], lambda: _count(cursor, branches, count_up_to))


def _kept_count(asked: object, count: Callable[[], int]) -> int:
    """`count()`, kept under a digest of what was `asked`, the directory's generation and
    the date."""
    digest = hashlib.sha256(repr(asked).encode()).hexdigest()
    key = f"directory-count:{area_generation('directory')}:{timezone.localdate()}:{digest}"
    return remembered(key, count, seconds=PUBLIC_PAGE_SECONDS, store=caches["fragments"])


def count_remembered(queryset: QuerySet) -> int:
    """An exact count of `queryset`, made once until the directory changes, as a
    search's total is (`_count_remembered`): every service at every location, counted
    for Open Referral's page of them without a postcode, read the whole directory
    (90 ms at 60,000 offers) for every page a finder asked for."""
    return _kept_count(queryset.query.sql_with_params(), queryset.count)


def _count(cursor: Any, branches: list[Branch], count_up_to: int | None) -> int:
    """How many results, exactly; or, given `count_up_to`, reading at most that many rows
    of each branch (so the cost stays the same in a dense city), and at most that."""
    cap = f" LIMIT {int(count_up_to)}" if count_up_to is not None else ""
    counts = ", ".join(
        f"(SELECT COUNT(*) AS n{n}, COUNT({'DISTINCT id' if b.count_distinct else '*'}) AS d{n} "
        f"FROM ({b.count_sql}{cap}) AS c) AS t{n}"
        for n, b in enumerate(branches)
    )
    params = [value for b in branches for value in b.count_params]
    cursor.execute(f"SELECT * FROM {counts}", params)
    found = cursor.fetchone()
    read, distinct = found[0::2], found[1::2]
    if count_up_to is not None and any(n >= count_up_to for n in read):
        return count_up_to
    return int(sum(distinct))


def offers_and_groups_page(
    *,
    shape: Hashable,
    offers: Callable[[], QuerySet],
    groups: Callable[[], QuerySet[Listing] | None],
    near: Near | None,
    offset: int,
    limit: int,
    count_up_to: int | None = None,
    few_offers: bool = False,
    joined: Joined | None = None,
) -> tuple[int, list[Ranked]]:
    """One page of offers and (if `groups` gives any) groups, nearest first, then by name.

    `offers` gives a queryset of offers, or of offers-at-places when `near` is given;
    `few_offers` says so few match that sorting them all is quickest. `shape` names
    everything `offers` and `groups` read. `joined` reads more of each result with it."""

    def write() -> list[Branch]:
        branches = [_offer_branch(offers(), near, few=few_offers)]
        if (group_rows := groups()) is not None:
            branches.append(_group_branch(group_rows, near))
        return branches

    branches = _written_once(("offers and groups", shape, near, few_offers), write)
    return _run(
        branches, offset=offset, limit=limit, near=near, count_up_to=count_up_to, joined=joined
    )


def offer_places_page(
    *,
    shape: Hashable,
    offer_places: Callable[[], QuerySet[OfferPlace]],
    near: Near,
    offset: int,
    limit: int,
) -> tuple[int, list[Ranked]]:
    """One page of offers-at-places within the radius, nearest first (Open Referral)."""

    def write() -> list[Branch]:
        rows, params = _rows(offer_places(), hit_id="pk", hit_area="place__outward_code")
        sql = (
            "SELECT 'offer_place' AS kind, op.hit_id AS id, '' AS name, d.km AS km, "
            f"op.hit_area AS area {_near_rows('op', rows, near)} "
            "WHERE d.origin = %s AND d.km <= %s"
        )
        params = (*params, near.outward_code, near.radius_km)
        return [Branch(sql, params, sql, params)]

    branches = _written_once(("offer places", shape, near), write)
    return _run(branches, offset=offset, limit=limit, near=near)
