"""Who may do what with people and organisations. Other apps reuse these predicates."""

from typing import Any

import rules

from flourish.accounts.models import ConsentScope, Role
from flourish.accounts.selectors import active_consent_exists
from flourish.accounts.selectors import roles_of as _roles


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


def acts_for_with_consent_to(scope: str) -> rules.Predicate:
    """A predicate for (user, person): the person has consent in place for the user in `scope`."""

    @rules.predicate(name=f"acts_for_with_consent:{scope}")
    def predicate(user: Any, person: Any) -> bool:
        return person is not None and active_consent_exists(
            given_by=person, granted_to=user, scope=scope
        )

    return predicate


# The usual question other apps ask: "may this broker or supporter act for
# this person?" Use `acts_for_with_consent_to(scope)` for the other scopes.
acts_for_with_consent = acts_for_with_consent_to(ConsentScope.ACT_FOR_ME)


@rules.predicate
def gave_consent(user: Any, consent: Any) -> bool:
    return consent is not None and getattr(user, "pk", None) == consent.given_by_id


rules.add_perm("accounts.change_own_preferences", rules.is_authenticated)
rules.add_perm("accounts.change_preferences", is_self | acts_for_with_consent)
rules.add_perm("accounts.view_person", is_self | is_administrator | acts_for_with_consent)
rules.add_perm("accounts.act_for_person", is_self | acts_for_with_consent)
rules.add_perm(
    "accounts.record_consent_for_others",
    is_administrator
    | has_role(Role.FUNDER_STAFF)
    | has_role(Role.ASSOCIATE)
    | has_role(Role.BROKER)
    | has_role(Role.GROUP_LEAD)
    | has_role(Role.TIMEBANK_COORDINATOR),
)
rules.add_perm("accounts.withdraw_consent", gave_consent | is_administrator)
