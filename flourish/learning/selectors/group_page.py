"""What a group's own page reads about the group, in the one query that finds it."""

import datetime
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.db.models import F, OuterRef, Subquery

from flourish.accounts.models import Organisation
from flourish.learning.models import HealthCheck
from flourish.learning.selectors.groups import get_group_for_user


class Named(NamedTuple):
    """An organisation the page names: the one the group asks for help."""

    pk: int
    name: str


class CheckDone(NamedTuple):
    """When the group last did its health check: the page links to those answers."""

    pk: int
    created_at: datetime.datetime


@dataclass
class GroupPage:
    group: Organisation
    email_prompts: bool
    support_organisation: Named | None
    latest_check: CheckDone | None


def get_group_page_for_user(*, user: Any, slug: str) -> GroupPage:
    """One of the person's own groups with its choices and its latest health check, read
    together, as values: three queries were a third of the page, and the group's settings
    and helper as model instances cost nearly as much again. 404 for anyone not in it."""
    newest = HealthCheck.objects.filter(group=OuterRef("pk")).order_by("-created_at", "-id")
    groups = Organisation.objects.annotate(
        email_prompts=F("learning_settings__email_prompts"),
        helper_pk=F("learning_settings__support_organisation"),
        helper_name=F("learning_settings__support_organisation__name"),
        latest_check_pk=Subquery(newest.values("pk")[:1]),
        latest_check_at=Subquery(newest.values("created_at")[:1]),
    )
    group: Any = get_group_for_user(user=user, slug=slug, groups=groups)
    return GroupPage(
        group=group,
        # A group that has made no choices has no settings yet: emails stay off.
        email_prompts=bool(group.email_prompts),
        support_organisation=Named(group.helper_pk, group.helper_name) if group.helper_pk else None,
        latest_check=(
            CheckDone(group.latest_check_pk, group.latest_check_at)
            if group.latest_check_pk
            else None
        ),
    )
