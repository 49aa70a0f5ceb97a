"""Reading health checks and support requests: the group's own, and the support team's."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from flourish.accounts.models import Organisation, OrganisationKind
from flourish.accounts.rules import is_administrator
from flourish.core.public_cache import PUBLIC_PAGE_SECONDS, area_generation, remembered
from flourish.learning.models import (
    GroupLearningSettings,
    HealthCheck,
    HealthCheckShare,
    SupportRequest,
    SupportStatus,
)
from flourish.learning.rules import organisations_helped_for, organisations_reading_for
from flourish.learning.selectors.groups import GROUP_ROLES

HELPING_KINDS = (OrganisationKind.SUPPORT_ORGANISATION, OrganisationKind.FUNDER)
# Kept lists of organisations start again whenever one is saved or deleted (`apps.py`).
ORGANISATIONS_AREA = "organisations"


def _in_group(user: Any) -> Q:
    return Q(group__memberships__user=user, group__memberships__role__in=GROUP_ROLES)


def in_group(*, user: Any, group: Organisation) -> bool:
    return group.memberships.filter(user=user, role__in=GROUP_ROLES).exists()


def get_health_check_for_user(*, user: Any, pk: int) -> HealthCheck:
    """The group's own answers; the people who run support see them when the group shared
    them with support, and a funder or support organisation when shared with it."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    allowed = _in_group(user) | Q(shares__organisation_id__in=organisations_reading_for(user))
    if is_administrator(user):
        allowed |= Q(shared_with_support=True)
    check = HealthCheck.objects.filter(allowed, pk=pk).select_related("group").first()
    if check is None:
        raise Http404
    return check


def health_check_shares(*, check: HealthCheck) -> QuerySet[HealthCheckShare]:
    return check.shares.select_related("organisation").order_by("organisation__name")


def share_choices(*, group: Organisation) -> QuerySet[Organisation]:
    """Who a group may show its health check to: the support organisation it named, and
    funders it has applied to."""
    named = GroupLearningSettings.objects.filter(group=group).values("support_organisation")
    return (
        Organisation.objects.filter(
            Q(pk__in=named, kind__in=HELPING_KINDS)
            | Q(kind=OrganisationKind.FUNDER, programmes__applications__group=group)
        )
        .distinct()
        .order_by("name")
    )


def shared_health_checks(*, user: Any) -> QuerySet[HealthCheckShare]:
    """Health checks groups chose to show to the person's organisations, newest first. In
    the order they were shared: never by any answer, so nothing ranks the groups."""
    return (
        HealthCheckShare.objects.filter(organisation_id__in=organisations_reading_for(user))
        .select_related("health_check__group", "organisation")
        .order_by("-created_at", "-id")[:200]
    )


def support_organisation_choices() -> QuerySet[Organisation]:
    """The organisations a group can ask for help from: support organisations and funders
    (whose associates give support)."""
    return Organisation.objects.filter(kind__in=HELPING_KINDS).order_by("name")


def support_organisation_names() -> list[tuple[int, str]]:
    """The organisations a group can ask for help from, as (id, name), kept."""
    key = f"support-organisation-names:{area_generation(ORGANISATIONS_AREA)}"
    return remembered(
        key,
        lambda: list(support_organisation_choices().values_list("pk", "name")),
        seconds=PUBLIC_PAGE_SECONDS,
    )


def get_support_request_for_user(*, user: Any, pk: int) -> SupportRequest:
    """A request for its group, for the administrators and for the organisation the group
    asked; 404 for anyone else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = SupportRequest.objects.select_related(
        "group", "helper", "asked_by", "support_organisation"
    )
    if not is_administrator(user):
        found = found.filter(
            _in_group(user) | Q(support_organisation_id__in=organisations_helped_for(user))
        )
    support_request = found.filter(pk=pk).distinct().first()
    if support_request is None:
        raise Http404
    return support_request


def support_requests_open(*, user: Any) -> QuerySet[SupportRequest]:
    """What the person has to pick up or is working on, oldest first: every request for an
    administrator, only those sent to their organisation for anyone else."""
    found = SupportRequest.objects.exclude(status=SupportStatus.CLOSED)
    if not is_administrator(user):
        found = found.filter(support_organisation_id__in=organisations_helped_for(user))
    return found.select_related("group", "helper", "support_organisation").order_by(
        "status", "created_at", "pk"
    )


def support_requests_of(*, group: Organisation) -> QuerySet[SupportRequest]:
    """The group's ten newest requests."""
    return SupportRequest.objects.filter(group=group).select_related("helper")[:10]
