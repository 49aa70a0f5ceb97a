"""Ordering and paging search results in the database: by distance, or by name.

Distance is a join on `DistrictDistance` (every pair of postcode districts within
`NEIGHBOUR_RADIUS_KM`, with how far apart they are): places sit at their district's
centroid, so "within R of this postcode, nearest first" is a range scan of one
district's neighbours joined to places, then ORDER BY with LIMIT. Its cost depends on
the page asked for, not on how many groups are nearby being loaded into Python.

The filters come in as Django querysets (everything asked for except distance) and are
used as `IN (subquery)`, so the whole search is one statement. COUNT(*) OVER () carries
the total with the page, so one query gives both.
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import QuerySet

from flourish.directory.models import DistrictDistance, Listing, Offer, OfferPlace, Place


@dataclass(frozen=True)
class Near:
    outward_code: str
    radius_km: float


@dataclass(frozen=True)
class Ranked:
    kind: str  # "offer", "group" or "offer_place"
    pk: int
    km: float | None


def _subquery(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.values("pk").query.sql_with_params()
    return sql, tuple(params)


def _tables() -> dict[str, str]:
    return {
        "offer": Offer._meta.db_table,
        "listing": Listing._meta.db_table,
        "link": OfferPlace._meta.db_table,
        "place": Place._meta.db_table,
        "distance": DistrictDistance._meta.db_table,
    }


def _offer_branch(offers: QuerySet[Offer], near: Near | None) -> tuple[str, tuple]:
    t = _tables()
    inner, params = _subquery(offers)
    if near is None:
        sql = (
            f"SELECT 'offer' AS kind, o.id AS id, o.name AS name, 0.0 AS km "
            f"FROM {t['offer']} o WHERE o.id IN ({inner})"
        )
        return sql, params
    # An offer met at several places is as near as its nearest one.
    sql = (
        f"SELECT 'offer' AS kind, o.id AS id, o.name AS name, MIN(d.km) AS km "
        f"FROM {t['distance']} d "
        f"JOIN {t['place']} p ON p.outward_code = d.destination "
        f"JOIN {t['link']} op ON op.place_id = p.id "
        f"JOIN {t['offer']} o ON o.id = op.offer_id "
        f"WHERE d.origin = %s AND d.km <= %s AND o.id IN ({inner}) "
        f"GROUP BY o.id, o.name"
    )
    return sql, (near.outward_code, near.radius_km, *params)


def _group_branch(listings: QuerySet[Listing], near: Near | None) -> tuple[str, tuple]:
    t = _tables()
    inner, params = _subquery(listings)
    if near is None:
        sql = (
            f"SELECT 'group' AS kind, l.id AS id, l.name AS name, 0.0 AS km "
            f"FROM {t['listing']} l WHERE l.id IN ({inner})"
        )
        return sql, params
    sql = (
        f"SELECT 'group' AS kind, l.id AS id, l.name AS name, d.km AS km "
        f"FROM {t['distance']} d JOIN {t['listing']} l ON l.area_outward_code = d.destination "
        f"WHERE d.origin = %s AND d.km <= %s AND l.id IN ({inner})"
    )
    return sql, (near.outward_code, near.radius_km, *params)


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
    offers: QuerySet[Offer],
    groups: QuerySet[Listing] | None,
    near: Near | None,
    offset: int,
    limit: int,
) -> tuple[int, list[Ranked]]:
    """One page of offers and (if `groups` is given) groups, nearest first, then by name."""
    sql, params = _offer_branch(offers, near)
    if groups is not None:
        group_sql, group_params = _group_branch(groups, near)
        sql, params = f"{sql} UNION ALL {group_sql}", (*params, *group_params)
    return _run(sql, params, offset=offset, limit=limit, near=near)


def offer_places_page(
    *, offers: QuerySet[Offer], near: Near, offset: int, limit: int
) -> tuple[int, list[Ranked]]:
    """One page of offers-at-places within the radius, nearest first (Open Referral)."""
    t = _tables()
    inner, params = _subquery(offers)
    sql = (
        f"SELECT 'offer_place' AS kind, op.id AS id, '' AS name, d.km AS km "
        f"FROM {t['distance']} d "
        f"JOIN {t['place']} p ON p.outward_code = d.destination "
        f"JOIN {t['link']} op ON op.place_id = p.id "
        f"WHERE d.origin = %s AND d.km <= %s AND op.offer_id IN ({inner})"
    )
    return _run(
        sql, (near.outward_code, near.radius_km, *params), offset=offset, limit=limit, near=near
    )
