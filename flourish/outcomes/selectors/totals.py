"""Totals for a programme or a group, from the people who agreed to be counted, in a fixed
number of queries whatever the number of people. See disclosure.py for why they cannot be
taken apart."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from flourish.accounts.models import Organisation, OrganisationKind, Role
from flourish.outcomes import disclosure
from flourish.outcomes.models import (
    CheckInScore,
    GoalStatus,
    RecordKey,
    Review,
    TotalsConsent,
)
from flourish.outcomes.scoring import BAND_LABELS, T_SCORE_BANDS, t_score, t_score_band

ONS4_KEYS = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
# Two-sided 95% points of Student's t for small samples; 1.96 beyond.
_T95 = {
    4: 2.776,
    5: 2.571,
    6: 2.447,
    7: 2.365,
    8: 2.306,
    9: 2.262,
    10: 2.228,
    12: 2.179,
    15: 2.131,
    20: 2.086,
    25: 2.060,
    30: 2.042,
    60: 2.000,
}


def _t95(degrees: int) -> float:
    for limit in sorted(_T95):
        if degrees <= limit:
            return _T95[limit]
    return 1.96


@dataclass(frozen=True)
class MeanChange:
    key: str
    people: disclosure.Cell
    mean: float | None
    low: float | None
    high: float | None


@dataclass
class Totals:
    """What a funder or group may see: every figure already adjusted or hidden."""

    people: disclosure.Cell
    with_goals: disclosure.Cell
    at_or_above: disclosure.Cell
    share_at_or_above: int | None
    t_scores: list[disclosure.Cell] = field(default_factory=list)
    changes: list[MeanChange] = field(default_factory=list)

    @property
    def t_score_rows(self) -> list[tuple[Any, disclosure.Cell]]:
        return [(BAND_LABELS.get(cell.name, cell.name), cell) for cell in self.t_scores]

    @property
    def too_few(self) -> bool:
        return self.people.hidden


def consenting(*, programme: Any = None, group: Any = None) -> QuerySet[TotalsConsent]:
    """The open consents that make up one fixed population."""
    if (programme is None) == (group is None):
        raise ValueError("A population is one programme or one group.")
    found = Q(programme=programme) if programme is not None else Q(group=group)
    return TotalsConsent.objects.filter(found, withdrawn_at__isnull=True)


def _t_scores(people: QuerySet[Any]) -> dict[int, float]:
    """Each person's T-score over their counted goals at their latest reviews (one query)."""
    rows = (
        Review.objects.filter(
            version__goal__owner__in=people,
            version__goal__in_totals=True,
        )
        .exclude(version__goal__status=GoalStatus.REPLACED)
        .order_by("version__goal_id", "reviewed_on", "id")
        .values_list("version__goal__owner_id", "version__goal_id", "version__weight", "level")
    )
    latest: dict[int, tuple[int, int, int]] = {}
    for owner, goal, weight, level in rows.iterator(chunk_size=5000):
        latest[goal] = (owner, level, weight)
    by_person: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for owner, level, weight in latest.values():
        by_person[owner].append((level, weight))
    return {
        owner: score for owner, pairs in by_person.items() if (score := t_score(pairs)) is not None
    }


def _ons4_changes(people: QuerySet[Any]) -> dict[str, list[float]]:
    """Latest minus first ONS4 score, per question, for people with two or more (one query)."""
    rows = (
        CheckInScore.objects.filter(
            checkin__person__in=people,
            checkin__in_totals=True,
            checkin__instrument__slug="ons4",
            key__in=ONS4_KEYS,
        )
        .order_by("checkin__person_id", "checkin__taken_at", "checkin_id")
        .values_list("checkin__person_id", "key", "value")
    )
    first: dict[tuple[int, str], float] = {}
    last: dict[tuple[int, str], float] = {}
    seen: dict[tuple[int, str], int] = defaultdict(int)
    for person, key, value in rows.iterator(chunk_size=5000):
        first.setdefault((person, key), value)
        last[(person, key)] = value
        seen[(person, key)] += 1
    changes: dict[str, list[float]] = {key: [] for key in ONS4_KEYS}
    for (person, key), count in seen.items():
        if count >= 2:
            changes[key].append(last[(person, key)] - first[(person, key)])
    return changes


def _mean_change(population: int, key: str, values: list[float]) -> MeanChange:
    people = disclosure.count_cell(population, f"ons4:{key}:people", len(values))
    mean = disclosure.mean_of(population, f"ons4:{key}:mean", values)
    if people.hidden or mean is None:
        return MeanChange(key, people, None, None, None)
    average = sum(values) / len(values)
    spread = math.sqrt(sum((v - average) ** 2 for v in values) / (len(values) - 1))
    margin = _t95(len(values) - 1) * spread / math.sqrt(len(values))
    return MeanChange(key, people, mean, round(mean - margin, 1), round(mean + margin, 1))


def totals_for(*, programme: Any = None, group: Any = None) -> Totals:
    """The totals of one fixed population, in four queries whatever its size."""
    consents = consenting(programme=programme, group=group)
    people = consents.values("person_id")
    population = disclosure.population_key(
        RecordKey.objects.filter(person__in=people).values_list("key", flat=True).iterator()
    )
    count = consents.values("person_id").distinct().count()
    scores = _t_scores(people)
    at_or_above = sum(1 for score in scores.values() if score >= 50)
    bands: dict[str, int] = dict.fromkeys(T_SCORE_BANDS, 0)
    for score in scores.values():
        bands[t_score_band(score)] += 1
    with_goals = disclosure.count_cell(population, "with_goals", len(scores))
    above = disclosure.count_cell(population, "at_or_above", at_or_above)
    share = None
    if with_goals.value and above.value is not None:
        share = min(100, round(100 * above.value / with_goals.value))
    return Totals(
        people=disclosure.count_cell(population, "people", count),
        with_goals=with_goals,
        at_or_above=above,
        share_at_or_above=share,
        t_scores=disclosure.distribution(population, "t", bands),
        changes=[_mean_change(population, key, v) for key, v in _ons4_changes(people).items()],
    )


def get_group_for_totals(*, user: Any, slug: str) -> Organisation:
    """A group whose totals this person may see: they lead it, or they are staff of a funder
    that has given it an award. 404 for anyone else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    leads = Q(memberships__user=user, memberships__role=Role.GROUP_LEAD)
    funded = Q(
        grant_applications__award__programme__funder__memberships__user=user,
        grant_applications__award__programme__funder__memberships__role=Role.FUNDER_STAFF,
    )
    group = (
        Organisation.objects.filter(leads | funded, slug=slug, kind=OrganisationKind.GROUP)
        .distinct()
        .first()
    )
    if group is None:
        raise Http404
    return group


def totals_choices_for(*, person: Any) -> tuple[list[Any], list[Any]]:
    """The groups a person belongs to, and the programmes that funded those groups: the only
    totals they can be counted in."""
    from flourish.grants.models import Programme

    groups = list(
        Organisation.objects.filter(
            kind=OrganisationKind.GROUP,
            memberships__user=person,
            memberships__role__in=(Role.GROUP_LEAD, Role.GROUP_MEMBER),
        )
        .distinct()
        .order_by("name")
    )
    programmes = list(
        Programme.objects.filter(awards__application__group__in=groups)
        .select_related("funder")
        .distinct()
        .order_by("title")
    )
    return groups, programmes


def open_consents_of(*, person: Any) -> list[TotalsConsent]:
    return list(TotalsConsent.objects.filter(person=person, withdrawn_at__isnull=True))
