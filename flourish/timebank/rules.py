"""Who may coordinate a timebank: its organisation's coordinators. What an approved
member may see and do is decided where timebanks are read (`selectors/access.py`)."""

from typing import Any

import rules

from flourish.accounts.models import Membership, Role


@rules.predicate
def coordinates(user: Any, timebank: Any) -> bool:
    if timebank is None or not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user, organisation_id=timebank.organisation_id, role=Role.TIMEBANK_COORDINATOR
    ).exists()


@rules.predicate
def coordinates_any_timebank(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(user=user, role=Role.TIMEBANK_COORDINATOR).exists()


rules.add_perm("timebank.coordinate", coordinates)
rules.add_perm("timebank.use_coordinator_area", coordinates_any_timebank)
