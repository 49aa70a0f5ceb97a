"""Who may do what in a timebank: its approved members, and its organisation's coordinators."""

from typing import Any

import rules

from flourish.accounts.models import Membership, Role
from flourish.timebank.models import MemberStatus


@rules.predicate
def coordinates(user: Any, timebank: Any) -> bool:
    if timebank is None or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user, organisation_id=timebank.organisation_id, role=Role.TIMEBANK_COORDINATOR
    ).exists()


@rules.predicate
def is_member_of(user: Any, timebank: Any) -> bool:
    if timebank is None or not getattr(user, "is_authenticated", False):
        return False
    return timebank.members.filter(user=user, status=MemberStatus.APPROVED).exists()


@rules.predicate
def coordinates_any_timebank(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, role=Role.TIMEBANK_COORDINATOR).exists()


rules.add_perm("timebank.coordinate", coordinates)
rules.add_perm("timebank.take_part", is_member_of | coordinates)
rules.add_perm("timebank.use_coordinator_area", coordinates_any_timebank)
