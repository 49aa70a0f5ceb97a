"""The sweep's learning: a published guide with a draft in Welsh, an item waiting on the
group's page, its own health check (not shared) and a request for support."""

from typing import Any

from flourish.learning.factories import published_guide
from flourish.learning.models import PromptReason
from flourish.learning.health import QUESTIONS
from flourish.learning.services.prompts import prompt_offer
from flourish.learning.services.support import health_check_record, support_request_create
from flourish.learning.services.guides import guide_version_save


def add_learning(things: dict[str, Any], people: dict[str, Any], group: Any) -> None:
    version = published_guide(slug="route-guide", title="Route guide")
    guide_version_save(
        guide=version.guide,
        actor=version.guide.created_by,
        language="cy",
        title="Canllaw",
        summary="Canllaw",
        body="Geiriau",
    )
    prompt = prompt_offer(group=group, reason=PromptReason.STALE_LISTING)
    lead = people["group lead"]
    check = health_check_record(
        group=group, actor=lead, answers={q.key: "not_sure" for q in QUESTIONS}
    )
    asked = support_request_create(group=group, actor=lead, what="We have never done a budget")
    things.update(guide=version.guide, prompt=prompt, health_check=check, support_request=asked)
