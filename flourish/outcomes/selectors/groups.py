"""What people shared with their groups, and who in a group may see it: the group's
organisers, or everyone in it, as the person chose, while the person is still in the group.
Anyone else, members of other groups included, gets 404."""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role
from flourish.accounts.selectors import private_fields_of
from flourish.outcomes.models import GroupAudience, GroupShare

IN_A_GROUP = (Role.GROUP_LEAD, Role.GROUP_MEMBER)


def groups_of(*, person: Any) -> QuerySet[Organisation]:
    """The groups the person belongs to: the only groups they can share with."""
    return (
        Organisation.objects.filter(
            kind=OrganisationKind.GROUP,
            memberships__user=person,
            memberships__role__in=IN_A_GROUP,
        )
        .distinct()
        .order_by("name")
    )


def group_shares_visible_to(*, user: Any) -> QuerySet[GroupShare]:
    """Open shares made to a group this person is in, with the role the person chose, by
    someone still in that group; never the person's own."""
    if not getattr(user, "is_authenticated", False):
        return GroupShare.objects.none()
    viewer = Membership.objects.filter(organisation=OuterRef("group"), user=user)
    organiser = viewer.filter(role=Role.GROUP_LEAD)
    anyone = viewer.filter(role__in=IN_A_GROUP)
    still_in = Membership.objects.filter(
        organisation=OuterRef("group"), user=OuterRef("person"), role__in=IN_A_GROUP
    )
    return (
        GroupShare.objects.filter(withdrawn_at__isnull=True)
        .exclude(person=user)
        .filter(Exists(still_in))
        .filter(
            Q(Exists(organiser), audience=GroupAudience.ORGANISERS)
            | Q(Exists(anyone), audience=GroupAudience.EVERYONE)
        )
    )


def shared_with_my_groups(*, user: Any) -> QuerySet[GroupShare]:
    """Goals and check-in series people in this person's groups shared with them, newest
    first."""
    return (
        group_shares_visible_to(user=user)
        .select_related("person", "group", "instrument")
        .defer(*private_fields_of("person"))
        .order_by("-created_at", "-id")
    )


def get_group_series_for_user(*, user: Any, pk: int) -> GroupShare:
    """A check-in series shared with a group this person may see it in; 404 otherwise."""
    share = (
        group_shares_visible_to(user=user)
        .filter(pk=pk, instrument__isnull=False)
        .select_related("person", "group", "instrument")
        .first()
    )
    if share is None:
        raise Http404
    return share


def group_shares_of_goal(*, goal: Any) -> list[GroupShare]:
    """Every group the goal was ever shared with (withdrawn too), newest first."""
    return list(GroupShare.objects.filter(goal=goal).select_related("group"))


def group_series_shares_of(*, person: Any) -> dict[int, list[GroupShare]]:
    """Every group the person ever shared each series with, by instrument."""
    shares: dict[int, list[GroupShare]] = {}
    found = GroupShare.objects.filter(person=person, instrument__isnull=False)
    for share in found.select_related("group"):
        shares.setdefault(share.instrument_id or 0, []).append(share)
    return shares


def get_own_group_share(*, person: Any, pk: int) -> GroupShare:
    share = GroupShare.objects.filter(person=person, pk=pk).select_related("group").first()
    if share is None:
        raise Http404
    return share
