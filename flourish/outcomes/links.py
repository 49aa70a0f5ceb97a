"""The things elsewhere in Flourish that a person's goals can serve, and who may reach each:
a reader sees the goals named there; only the person, from their own goals, names them.

Each kind finds its thing through its own app's selector, so its rules (404 for strangers)
are the ones that already guard its page."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from flourish.outcomes.models import LinkKind


@dataclass(frozen=True)
class Served:
    """Something a goal can serve, as one person may reach it."""

    kind: str
    pk: int
    title: Any
    back_url: str
    may_choose: bool  # the person may name their own goals here


def _support_plan(user: Any, pk: int) -> Served:
    from flourish.budgets.selectors import get_budget_for_user

    access = get_budget_for_user(user=user, pk=pk)
    if not (access.is_person or access.is_council or access.broker is not None):
        raise Http404
    return Served(
        kind=LinkKind.SUPPORT_PLAN,
        pk=pk,
        title=_("The support plan’s outcomes"),
        back_url=reverse("budgets:plan", args=[pk]),
        may_choose=access.is_person,
    )


FINDERS: dict[str, Callable[[Any, int], Served]] = {
    LinkKind.SUPPORT_PLAN: _support_plan,
}


def get_served_for_user(*, user: Any, kind: str, pk: int) -> Served:
    """The thing, if this person may see it; 404 for anyone else or an unknown kind."""
    if not getattr(user, "is_authenticated", False) or kind not in FINDERS:
        raise Http404
    return FINDERS[kind](user, pk)
