"""Who may do what with demand: a service's own team, and a board's members and owners.

A service's team is everyone who holds a role in the organisation that runs it: front-line
workers log what people ask and note the changes they make, not only managers. Its leads
(group leads, funder staff, coordinators) change its settings.

A board belongs to one of four homes, and the home decides who takes part and who owns it
(owners set statuses and moderate; they take part too):

| home | take part | own it |
|---|---|---|
| a group or other organisation | anyone with a role in it | its leads |
| a grants programme | the groups it funds (application awarded or paid) | funder staff |
| a timebank | its approved members | its organisation's coordinators |
| a personal-budgets pool | its current members | its current members, together |

Everyone else may only read a public board, and gets 404 for a members-only one.
"""

from dataclasses import dataclass
from typing import Any

import rules
from django.db.models import Q

from flourish.accounts.models import Membership, Role
from flourish.budgets.models import PoolMember
from flourish.grants.models import Application, ApplicationStatus
from flourish.timebank.models import MemberStatus, TimebankMember

LEADING_ROLES = frozenset(
    {
        Role.GROUP_LEAD,
        Role.FUNDER_STAFF,
        Role.TIMEBANK_COORDINATOR,
        Role.HOLDING_PARTNER,
        Role.ADMINISTRATOR,
    }
)
FUNDER_OWNERS = frozenset({Role.FUNDER_STAFF, Role.ADMINISTRATOR})
FUNDED = (ApplicationStatus.AWARDED, ApplicationStatus.PAID)


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def organisation_roles(user: Any, organisation_id: int | None) -> set[str]:
    """The roles a person holds in one organisation (one query)."""
    if not _signed_in(user) or organisation_id is None:
        return set()
    return set(
        Membership.objects.filter(user=user, organisation_id=organisation_id).values_list(
            "role", flat=True
        )
    )


@dataclass(frozen=True)
class Standing:
    """What one person may do on one board."""

    takes_part: bool = False
    owns: bool = False


def _funded_by(user: Any, programme_id: int) -> bool:
    return Application.objects.filter(
        programme_id=programme_id, status__in=FUNDED, group__memberships__user=user
    ).exists()


def _timebank_standing(user: Any, board: Any) -> Standing:
    coordinates = Role.TIMEBANK_COORDINATOR in organisation_roles(user, board.organisation_id)
    member = TimebankMember.objects.filter(
        timebank_id=board.timebank_id, user=user, status=MemberStatus.APPROVED
    ).exists()
    return Standing(takes_part=coordinates or member, owns=coordinates)


def board_standing(user: Any, board: Any) -> Standing:
    """Whether a person takes part in a board, and whether they own it (one or two queries)."""
    if board is None or not _signed_in(user):
        return Standing()
    if board.pool_id is not None:
        member = PoolMember.objects.filter(
            pool_id=board.pool_id, budget__person=user, left_at__isnull=True
        ).exists()
        return Standing(takes_part=member, owns=member)
    if board.timebank_id is not None:
        return _timebank_standing(user, board)
    roles = organisation_roles(user, board.organisation_id)
    if board.programme_id is not None:
        owns = bool(roles & FUNDER_OWNERS)
        return Standing(takes_part=owns or _funded_by(user, board.programme_id), owns=owns)
    return Standing(takes_part=bool(roles), owns=bool(roles & LEADING_ROLES))


def boards_taken_part_in(user: Any) -> Q:
    """A filter on boards for those a person takes part in: the same rules as
    `board_standing`, as one query for a list."""
    if not _signed_in(user):
        return Q(pk__in=[])
    roles_in = Membership.objects.filter(user=user)
    homeless = Q(programme__isnull=True, timebank__isnull=True, pool__isnull=True)
    funded = Application.objects.filter(status__in=FUNDED, group__memberships__user=user).values(
        "programme_id"
    )
    return (
        (homeless & Q(organisation__in=roles_in.values("organisation_id")))
        | Q(programme__in=funded)
        | Q(
            programme__isnull=False,
            organisation__in=roles_in.filter(role__in=FUNDER_OWNERS).values("organisation_id"),
        )
        | Q(
            timebank__in=TimebankMember.objects.filter(
                user=user, status=MemberStatus.APPROVED
            ).values("timebank_id")
        )
        | Q(
            timebank__isnull=False,
            organisation__in=roles_in.filter(role=Role.TIMEBANK_COORDINATOR).values(
                "organisation_id"
            ),
        )
        | Q(
            pool__in=PoolMember.objects.filter(budget__person=user, left_at__isnull=True).values(
                "pool_id"
            )
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
def takes_part(user: Any, board: Any) -> bool:
    return board_standing(user, board).takes_part


@rules.predicate
def owns(user: Any, board: Any) -> bool:
    return board_standing(user, board).owns


rules.add_perm("demand.log_contacts", is_team)
rules.add_perm("demand.change_service", leads)
rules.add_perm("demand.take_part", takes_part)
rules.add_perm("demand.moderate", owns)
