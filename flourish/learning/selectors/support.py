"""Reading health checks and support requests: the group's own, and the support team's."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from flourish.accounts.models import Organisation
from flourish.accounts.rules import is_administrator
from flourish.learning.models import HealthCheck, SupportRequest, SupportStatus
from flourish.learning.selectors.groups import GROUP_ROLES


def _in_group(user: Any) -> Q:
    return Q(group__memberships__user=user, group__memberships__role__in=GROUP_ROLES)


def get_health_check_for_user(*, user: Any, pk: int) -> HealthCheck:
    """The group's own answers; support sees them only when the group shared them."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    allowed = _in_group(user)
    if is_administrator(user):
        allowed |= Q(shared_with_support=True)
    check = HealthCheck.objects.filter(allowed, pk=pk).select_related("group").first()
    if check is None:
        raise Http404
    return check


def latest_health_check(*, group: Organisation) -> HealthCheck | None:
    return HealthCheck.objects.filter(group=group).first()


def get_support_request_for_user(*, user: Any, pk: int) -> SupportRequest:
    """A request for its group and for the people who run support; 404 for anyone else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    found = SupportRequest.objects.select_related("group", "helper", "asked_by")
    if not is_administrator(user):
        found = found.filter(_in_group(user))
    support_request = found.filter(pk=pk).distinct().first()
    if support_request is None:
        raise Http404
    return support_request


def support_requests_open() -> QuerySet[SupportRequest]:
    """What the support team has to pick up or is working on, oldest first."""
    return (
        SupportRequest.objects.exclude(status=SupportStatus.CLOSED)
        .select_related("group", "helper")
        .order_by("status", "created_at")
    )


def support_requests_of(*, group: Organisation) -> QuerySet[SupportRequest]:
    """The group's ten newest requests."""
    return SupportRequest.objects.filter(group=group).select_related("helper")[:10]
