"""Who may do what with people and organisations. Other apps reuse these predicates."""

from typing import Any

import rules

from flourish.accounts.models import Role


def _roles(user: Any) -> set[str]:
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_flourish_roles", None)
    if cached is None:
        cached = set(user.memberships.values_list("role", flat=True))
        user._flourish_roles = cached
    return cached


def has_role(role: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{role}")
    def predicate(user: Any) -> bool:
        return role in _roles(user)

    return predicate


@rules.predicate
def is_administrator(user: Any) -> bool:
    return bool(getattr(user, "is_superuser", False)) or Role.ADMINISTRATOR in _roles(user)


@rules.predicate
def is_self(user: Any, person: Any) -> bool:
    return person is not None and getattr(user, "pk", None) == person.pk


rules.add_perm("accounts.change_own_preferences", rules.is_authenticated)
rules.add_perm("accounts.view_person", is_self | is_administrator)
