"""Writing, publishing and answering guides."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.learning import events
from flourish.learning.models import Guide, GuideFeedback, GuideVersion
from flourish.learning.rendering import markdown_problems, markdown_to_html
from flourish.learning.rules import may_write_guides


def _refuse_unless_writer(actor: Any) -> None:
    if not may_write_guides(actor):
        raise ValidationError(_("Only the people who run this site can write guides."))


@transaction.atomic
def guide_create(*, actor: Any, slug: str, stage: str, position: int = 0) -> Guide:
    """A new guide starts empty; its words are written as versions."""
    _refuse_unless_writer(actor)
    if Guide.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A guide already has this web address. Choose another.")})
    guide = Guide(slug=slug, stage=stage, position=position, created_by=actor)
    guide.full_clean()
    guide.save()
    audit_record(actor=actor, action=events.GUIDE_CREATED, target=guide)
    return guide


@transaction.atomic
def guide_version_save(
    *, guide: Guide, actor: Any, language: str, title: str, summary: str, body: str
) -> GuideVersion:
    """Saving makes a new draft version; nothing a reader sees changes until it is published.
    Markdown that would not come out as meant (HTML tags, a broken link) is refused."""
    _refuse_unless_writer(actor)
    problems = markdown_problems(body)
    if problems:
        raise ValidationError({"body": problems})
    Guide.objects.select_for_update().get(pk=guide.pk)  # numbers versions one at a time
    last = guide.versions.filter(language=language).aggregate(last=Max("number"))["last"]
    version = GuideVersion(
        guide=guide,
        language=language,
        number=(last or 0) + 1,
        title=title.strip(),
        summary=summary.strip(),
        body=body.strip(),
        html=markdown_to_html(body),
        written_by=actor,
    )
    version.full_clean()
    version.save()
    audit_record(
        actor=actor,
        action=events.GUIDE_VERSION_SAVED,
        target=guide,
        data={"language": language, "number": version.number},
    )
    return version


@transaction.atomic
def guide_publish(*, version: GuideVersion, actor: Any) -> GuideVersion:
    """Publishing a version makes it the one readers see in its language; older ones stay."""
    _refuse_unless_writer(actor)
    GuideVersion.objects.filter(
        guide_id=version.guide_id, language=version.language, is_current=True
    ).update(is_current=False)
    version.published_at = version.published_at or timezone.now()
    version.is_current = True
    version.full_clean()
    version.save(update_fields=["published_at", "is_current", "updated_at"])
    audit_record(
        actor=actor,
        action=events.GUIDE_PUBLISHED,
        target=version.guide,
        data={"language": version.language, "number": version.number},
    )
    return version


@transaction.atomic
def guide_feedback_give(
    *, version: GuideVersion, actor: Any, useful: bool, comment: str = ""
) -> GuideFeedback:
    """Anyone may say whether a guide helped; it goes to the writers, not to a score."""
    feedback = GuideFeedback(
        guide_id=version.guide_id,
        version=version,
        useful=useful,
        comment=comment.strip(),
        person=actor if getattr(actor, "is_authenticated", False) else None,
    )
    feedback.full_clean()
    feedback.save()
    audit_record(
        actor=actor,
        action=events.GUIDE_FEEDBACK_GIVEN,
        target=version.guide,
        data={"useful": useful},
    )
    return feedback
