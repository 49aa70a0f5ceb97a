"""Writes for programmes."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from flourish.accounts.models import Organisation, OrganisationKind
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import (
    EligibilityQuestion,
    Programme,
    ProgrammeCategory,
    ProgrammeKind,
    SpendLine,
)
from flourish.grants.models.programmes import default_category_names

CORE_CATEGORY = gettext_noop("Running the group (unrestricted)")


def default_categories(*, kind: str) -> list[str]:
    """Core funding is unrestricted, so it has one kind of spending; project grants start
    from the NSUN fund's eight, which staff then change to their own."""
    if kind == ProgrammeKind.CORE:
        # Stored in English, like the defaults, so each reader sees it in their language.
        return [CORE_CATEGORY]
    return default_category_names()


@transaction.atomic
def programme_create(
    *,
    funder: Organisation,
    actor: Any,
    title: str,
    slug: str,
    description: str,
    who_can_apply: str,
    max_grant_pence: int,
    identifier_prefix: str,
    min_grant_pence: int = 0,
    award_limit: int | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    stages: list[str] | None = None,
    categories: list[str] | None = None,
    kind: str = ProgrammeKind.PROJECT,
    contact_phone: str = "",
    contact_hours: str = "",
    is_published: bool = True,
) -> Programme:
    """A funder opens a programme; by default it pays for the NSUN fund's eight kinds of thing."""
    if funder.kind != OrganisationKind.FUNDER:
        raise ValidationError(_("Only a funder can run a programme."))
    programme = Programme(
        funder=funder,
        title=title,
        slug=slug,
        description=description,
        who_can_apply=who_can_apply,
        min_grant_pence=min_grant_pence,
        max_grant_pence=max_grant_pence,
        award_limit=award_limit,
        opens_on=opens_on,
        closes_on=closes_on,
        identifier_prefix=identifier_prefix,
        kind=kind,
        contact_phone=contact_phone,
        contact_hours=contact_hours,
        is_published=is_published,
    )
    if stages is not None:
        programme.stages = stages
    programme.full_clean()
    programme.save()
    names = categories if categories is not None else default_categories(kind=kind)
    ProgrammeCategory.objects.bulk_create(
        ProgrammeCategory(programme=programme, name=name, position=position)
        for position, name in enumerate(names, start=1)
    )
    audit_record(actor=actor, action=events.PROGRAMME_CREATED, target=programme)
    return programme


@transaction.atomic
def eligibility_question_add(
    *,
    programme: Programme,
    actor: Any,
    text: str,
    reason: str,
    signpost: str = "",
    ruled_out_by_yes: bool = False,
) -> EligibilityQuestion:
    """A programme asks yes/no questions before someone applies; a ruling-out answer says why."""
    last = programme.eligibility_questions.order_by("-position").values_list("position", flat=True)
    position = (last.first() or 0) + 1
    question = EligibilityQuestion(
        programme=programme,
        position=position,
        text=text,
        reason=reason,
        signpost=signpost,
        ruled_out_by_yes=ruled_out_by_yes,
    )
    question.full_clean()
    question.save()
    audit_record(
        actor=actor, action=events.PROGRAMME_UPDATED, target=programme, data={"question": text}
    )
    return question


# What staff may change on the set-up pages; everything else is fixed once created.
EDITABLE_FIELDS = frozenset(
    {
        "kind",
        "title",
        "description",
        "who_can_apply",
        "min_grant_pence",
        "max_grant_pence",
        "award_limit",
        "report_due_days",
        "opens_on",
        "closes_on",
        "stages",
        "contact_phone",
        "contact_hours",
        "is_published",
    }
)


@transaction.atomic
def programme_update(*, programme: Programme, actor: Any, **changes: Any) -> Programme:
    """Staff change a programme's set-up through its pages; the model's rules still hold."""
    unknown = set(changes) - EDITABLE_FIELDS
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    for name, value in changes.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    audit_record(
        actor=actor,
        action=events.PROGRAMME_UPDATED,
        target=programme,
        data={"changed": sorted(changes)},
    )
    return programme


@transaction.atomic
def programme_open(*, programme: Programme, actor: Any) -> Programme:
    """A programme is shown to applicants only once it has what an application needs."""
    if not programme.categories.exists():
        raise ValidationError(_("Add at least one thing the money can pay for before opening."))
    if not programme.contact_phone:
        # Every programme's page says it can be applied for by phone (DESIGN.md).
        raise ValidationError(
            _("Add a phone number people can ring to apply by phone before opening.")
        )
    return programme_update(programme=programme, actor=actor, is_published=True)


@transaction.atomic
def category_add(*, programme: Programme, actor: Any, name: str) -> ProgrammeCategory:
    """A programme names its own kinds of spending; each name once."""
    name = name.strip()
    if programme.categories.filter(name__iexact=name).exists():
        raise ValidationError({"name": _("“%(name)s” is already on the list.") % {"name": name}})
    last = programme.categories.order_by("-position").values_list("position", flat=True).first()
    category = ProgrammeCategory(programme=programme, name=name, position=(last or 0) + 1)
    category.full_clean()
    category.save()
    audit_record(
        actor=actor, action=events.PROGRAMME_UPDATED, target=programme, data={"category": name}
    )
    return category


@transaction.atomic
def category_remove(*, category: ProgrammeCategory, actor: Any) -> None:
    """A kind of spending an application already uses stays, so no application loses a line."""
    if SpendLine.objects.filter(category=category).exists():
        raise ValidationError(
            _("Applications already use “%(name)s”, so it stays on the list.")
            % {"name": category.name}
        )
    programme = category.programme
    category.delete()
    audit_record(
        actor=actor,
        action=events.PROGRAMME_UPDATED,
        target=programme,
        data={"category_removed": category.name},
    )


@transaction.atomic
def eligibility_question_remove(*, question: EligibilityQuestion, actor: Any) -> None:
    """Removing a question closes the gap, so the questions stay numbered 1, 2, 3."""
    programme = question.programme
    question.delete()
    # Renumber through a high offset first: the unique (programme, position) index would
    # otherwise refuse a question taking the place of one not yet moved.
    remaining = list(programme.eligibility_questions.order_by("position", "id"))
    for offset, item in enumerate(remaining, start=1000):
        EligibilityQuestion.objects.filter(pk=item.pk).update(position=offset)
    for position, item in enumerate(remaining, start=1):
        EligibilityQuestion.objects.filter(pk=item.pk).update(position=position)
    audit_record(
        actor=actor,
        action=events.PROGRAMME_UPDATED,
        target=programme,
        data={"question_removed": question.text},
    )


@transaction.atomic
def business_plan_question_add(*, programme: Programme, actor: Any, text: str) -> Programme:
    """A larger tier asks for a short business plan: its questions, in order."""
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Enter the question.")})
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    programme.business_plan_questions = [*programme.business_plan_questions, text]
    programme.save(update_fields=["business_plan_questions", "updated_at"])
    audit_record(
        actor=actor, action=events.PROGRAMME_UPDATED, target=programme, data={"plan_question": text}
    )
    return programme


@transaction.atomic
def business_plan_question_remove(*, programme: Programme, actor: Any, number: int) -> Programme:
    """Questions are numbered from 1 on the page."""
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    questions = list(programme.business_plan_questions)
    if not 1 <= number <= len(questions):
        raise ValidationError(_("That question has already been removed."))
    removed = questions.pop(number - 1)
    programme.business_plan_questions = questions
    programme.save(update_fields=["business_plan_questions", "updated_at"])
    audit_record(
        actor=actor,
        action=events.PROGRAMME_UPDATED,
        target=programme,
        data={"plan_question_removed": removed},
    )
    return programme


@transaction.atomic
def programme_tier_add(*, programme: Programme, actor: Any, title: str, slug: str) -> Programme:
    """Another tier of a scheme (Leeds: Kick-Start, then Investment) starts as a copy of this
    programme's set-up, unpublished and with an empty budget, for staff to change."""
    tier = programme_create(
        funder=programme.funder,
        actor=actor,
        title=title,
        slug=slug,
        description=programme.description,
        who_can_apply=programme.who_can_apply,
        max_grant_pence=programme.max_grant_pence,
        min_grant_pence=programme.min_grant_pence,
        identifier_prefix=programme.identifier_prefix,
        opens_on=programme.opens_on,
        closes_on=programme.closes_on,
        stages=list(programme.stages),
        categories=list(programme.categories.values_list("name", flat=True)),
        kind=programme.kind,
        contact_phone=programme.contact_phone,
        contact_hours=programme.contact_hours,
        is_published=False,
    )
    EligibilityQuestion.objects.bulk_create(
        EligibilityQuestion(
            programme=tier,
            position=question.position,
            text=question.text,
            ruled_out_by_yes=question.ruled_out_by_yes,
            reason=question.reason,
            signpost=question.signpost,
        )
        for question in programme.eligibility_questions.all()
    )
    return tier
