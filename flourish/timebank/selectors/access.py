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
from flourish.core.written import read_written_once
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
    (or, when `coordinator` is asked for, anyone who does not coordinate it).

    Each query costs a page about a millisecond of Django's time, so the common cases
    take one: a member is found together with their timebank, and someone who coordinates
    a timebank (often staff, not members) finds it with the id of any place they hold."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    # From the memberships already read for this request.
    coordinates = organisations_where(user, Role.TIMEBANK_COORDINATOR)
    if coordinates:
        timebank, member = _timebank_with_own_place(user, slug)
    else:
        member = _own_place_with_timebank(user, slug)
        timebank = member.timebank if member is not None else None
    if timebank is None:
        raise Http404
    is_coordinator = timebank.organisation_id in coordinates
    if (member is None and not is_coordinator) or (coordinator and not is_coordinator):
        raise Http404
    if member is not None:
        # The person asking, loaded already for the request: reading them again would
        # write the SQL for all their columns and decrypt their phone and access needs.
        member.user = user
    return Place(timebank=timebank, member=member, is_coordinator=is_coordinator)


def _own_places(user: Any) -> QuerySet[TimebankMember]:
    return TimebankMember.objects.filter(user=user, status=MemberStatus.APPROVED)


def _own_place_with_timebank(user: Any, slug: str) -> TimebankMember | None:
    # Written once for every member and timebank (`core/written.py`): every page a member
    # opens in a timebank starts here.
    found = read_written_once(
        _own_place_in, [user.pk, slug], name="own place in a timebank", model=TimebankMember
    )
    return found[0] if found else None


def _own_place_in(user: int, slug: str) -> QuerySet[TimebankMember]:
    return (
        _own_places(user)
        .select_related("account", "timebank")
        .filter(timebank__slug=slug)
        .order_by("pk")[:1]
    )


def _timebank_with_own_place(user: Any, slug: str) -> tuple[Timebank | None, TimebankMember | None]:
    own = _own_places(user).filter(timebank=OuterRef("pk")).values("pk")[:1]
    timebank = Timebank.objects.annotate(own_place=Subquery(own)).filter(slug=slug).first()
    if timebank is None or timebank.own_place is None:
        return timebank, None
    # Still approved: a place left since the line above is no place.
    member = _own_places(user).select_related("account").filter(pk=timebank.own_place).first()
    if member is not None:
        member.timebank = timebank
    return timebank, member


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
