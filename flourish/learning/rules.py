"""Who may do what in learning. Guides are written by the administrators who run this
Flourish site: they already hold the one role trusted with the whole site (and two-step
sign-in), so no new role is needed for a handful of writers.

Support is given by the administrators, and by the organisation a group names when it
asks: a support organisation's support partners, or a funder's associates."""

from typing import Any

import rules

from flourish.accounts.models import Membership, OrganisationKind, Role
from flourish.accounts.rules import is_administrator

# Who helps on behalf of each kind of organisation a group can ask for help from.
HELPER_ROLE: dict[str, str] = {
    OrganisationKind.SUPPORT_ORGANISATION: Role.SUPPORT_PARTNER,
    OrganisationKind.FUNDER: Role.ASSOCIATE,
}
# Who reads a health check the group shared with each kind of organisation.
READER_ROLES: dict[str, tuple[str, ...]] = {
    OrganisationKind.SUPPORT_ORGANISATION: (Role.SUPPORT_PARTNER,),
    OrganisationKind.FUNDER: (Role.FUNDER_STAFF, Role.ASSOCIATE),
}


def _organisations_where(user: Any, roles_by_kind: dict[str, tuple[str, ...]]) -> set[int]:
    if not getattr(user, "is_authenticated", False):
        return set()
    found = Membership.objects.filter(user=user).values_list(
        "organisation_id", "organisation__kind", "role"
    )
    return {pk for pk, kind, role in found if role in roles_by_kind.get(kind, ())}


def organisations_helped_for(user: Any) -> set[int]:
    """The organisations a person gives support for (as a support partner or associate)."""
    return _organisations_where(user, {kind: (role,) for kind, role in HELPER_ROLE.items()})


def organisations_reading_for(user: Any) -> set[int]:
    """The organisations for which a person may read health checks shared with them."""
    return _organisations_where(user, READER_ROLES)


@rules.predicate
def gives_support(user: Any) -> bool:
    return bool(organisations_helped_for(user))


def reads_shared_health_checks(user: Any) -> bool:
    """Not a permission: administrators (superusers have every permission) read only what
    groups share with the people who run support, never what they share with a funder."""
    return bool(organisations_reading_for(user))


def may_help_with(user: Any, support_request: Any) -> bool:
    """Administrators help with any request; a support partner or associate only with
    requests the group sent to their organisation."""
    if is_administrator(user):
        return True
    return support_request.support_organisation_id in organisations_helped_for(user)


rules.add_perm("learning.write_guides", is_administrator)
rules.add_perm("learning.run_support", is_administrator | gives_support)


def may_write_guides(user: Any) -> bool:
    return bool(user.has_perm("learning.write_guides"))


def runs_support(user: Any) -> bool:
    return bool(user.has_perm("learning.run_support"))
