"""Reading guides: the published ones by stage, in the reader's language where translated."""

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from flourish.core.public_cache import PUBLIC_PAGE_SECONDS, area_generation, remembered
from flourish.learning.models import Guide, GuideVersion, Stage
from flourish.learning.rules import may_write_guides

ENGLISH = "en-gb"
GUIDES_AREA = "guides"


def reading_language(language: str | None) -> str:
    """The catalogue's language code for a request's language ("en", "en-gb" → English)."""
    code = (language or ENGLISH).lower()
    return ENGLISH if code.startswith("en") else code


def _current(language: str) -> QuerySet[GuideVersion]:
    wanted = {ENGLISH, reading_language(language)}
    return GuideVersion.objects.filter(is_current=True, language__in=wanted).select_related("guide")


def _best_by_guide(versions: list[GuideVersion], language: str) -> dict[int, GuideVersion]:
    """The reader's language where a guide has it, English otherwise."""
    best: dict[int, GuideVersion] = {}
    for version in versions:
        if version.guide_id not in best or version.language == reading_language(language):
            best[version.guide_id] = version
    return best


@dataclass
class StageOfLife:
    stage: str
    label: str
    versions: list[GuideVersion]


def guides_by_stage(*, language: str) -> list[StageOfLife]:
    """Every published guide, in the order of a group's life. One query."""
    best = _best_by_guide(list(_current(language).order_by("language")), language)
    by_stage: dict[str, list[GuideVersion]] = defaultdict(list)
    for version in sorted(best.values(), key=lambda v: (v.guide.position, v.guide.slug)):
        by_stage[version.guide.stage].append(version)
    return [
        StageOfLife(stage=value, label=str(label), versions=by_stage[value])
        for value, label in Stage.choices
        if by_stage[value]
    ]


def guide_versions_for_slugs(*, slugs: list[str], language: str) -> dict[str, GuideVersion]:
    """The published version of each named guide, keyed by slug. One query."""
    versions = _current(language).filter(guide__slug__in=slugs).order_by("language")
    return {v.guide.slug: v for v in _best_by_guide(list(versions), language).values()}


@dataclass(frozen=True)
class GuideHeading:
    """What a link to a guide shows: its title and summary, in the language they are in."""

    slug: str
    language: str
    title: str
    summary: str


def guide_headings(*, language: str) -> dict[str, GuideHeading]:
    """Every published guide's heading in the reader's language (English where it is not
    translated), keyed by slug. Kept under the guides' generation (`apps.py`), which
    publishing starts again: a group's page names the guides for what it might need
    without reading them."""
    wanted = reading_language(language)

    def read() -> dict[str, GuideHeading]:
        versions = (
            _current(wanted)
            .only("language", "title", "summary", "guide_id", "guide__slug")
            .order_by("language")
        )
        return {
            version.guide.slug: GuideHeading(
                version.guide.slug, version.language, version.title, version.summary
            )
            for version in _best_by_guide(list(versions), wanted).values()
        }

    key = f"guide-headings:{area_generation(GUIDES_AREA)}:{wanted}"
    return remembered(key, read, seconds=PUBLIC_PAGE_SECONDS)


def get_published_guide(*, slug: str, language: str) -> GuideVersion:
    """A guide as readers see it; 404 until it is published."""
    found = guide_versions_for_slugs(slugs=[slug], language=language)
    if slug not in found:
        raise Http404
    return found[slug]


def get_guide_for_writer(*, user: Any, slug: str) -> Guide:
    """A guide for someone who may write guides; 404 for anyone else."""
    if not may_write_guides(user):
        raise Http404
    guide = Guide.objects.filter(slug=slug).first()
    if guide is None:
        raise Http404
    return guide


def guide_list_for_writers() -> QuerySet[Guide]:
    """Every guide with its readers' answers counted: the writers' demand log."""
    return Guide.objects.annotate(
        useful=Count("feedback", filter=Q(feedback__useful=True), distinct=True),
        not_useful=Count("feedback", filter=Q(feedback__useful=False), distinct=True),
        published_languages=Count("versions", filter=Q(versions__is_current=True), distinct=True),
    ).order_by("stage", "position", "slug")


def latest_versions(*, guide: Guide) -> dict[str, GuideVersion]:
    """The newest version in each language, draft or published."""
    latest: dict[str, GuideVersion] = {}
    for version in guide.versions.order_by("language", "-number"):
        latest.setdefault(version.language, version)
    return latest
