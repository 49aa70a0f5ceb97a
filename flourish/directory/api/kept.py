"""Open Referral summaries kept for everyone, by id, until the directory changes.

A page of fifty services at locations spent more than half its time reading the fifty
rows again and writing them as JSON, the same rows for every finder that asks near the
same postcode. Each summary is the same for everyone, so it is kept in the "fragments"
cache under its id and the directory's generation (`public_cache.area_generation`),
which every change to a group, offer or place made through Flourish starts again. A
change made around the ORM shows within `EVERYONE_SECONDS`, as a search's results do.
A page reads the summaries it needs together and builds only those not kept.

The key also carries a digest of the code that writes a summary, so a deploy that
changes a summary's shape is never answered with the old shape.
"""

import hashlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.cache import caches

from flourish.core.fragments import EVERYONE_SECONDS
from flourish.core.public_cache import area_generation
from flourish.directory.api import serializers, summaries

Summary = dict[str, Any]


@lru_cache(maxsize=1)
def _shape() -> str:
    digest = hashlib.sha256()
    for module in (serializers, summaries):
        digest.update(Path(module.__file__ or "").read_bytes())
    return digest.hexdigest()[:16]


def _kept(
    kind: str, ids: list[int], build: Callable[[list[int]], dict[int, Summary]]
) -> list[Summary]:
    """The summaries of `ids`, in order: kept ones read together, the rest built and kept.
    An id whose row has gone since it was ranked is left out."""
    prefix = f"openreferral-{kind}:{area_generation('directory')}:{_shape()}:"
    keys = {pk: f"{prefix}{pk}" for pk in ids}
    store = caches["fragments"]
    found = store.get_many(list(keys.values()))
    missing = [pk for pk in ids if keys[pk] not in found]
    if missing:
        built = {keys[pk]: summary for pk, summary in build(missing).items()}
        store.set_many(built, EVERYONE_SECONDS)
        found.update(built)
    return [found[keys[pk]] for pk in ids if keys[pk] in found]


def services(ids: list[int]) -> list[Summary]:
    """The services with these offer ids, as /services lists them."""

    def build(missing: list[int]) -> dict[int, Summary]:
        rows = summaries.service_summaries(missing)
        return {pk: serializers.service_summary(offer) for pk, offer in rows.items()}

    return _kept("service", ids, build)


def services_at_locations(ids: list[int]) -> list[Summary]:
    """The services at locations with these link ids, as /service_at_locations lists them."""

    def build(missing: list[int]) -> dict[int, Summary]:
        rows = summaries.link_summaries(missing)
        return {pk: serializers.service_at_location_summary(link) for pk, link in rows.items()}

    return _kept("service-at-location", ids, build)
