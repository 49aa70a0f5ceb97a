"""Reads about people, their organisations and the consents they give."""

from dataclasses import dataclass
from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.mfa.models import Authenticator
from django.db.models import F, Q, QuerySet
from django.http import Http404, HttpRequest

from flourish.accounts.models import (
    ROLES_REQUIRING_MFA,
    ROLES_THAT_ACT_FOR_PEOPLE,
    Consent,
    Membership,
    Organisation,
    OrganisationKind,
    Role,
)


def roles_of(user: Any) -> set[str]:
    """Every role the person holds, in any organisation: read once a request and kept on
    the person, because the two-step check, the menu and the rules all ask."""
    if not getattr(user, "is_authenticated", False):
        return set()
    cached = getattr(user, "_flourish_roles", None)
    if cached is None:
        cached = user._flourish_roles = {role for _organisation, role in _memberships_of(user)}
    return cached


# A person's own words kept encrypted, which a list of people never shows.
PRIVATE_FIELDS = ("phone", "access_needs")


def private_fields_of(*people: str) -> list[str]:
    """The private fields of each person reached through `people` ("budget__person",
    "recorded_by"), for a list to leave unread (`.defer()`): a list shows who people
    are, and each of these would be decrypted for every row that loaded it."""
    return [f"{person}__{name}" for person in people for name in PRIVATE_FIELDS]


# What a list shows of a person: their name, or their email if they gave none (`User.__str__`).
NAME_FIELDS = ("name", "email")


def names_of(*people: str) -> list[str]:
    """The fields that name each person reached through `people`, for a list that reads
    only what it shows (`.only()`): writing the SQL for a person's every column cost a
    list more than running it."""
    return [f"{person}__{name}" for person in people for name in NAME_FIELDS]


def organisations_where(user: Any, role: str) -> set[int]:
    """The organisations in which the person holds `role`, from the same read as
    `roles_of`: a page that only needs to know whether someone is on a funder's staff
    asks no query of its own."""
    return {organisation for organisation, held in _memberships_of(user) if held == role}


def roles_in(user: Any, organisation_id: int | None) -> set[str]:
    """The roles the person holds in one organisation, from the same read as `roles_of`.
    For deciding what a page shows; a change checks the database afresh."""
    return {role for organisation, role in _memberships_of(user) if organisation == organisation_id}


def _memberships_of(user: Any) -> frozenset[tuple[int, str]]:
    if not getattr(user, "is_authenticated", False):
        return frozenset()
    cached = getattr(user, "_flourish_memberships", None)
    if cached is None:
        cached = frozenset(user.memberships.values_list("organisation_id", "role"))
        user._flourish_memberships = cached
    return cached


def user_requires_mfa(user: Any) -> bool:
    """True for anyone who can read sensitive data or use the admin: they need two-step sign-in."""
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser or user.is_staff or roles_of(user) & ROLES_REQUIRING_MFA)


def user_has_authenticator(user: Any) -> bool:
    """True once the person has turned on an authenticator app."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def user_needs_mfa_setup(user: Any) -> bool:
    """True for people who need two-step sign-in and have not yet turned on an authenticator app."""
    return user_requires_mfa(user) and not user_has_authenticator(user)


def session_completed_two_step(*, request: HttpRequest, user: Any) -> bool:
    """True if, in this browser session, the person entered a code from their
    authenticator app or a recovery code (allauth records each step of a sign-in
    in the session; having an authenticator on the account proves nothing)."""
    records = get_authentication_records(request, user)
    return any(record.get("method") == "mfa" for record in records)


def membership_list_for_user(*, user: Any) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name", "role")
    )


@dataclass(frozen=True)
class YourGroup:
    organisation: Organisation
    leads: bool
    # The group's own listing in the directory, once it has claimed one.
    listing_uuid: Any = None


def groups_of_person(*, user: Any) -> list[YourGroup]:
    """The groups the person runs or belongs to, by name, each once, in one query: what
    they most often come back to do, so the home page starts with it."""
    if not getattr(user, "is_authenticated", False):
        return []
    memberships = (
        Membership.objects.filter(
            user=user,
            role__in=(Role.GROUP_LEAD, Role.GROUP_MEMBER),
            organisation__kind=OrganisationKind.GROUP,
        )
        .select_related("organisation")
        .annotate(listing_uuid=F("organisation__listing__uuid"))
        .order_by("organisation__name", "organisation_id")
    )
    leads: dict[Organisation, bool] = {}
    listings: dict[Organisation, Any] = {}
    for membership in memberships:
        organisation = membership.organisation
        leads[organisation] = leads.get(organisation, False) or membership.role == Role.GROUP_LEAD
        listings[organisation] = membership.listing_uuid
    return [
        YourGroup(organisation, lead, listings[organisation])
        for organisation, lead in leads.items()
    ]


def active_consent_exists(*, given_by: Any, granted_to: Any, scope: str) -> bool:
    """True while `given_by` has consent in place for `granted_to` in this scope: given to
    them by name, or to an organisation where they hold a role that acts for people."""
    if given_by is None or not getattr(granted_to, "is_authenticated", False):
        return False
    through_organisation = Q(
        organisation__memberships__user=granted_to,
        organisation__memberships__role__in=ROLES_THAT_ACT_FOR_PEOPLE,
    )
    return (
        Consent.objects.filter(given_by=given_by, scope=scope, withdrawn_at__isnull=True)
        .filter(Q(granted_to=granted_to) | through_organisation)
        .exists()
    )


def consent_list_given(*, user: Any) -> QuerySet[Consent]:
    """The consents a person has given, in place ones first, newest first."""
    return (
        Consent.objects.filter(given_by=user)
        .select_related("granted_to", "organisation", "recorded_by")
        .order_by("-withdrawn_at", "-created_at")
    )


def get_consent_for_user(*, user: Any, pk: int) -> Consent:
    """A consent the person gave; anyone else is told it does not exist."""
    consent = consent_list_given(user=user).filter(pk=pk).first()
    if consent is None:
        raise Http404
    return consent
