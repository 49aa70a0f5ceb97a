"""Factories for guides, prompts, support and circles, used by tests and the demo data."""

from typing import Any

import factory
from django.utils.text import slugify

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.learning.models import (
    Circle,
    CircleKind,
    CircleMember,
    Guide,
    GuideVersion,
    Stage,
)
from flourish.learning.services.guides import guide_publish, guide_version_save


def writer_make(**fields: Any) -> Any:
    """An administrator of the site: the people who write guides."""
    person = UserFactory(**fields)
    operators = OrganisationFactory(
        slug="flourish-operators", name="Flourish Operators", kind=OrganisationKind.OPERATOR
    )
    MembershipFactory(user=person, organisation=operators, role=Role.ADMINISTRATOR)
    return person


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"guide-{n}")
    stage = Stage.STARTING_OUT
    created_by = factory.LazyFunction(lambda: writer_make(email="guide.writer@example.org"))


def published_guide(
    *,
    slug: str,
    title: str,
    body: str = "Start with one small step.",
    summary: str = "",
    stage: str = Stage.STARTING_OUT,
    language: str = "en-gb",
    position: int = 0,
) -> GuideVersion:
    """A guide with one published version in one language."""
    guide = GuideFactory(slug=slug, stage=stage, position=position)
    version = guide_version_save(
        guide=guide,
        actor=guide.created_by,
        language=language,
        title=title,
        summary=summary or title,
        body=body,
    )
    return guide_publish(version=version, actor=guide.created_by)


class CircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Circle
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Circle {n}")
    slug = factory.LazyAttribute(lambda circle: slugify(circle.name))
    kind = CircleKind.THEME
    about = "Leaders of peer groups talking about running them."
    code_of_conduct = "Be kind. Keep what people share here in the circle. No selling."
    open_to_join = True


def circle_member_make(circle: Circle, user: Any = None, *, moderator: bool = False) -> Any:
    """A group lead in the circle (a moderator if asked)."""
    person: Any = user or UserFactory()
    if not person.memberships.filter(role=Role.GROUP_LEAD).exists():
        MembershipFactory(user=person, organisation=OrganisationFactory(), role=Role.GROUP_LEAD)
    CircleMember.objects.update_or_create(
        circle=circle, user=person, defaults={"is_moderator": moderator}
    )
    return person
