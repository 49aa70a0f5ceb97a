"""Searching offers and requests by words, kind, area and day."""

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from flourish.accounts.selectors import private_fields_of
from flourish.timebank.models import Listing, MemberStatus, Timebank


@dataclass(frozen=True)
class ListingQuery:
    words: str = ""
    direction: str = ""
    kind: str = ""
    area: str = ""
    day: str = ""


def listing_search(*, timebank: Timebank, query: ListingQuery) -> QuerySet[Listing]:
    """Open listings of current members of this timebank and its partners, newest first."""
    listings = Listing.objects.filter(
        Q(timebank=timebank) | Q(timebank__partners=timebank),
        is_open=True,
        member__status=MemberStatus.APPROVED,
    )
    for word in query.words.split()[:8]:
        listings = listings.filter(Q(title__icontains=word) | Q(description__icontains=word))
    if query.direction:
        listings = listings.filter(direction=query.direction)
    if query.kind:
        listings = listings.filter(kind=query.kind)
    if query.area:
        listings = listings.filter(area__icontains=query.area.strip())
    if query.day:
        listings = listings.filter(days__contains=query.day)
    return (
        listings.select_related("member__user", "timebank")
        .defer(*private_fields_of("member__user"))
        .order_by("-created_at", "-id")
    )
