"""Who may do what with demand: a service's own team, and a board's members and owners.

A service's team is everyone who holds a role in the organisation that runs it: front-line
workers log what people ask and note the changes they make, not only managers. Its leads
(group leads, funder staff, coordinators) change its settings. A board's members are the
people of its organisation; its owners (the same leads) moderate and set statuses.
"""

from typing import Any

import rules

from flourish.accounts.models import Membership, Role

LEADING_ROLES = frozenset(
    {
        Role.GROUP_LEAD,
        Role.FUNDER_STAFF,
        Role.TIMEBANK_COORDINATOR,
        Role.HOLDING_PARTNER,
        Role.ADMINISTRATOR,
    }
)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def organisation_roles(user: Any, organisation_id: int) -> set[str]:
    """The roles a person holds in one organisation (one query)."""
    if not _signed_in(user):
        return set()
    return set(
        Membership.objects.filter(user=user, organisation_id=organisation_id).values_list(
            "role", flat=True
        )
    )


@rules.predicate
def is_team(user: Any, service: Any) -> bool:
    return service is not None and bool(organisation_roles(user, service.organisation_id))


@rules.predicate
def leads(user: Any, thing: Any) -> bool:
    return thing is not None and bool(
        organisation_roles(user, thing.organisation_id) & LEADING_ROLES
    )


@rules.predicate
def is_board_member(user: Any, board: Any) -> bool:
    return board is not None and bool(organisation_roles(user, board.organisation_id))


rules.add_perm("demand.log_contacts", is_team)
rules.add_perm("demand.change_service", leads)
rules.add_perm("demand.take_part", is_board_member)
rules.add_perm("demand.moderate", leads)
