"""Ordering and paging search results in the database: by distance, or by name.

Distance is a join on `DistrictDistance` (every pair of postcode districts within
`NEIGHBOUR_RADIUS_KM`, with how far apart they are): places sit at their district's
centroid, so "within R of this postcode, nearest first" is a range scan of one
district's neighbours joined to places, then ORDER BY with LIMIT. Its cost depends on
the page asked for, not on how many groups are nearby being loaded into Python.

The filters come in as Django querysets (everything asked for except distance) and are
used as derived tables joined to the distances, so the whole search is one statement;
COUNT(*) OVER () carries the total with the page, so one query gives both.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import F, QuerySet

from flourish.directory.models import DistrictDistance, Listing, OfferPlace


@dataclass(frozen=True)
class Near:
    outward_code: str
    radius_km: float


@dataclass(frozen=True)
class Ranked:
    kind: str  # "offer", "group" or "offer_place"
    pk: int
    km: float | None


def _rows(queryset: QuerySet, **columns: str) -> tuple[str, tuple]:
    """The queryset's SQL selecting only `columns` (alias → field path), for use as a
    derived table: the database merges it into the outer join, so it can start from
    whichever side is smaller (the districts near a postcode, or the words' index)."""
    values = queryset.annotate(**{alias: F(path) for alias, path in columns.items()})
    sql, params = values.values(*columns).query.sql_with_params()
    return sql, tuple(params)


def _distance() -> str:
    return DistrictDistance._meta.db_table


def _offer_branch(offers: QuerySet, near: Near | None) -> tuple[str, tuple]:
    """Offers (`near` None) or offers-at-places (`near` given) as (kind, id, name, km)."""
    if near is None:
        rows, params = _rows(offers, hit_id="pk", hit_name="name")
        sql = (
            f"SELECT 'offer' AS kind, o.hit_id AS id, o.hit_name AS name, 0.0 AS km FROM ({rows}) o"
        )
        return sql, params
    rows, params = _rows(
        offers, hit_id="offer_id", hit_name="offer__name", hit_area="place__outward_code"
    )
    # An offer met at several places is as near as its nearest one.
    sql = (
        f"SELECT 'offer' AS kind, o.hit_id AS id, o.hit_name AS name, MIN(d.km) AS km "
        f"FROM ({rows}) o JOIN {_distance()} d ON d.destination = o.hit_area "
        f"WHERE d.origin = %s AND d.km <= %s GROUP BY o.hit_id, o.hit_name"
    )
    return sql, (*params, near.outward_code, near.radius_km)


def _group_branch(listings: QuerySet[Listing], near: Near | None) -> tuple[str, tuple]:
    rows, params = _rows(listings, hit_id="pk", hit_name="name", hit_area="area_outward_code")
    if near is None:
        sql = (
            f"SELECT 'group' AS kind, l.hit_id AS id, l.hit_name AS name, 0.0 AS km FROM ({rows}) l"
        )
        return sql, params
    sql = (
        f"SELECT 'group' AS kind, l.hit_id AS id, l.hit_name AS name, d.km AS km "
        f"FROM ({rows}) l JOIN {_distance()} d ON d.destination = l.hit_area "
        f"WHERE d.origin = %s AND d.km <= %s"
    )
    return sql, (*params, near.outward_code, near.radius_km)


def _run(
    sql: str, params: tuple, *, offset: int, limit: int, near: Near | None
) -> tuple[int, list[Ranked]]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT kind, id, km, COUNT(*) OVER () FROM ({sql}) AS hits "
            "ORDER BY km, name, kind, id LIMIT %s OFFSET %s",
            (*params, limit, offset),
        )
        rows = cursor.fetchall()
        if rows:
            total = rows[0][3]
        else:
            # Asked for a page past the end: count what there is, so the caller can say.
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS hits", params)
            total = cursor.fetchone()[0]
    ranked = [Ranked(kind, pk, km if near is not None else None) for kind, pk, km, _ in rows]
    return total, ranked


def offers_and_groups_page(
    *,
    offers: QuerySet,
    groups: QuerySet[Listing] | None,
    near: Near | None,
    offset: int,
    limit: int,
) -> tuple[int, list[Ranked]]:
    """One page of offers and (if `groups` is given) groups, nearest first, then by name.

    `offers` is a queryset of offers, or of offers-at-places when `near` is given."""
    sql, params = _offer_branch(offers, near)
    if groups is not None:
        group_sql, group_params = _group_branch(groups, near)
        sql, params = f"{sql} UNION ALL {group_sql}", (*params, *group_params)
    return _run(sql, params, offset=offset, limit=limit, near=near)


def offer_places_page(
    *, offer_places: QuerySet[OfferPlace], near: Near, offset: int, limit: int
) -> tuple[int, list[Ranked]]:
    """One page of offers-at-places within the radius, nearest first (Open Referral)."""
    rows, params = _rows(offer_places, hit_id="pk", hit_area="place__outward_code")
    sql = (
        f"SELECT 'offer_place' AS kind, op.hit_id AS id, '' AS name, d.km AS km "
        f"FROM ({rows}) op JOIN {_distance()} d ON d.destination = op.hit_area "
        f"WHERE d.origin = %s AND d.km <= %s"
    )
    return _run(
        sql, (*params, near.outward_code, near.radius_km), offset=offset, limit=limit, near=near
    )
