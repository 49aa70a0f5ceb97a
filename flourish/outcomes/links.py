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


def _pool_proposal(user: Any, pk: int) -> Served:
    from flourish.budgets.models import Proposal
    from flourish.budgets.selectors import get_pool_for_user

    proposal = Proposal.objects.filter(pk=pk).first()
    if proposal is None:
        raise Http404
    place = get_pool_for_user(user=user, pk=proposal.pool_id)
    return Served(
        kind=LinkKind.POOL_PROPOSAL,
        pk=pk,
        title=_("Goals this pool proposal serves"),
        back_url=reverse("budgets:pool", args=[proposal.pool_id]),
        # A broker votes for someone, but only the person names their own goals.
        may_choose=not place.as_broker,
    )


def _mentoring_pair(user: Any, pk: int) -> Served:
    from flourish.timebank.models import MentoringPair
    from flourish.timebank.selectors.mentoring_access import get_pair_for_user

    pair = MentoringPair.objects.select_related("scheme__timebank").filter(pk=pk).first()
    if pair is None:
        raise Http404
    get_pair_for_user(scheme=pair.scheme, user=user, pk=pk)
    back = reverse("timebank:pair", args=[pair.scheme.timebank.slug, pair.scheme.slug, pk])
    return Served(
        kind=LinkKind.MENTORING_PAIR,
        pk=pk,
        title=_("Goals this mentoring serves"),
        back_url=back,
        may_choose=True,
    )


def _grant_application(user: Any, pk: int) -> Served:
    from flourish.grants import selectors

    try:
        application = selectors.get_application_for_applicant(user=user, pk=pk)
        back, may_choose = reverse("grants:application_status", args=[pk]), True
    except Http404:
        # The funder's people who may read the application see the goals named on it.
        application = selectors.get_application_for_reviewer(user=user, pk=pk)
        back, may_choose = reverse("grants:review", args=[pk]), False
    return Served(
        kind=LinkKind.GRANT_APPLICATION,
        pk=application.pk,
        title=_("Goals this grant serves"),
        back_url=back,
        may_choose=may_choose,
    )


FINDERS: dict[str, Callable[[Any, int], Served]] = {
    LinkKind.SUPPORT_PLAN: _support_plan,
    LinkKind.POOL_PROPOSAL: _pool_proposal,
    LinkKind.MENTORING_PAIR: _mentoring_pair,
    LinkKind.GRANT_APPLICATION: _grant_application,
}


def get_served_for_user(*, user: Any, kind: str, pk: int) -> Served:
    """The thing, if this person may see it; 404 for anyone else or an unknown kind."""
    if not getattr(user, "is_authenticated", False) or kind not in FINDERS:
        raise Http404
    return FINDERS[kind](user, pk)
