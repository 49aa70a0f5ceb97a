"""What a group's page shows: its waiting items, each with its guide where published."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from flourish.accounts.models import Organisation
from flourish.learning.models import GroupLearningSettings, GuideVersion, Prompt, PromptState
from flourish.learning.selectors.guides import guide_versions_for_slugs


@dataclass
class Waiting:
    prompt: Prompt
    guide: GuideVersion | None


def waiting_prompts(*, group: Organisation, language: str, limit: int = 10) -> list[Waiting]:
    """The group's newest waiting items with their guides: two queries whatever the number."""
    prompts = list(Prompt.objects.filter(group=group, state=PromptState.WAITING)[:limit])
    guides = guide_versions_for_slugs(slugs=[p.guide_slug for p in prompts], language=language)
    return [Waiting(prompt=p, guide=guides.get(p.guide_slug)) for p in prompts]


def group_emails_prompts(*, group: Organisation) -> bool:
    return GroupLearningSettings.objects.filter(group=group, email_prompts=True).exists()


def group_settings(*, group: Organisation) -> GroupLearningSettings:
    """The group's choices (unsaved defaults if it has made none), in one query."""
    found = (
        GroupLearningSettings.objects.filter(group=group)
        .select_related("support_organisation")
        .first()
    )
    return found or GroupLearningSettings(group=group)


def get_prompt_for_group(*, group: Organisation, pk: int) -> Prompt:
    return get_object_or_404(Prompt, group=group, pk=pk)
