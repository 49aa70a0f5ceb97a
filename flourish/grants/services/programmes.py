"""Writes for programmes."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation, OrganisationKind
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import (
    EligibilityQuestion,
    Programme,
    ProgrammeCategory,
)
from flourish.grants.models.programmes import default_category_names


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
    budget_pence: int,
    identifier_prefix: str,
    min_grant_pence: int = 0,
    award_limit: int | None = None,
    opens_on: date | None = None,
    closes_on: date | None = None,
    stages: list[str] | None = None,
    categories: list[str] | None = None,
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
        budget_pence=budget_pence,
        award_limit=award_limit,
        opens_on=opens_on,
        closes_on=closes_on,
        identifier_prefix=identifier_prefix,
    )
    if stages is not None:
        programme.stages = stages
    programme.full_clean()
    programme.save()
    names = categories if categories is not None else default_category_names()
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
    position = programme.eligibility_questions.count() + 1
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
        actor=actor, action=events.PROGRAMME_CREATED, target=programme, data={"question": text}
    )
    return question
