"""Finding a timebank and the things in it for a person: anyone without a place gets 404."""

from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Exists,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.http import Http404

from flourish.accounts.models import Membership, Role
from flourish.accounts.selectors import organisations_where
from flourish.timebank.models import (
    Exchange,
    Listing,
    MemberStatus,
    Timebank,
    TimebankMember,
)


@dataclass(frozen=True)
class Place:
    """Where a person stands in one timebank: their membership, and whether they coordinate it."""

    timebank: Timebank
    member: TimebankMember | None
    is_coordinator: bool

    @property
    def is_member(self) -> bool:
        return self.member is not None


def _coordinator_organisations(user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user, role=Role.TIMEBANK_COORDINATOR)


def get_place_for_user(*, user: Any, slug: str, coordinator: bool = False) -> Place:
    """The person's place in the timebank; 404 for anyone who is neither member nor coordinator
    (or, when `coordinator` is asked for, anyone who does not coordinate it)."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    # The organisations the person coordinates, from the memberships already read for
    # this request: each query costs a page about a millisecond of Django's time.
    coordinates = organisations_where(user, Role.TIMEBANK_COORDINATOR)
    # A member (most people asking) is found together with their timebank.
    member = (
        TimebankMember.objects.select_related("account", "timebank")
        .filter(timebank__slug=slug, user=user, status=MemberStatus.APPROVED)
        .first()
    )
    if member is not None:
        timebank = member.timebank
        # The person asking, loaded already for the request: reading them again would
        # write the SQL for all their columns and decrypt their phone and access needs.
        member.user = user
    else:
        # Someone who is not a member may still coordinate the timebank.
        found = Timebank.objects.filter(slug=slug).first() if coordinates else None
        if found is None or found.organisation_id not in coordinates:
            raise Http404
        timebank = found
    is_coordinator = timebank.organisation_id in coordinates
    if coordinator and not is_coordinator:
        raise Http404
    return Place(timebank=timebank, member=member, is_coordinator=is_coordinator)


def get_timebank_for_joining(*, slug: str) -> Timebank:
    """Any signed-in person may ask to join a timebank they know of."""
    timebank = Timebank.objects.select_related("organisation").filter(slug=slug).first()
    if timebank is None:
        raise Http404
    return timebank


def timebank_list_for_user(*, user: Any, name: str = "") -> QuerySet[Timebank]:
    """The timebanks a person belongs to or coordinates, first, then the rest to join (only
    those whose name has `name` in it, if given). Each carries `my_status` (their
    membership's status, or None) and `i_coordinate`, so the page offers "ask to join"
    only where the person has not asked already."""
    timebanks = Timebank.objects.select_related("organisation")
    if name:
        timebanks = timebanks.filter(name__icontains=name)
    if not getattr(user, "is_authenticated", False):
        return timebanks.annotate(
            my_status=Value(None, output_field=CharField()), i_coordinate=Value(False)
        ).order_by("name", "pk")
    own = TimebankMember.objects.filter(timebank_id=OuterRef("pk"), user=user)
    coordinates = _coordinator_organisations(user).filter(
        organisation_id=OuterRef("organisation_id")
    )
    return timebanks.annotate(
        my_status=Subquery(own.values("status")[:1]), i_coordinate=Exists(coordinates)
    ).order_by(
        # Approved or coordinated first, then asked, then the rest.
        Case(
            When(Q(i_coordinate=True) | Q(my_status=MemberStatus.APPROVED), then=Value(0)),
            When(my_status=MemberStatus.ASKED, then=Value(1)),
            default=Value(2),
        ),
        "name",
        "pk",
    )


def membership_for_user(*, user: Any, timebank: Timebank) -> TimebankMember | None:
    """The person's own place in the timebank, whatever its status."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TimebankMember.objects.filter(timebank=timebank, user=user).first()


def get_member_for_coordinator(*, place: Place, pk: int) -> TimebankMember:
    """A member of the coordinator's own timebank."""
    if not place.is_coordinator:
        raise Http404
    member = (
        TimebankMember.objects.select_related("user", "account", "recorded_by")
        .filter(timebank=place.timebank, pk=pk)
        .first()
    )
    if member is None:
        raise Http404
    return member


def get_listing_for_place(*, place: Place, pk: int) -> Listing:
    """An open offer or request in this timebank or a partner; closed ones only to their owner."""
    visible = Q(timebank=place.timebank) | Q(timebank__partners=place.timebank)
    listing = (
        Listing.objects.select_related("member__user", "timebank", "recorded_by")
        .filter(visible, pk=pk)
        .first()
    )
    if listing is None:
        raise Http404
    mine = place.member is not None and listing.member_id == place.member.pk
    if not listing.is_open and not mine and not place.is_coordinator:
        raise Http404
    return listing


def exchanges_visible_in(place: Place) -> QuerySet[Exchange]:
    """Exchanges this person took part in; a coordinator sees all of their own timebank's."""
    visible = Q(pk__in=[])
    if place.member is not None:
        visible |= Q(giver=place.member) | Q(shares__member=place.member)
    if place.is_coordinator:
        visible |= Q(timebank=place.timebank) | Q(shares__member__timebank=place.timebank)
    return Exchange.objects.filter(visible).distinct()


def get_exchange_for_place(*, place: Place, pk: int) -> Exchange:
    """An exchange the person gave or received, or one in the timebank they coordinate."""
    exchange = (
        exchanges_visible_in(place)
        .select_related("giver__user", "asked_by__user", "recorded_by", "listing", "timebank")
        .prefetch_related("shares__member__user")
        .filter(pk=pk)
        .first()
    )
    if exchange is None:
        raise Http404
    return exchange
