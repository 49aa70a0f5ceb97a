"""Reads about people and their organisations."""

from typing import Any

from allauth.mfa.models import Authenticator
from django.db.models import QuerySet

from flourish.accounts.models import ROLES_REQUIRING_MFA, Membership


def user_needs_mfa_setup(user: Any) -> bool:
    """True for funder staff and administrators who have not yet turned on an authenticator app."""
    if not getattr(user, "is_authenticated", False):
        return False
    needs = (
        user.is_superuser
        or Membership.objects.filter(user=user, role__in=ROLES_REQUIRING_MFA).exists()
    )
    if not needs:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def membership_list_for_user(*, user: Any) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("organisation")
