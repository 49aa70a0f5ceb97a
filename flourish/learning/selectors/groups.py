"""A person's groups, and finding one of them: anyone not in the group gets 404."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from flourish.accounts.models import Organisation, OrganisationKind, Role
from flourish.accounts.selectors import organisations_where

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


def get_group_for_user(
    *, user: Any, slug: str, groups: QuerySet[Organisation] | None = None
) -> Organisation:
    """One of the person's own groups, read from `groups` (with whatever a page wants
    alongside it); 404 for anyone who is not a lead or member of it."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    # The person's groups are known from the memberships already read for the request,
    # so someone in none of them is told nothing without a query.
    theirs = set().union(*(organisations_where(user, role) for role in GROUP_ROLES))
    found = Organisation.objects.all() if groups is None else groups
    group = (
        found.filter(pk__in=theirs, slug=slug, kind=OrganisationKind.GROUP).first()
        if theirs
        else None
    )
    if group is None:
        raise Http404
    return group
