"""What a group's page shows: its waiting items, each with its guide where published."""

from dataclasses import dataclass

from django.shortcuts import get_object_or_404

from flourish.accounts.models import Organisation
from flourish.learning.models import Prompt, PromptState
from flourish.learning.selectors.guides import GuideHeading, guide_headings


@dataclass
class Waiting:
    prompt: Prompt
    guide: GuideHeading | None


def waiting_prompts(*, group: Organisation, language: str, limit: int = 10) -> list[Waiting]:
    """The group's newest waiting items with their guides: one query whatever the number
    (the guides' headings are kept)."""
    prompts = list(Prompt.objects.filter(group=group, state=PromptState.WAITING)[:limit])
    guides = guide_headings(language=language) if prompts else {}
    return [Waiting(prompt=p, guide=guides.get(p.guide_slug)) for p in prompts]


def get_prompt_for_group(*, group: Organisation, pk: int) -> Prompt:
    return get_object_or_404(Prompt, group=group, pk=pk)
