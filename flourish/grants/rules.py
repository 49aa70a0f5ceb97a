"""Who may do what in grants. Views find objects through selectors that apply the same
rules as querysets, so a stranger gets 404; these predicates guard each action."""

from typing import Any

import rules

from flourish.accounts.models import Membership, Role
from flourish.accounts.rules import has_role, is_administrator

GROUP_ROLES = (Role.GROUP_LEAD, Role.GROUP_MEMBER)


def _member(user: Any, organisation_id: int | None, roles: tuple[str, ...]) -> bool:
    if not getattr(user, "is_authenticated", False) or organisation_id is None:
        return False
    return Membership.objects.filter(
        user=user, organisation_id=organisation_id, role__in=roles
    ).exists()


@rules.predicate
def is_programme_staff(user: Any, programme: Any) -> bool:
    return programme is not None and _member(user, programme.funder_id, (Role.FUNDER_STAFF,))


@rules.predicate
def is_application_staff(user: Any, application: Any) -> bool:
    return application is not None and is_programme_staff(user, application.programme)


@rules.predicate
def is_applicant(user: Any, application: Any) -> bool:
    if application is None or not getattr(user, "is_authenticated", False):
        return False
    if application.submitted_by_id == user.pk:
        return True
    return _member(user, application.group_id, GROUP_ROLES)


@rules.predicate
def is_assigned_associate(user: Any, application: Any) -> bool:
    return (
        application is not None
        and application.associate_id is not None
        and application.associate_id == getattr(user, "pk", None)
    )


rules.add_perm("grants.manage_programme", is_programme_staff | is_administrator)
rules.add_perm("grants.edit_application", is_applicant)
rules.add_perm("grants.sift_application", is_application_staff)
rules.add_perm("grants.assign_associate", is_application_staff)
rules.add_perm("grants.follow_up_application", is_application_staff | is_assigned_associate)
rules.add_perm("grants.decide_application", is_application_staff)
rules.add_perm("grants.pay_award", is_application_staff)

# Who is shown the way into the funders' side from the site menu.
rules.add_perm(
    "grants.use_funder_area",
    has_role(Role.FUNDER_STAFF)
    | has_role(Role.ASSOCIATE)
    | has_role(Role.PANEL_MEMBER)
    | is_administrator,
)

# Who is shown the way to the money their organisation holds for groups.
rules.add_perm("grants.hold_money_for_groups", has_role(Role.HOLDING_PARTNER))
