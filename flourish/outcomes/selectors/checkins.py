"""Reading instruments and a person's own check-ins."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from flourish.accounts.selectors import private_fields_of
from flourish.outcomes.instruments import band_of, item_text, scored_keys
from flourish.outcomes.models import CheckIn, CheckInScore, Instrument, SeriesShare


def instrument_list() -> QuerySet[Instrument]:
    return Instrument.objects.order_by("name")


def get_instrument(*, slug: str) -> Instrument:
    instrument = Instrument.objects.filter(slug=slug).first()
    if instrument is None:
        raise Http404
    return instrument


@dataclass(frozen=True)
class ScoreRow:
    checkin: CheckIn
    values: list[tuple[float, str]]  # (score, band) per scored key


@dataclass(frozen=True)
class History:
    instrument: Instrument
    headings: list[str]
    keys: list[str]
    rows: list[ScoreRow]


def checkin_history(
    *, person: Any, limit: int = 50, instrument: Instrument | None = None
) -> list[History]:
    """The person's check-ins (on one measure, if named), newest first, grouped by
    instrument, each score with its band."""
    found = CheckIn.objects.filter(person=person)
    if instrument is not None:
        found = found.filter(instrument=instrument)
    checkins = list(
        found.select_related("instrument", "recorded_by")
        .prefetch_related(Prefetch("scores", queryset=CheckInScore.objects.order_by("id")))
        .order_by("-taken_at", "-id")[:limit]
    )
    grouped: dict[int, list[CheckIn]] = {}
    for checkin in checkins:
        grouped.setdefault(checkin.instrument_id, []).append(checkin)
    histories = []
    for group in grouped.values():
        instrument = group[0].instrument
        definition = instrument.definition
        keys = scored_keys(definition)
        rows = []
        for checkin in group:
            by_key = {score.key: score.value for score in checkin.scores.all()}
            values = [
                (by_key.get(key, 0.0), band_of(definition, key, by_key.get(key, 0.0)))
                for key in keys
            ]
            rows.append(ScoreRow(checkin=checkin, values=values))
        headings = [
            item_text(definition, key)
            if definition["scoring"]["method"] == "each"
            else instrument.name
            for key in keys
        ]
        histories.append(History(instrument=instrument, headings=headings, keys=keys, rows=rows))
    return histories


def series_shares_of(*, person: Any) -> dict[int, list[SeriesShare]]:
    """Everyone the person ever shared each series with (withdrawn too), by instrument."""
    shares: dict[int, list[SeriesShare]] = {}
    found = SeriesShare.objects.filter(person=person).select_related("viewer")
    for share in found.order_by("-created_at", "-id"):
        shares.setdefault(share.instrument_id, []).append(share)
    return shares


def series_shared_with(*, user: Any) -> QuerySet[SeriesShare]:
    """Check-in series other people have shared with this person, still open."""
    return (
        SeriesShare.objects.filter(viewer=user, withdrawn_at__isnull=True)
        .select_related("person", "instrument")
        .defer(*private_fields_of("person"))
        .order_by("-created_at", "-id")
    )


def get_shared_series_for_user(*, user: Any, pk: int) -> SeriesShare:
    """A series shared with this person and not withdrawn; 404 for anyone else."""
    share = series_shared_with(user=user).filter(pk=pk).first()
    if share is None:
        raise Http404
    return share


def get_own_share(*, person: Any, instrument: Instrument, pk: int) -> SeriesShare:
    share = SeriesShare.objects.filter(person=person, instrument=instrument, pk=pk).first()
    if share is None:
        raise Http404
    return share
