"""The sweep's learning: a published guide with a draft in Welsh."""

from typing import Any

from flourish.learning.factories import published_guide
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
    things.update(guide=version.guide)
