"""Template helpers for the sign-in pages."""

from typing import Any

from django import template

from flourish.accounts.selectors import user_requires_mfa

register = template.Library()


@register.simple_tag
def requires_mfa(user: Any) -> bool:
    """{% requires_mfa user as mfa_required %}: the person's role needs two-step sign-in."""
    return user_requires_mfa(user)
