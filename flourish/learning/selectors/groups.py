"""A person's groups, and finding one of them: anyone not in the group gets 404."""

from typing import Any

from django.db.models import Exists, OuterRef
from django.http import Http404

from flourish.accounts.models import Membership, Organisation, OrganisationKind, Role

GROUP_ROLES = (Role.GROUP_LEAD, Role.GROUP_MEMBER)


def groups_of(user: Any) -> list[Organisation]:
    """The groups a person leads or belongs to (none for someone signed out)."""
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Organisation.objects.filter(
            kind=OrganisationKind.GROUP,
            memberships__user=user,
            memberships__role__in=GROUP_ROLES,
        )
        .distinct()
        .order_by("name")
    )


def get_group_for_user(*, user: Any, slug: str) -> Organisation:
    """One of the person's own groups; 404 for anyone who is not a lead or member of it."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    # One query: the group, only if the person is one of its leads or members.
    theirs = Membership.objects.filter(organisation=OuterRef("pk"), user=user, role__in=GROUP_ROLES)
    group = Organisation.objects.filter(
        Exists(theirs), slug=slug, kind=OrganisationKind.GROUP
    ).first()
    if group is None:
        raise Http404
    return group
