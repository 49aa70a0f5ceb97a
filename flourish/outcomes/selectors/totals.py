"""Totals for a programme or a group, from the people who agreed to be counted, in a fixed
number of queries whatever the number of people. See disclosure.py for why they cannot be
taken apart."""

import math
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import caches
from django.db.models import Count, F, FloatField, Q, QuerySet, Sum
from django.http import Http404

from flourish.accounts.models import Organisation, OrganisationKind, Role
from flourish.core.public_cache import PUBLIC_PAGE_SECONDS, area_generation, remembered
from flourish.outcomes import disclosure
from flourish.outcomes.models import POPULATIONS, PersonSummary, TotalsConsent
from flourish.outcomes.scoring import BAND_LABELS, T_SCORE_BANDS

ONS4_KEYS = ("life_satisfaction", "worthwhile", "happiness", "anxiety")
# The generation every population's kept totals are read under.
TOTALS_AREA = "outcomes-totals"
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


def consenting(**population: Any) -> QuerySet[TotalsConsent]:
    """The open consents that make up one fixed population: one programme, group, council,
    timebank or mentoring scheme, never a filter drawn round a few people."""
    chosen = {field: value for field, value in population.items() if value is not None}
    if len(chosen) != 1 or not set(chosen) <= set(POPULATIONS):
        raise ValueError("A population is one programme, group, council, timebank or scheme.")
    return TotalsConsent.objects.filter(**chosen, withdrawn_at__isnull=True)


def _band_filters() -> dict[str, Q]:
    return {
        "below 40": Q(t_score__lt=40),
        "40 to 49": Q(t_score__gte=40, t_score__lt=50),
        "50 to 59": Q(t_score__gte=50, t_score__lt=60),
        "60 to 69": Q(t_score__gte=60, t_score__lt=70),
        "70 or more": Q(t_score__gte=70),
    }


def _summary_sums(people: QuerySet[Any]) -> dict[str, Any]:
    """Every count and sum the totals need, from the people's summaries, in one query."""
    sums: dict[str, Any] = {
        "with_goals": Count("pk", filter=Q(t_score__isnull=False)),
        "at_or_above": Count("pk", filter=Q(t_score__gte=50)),
    }
    for number, condition in enumerate(_band_filters().values()):
        sums[f"band_{number}"] = Count("pk", filter=condition)
    for key in ONS4_KEYS:
        changed = Q(ons4_checkins__gte=2, **{f"{key}_first__isnull": False})
        change = F(f"{key}_latest") - F(f"{key}_first")
        sums[f"{key}_n"] = Count("pk", filter=changed)
        sums[f"{key}_sum"] = Sum(change, filter=changed, output_field=FloatField())
        sums[f"{key}_squares"] = Sum(change * change, filter=changed, output_field=FloatField())
    return PersonSummary.objects.filter(person__in=people).aggregate(**sums)


def _mean_change(population: int, key: str, sums: dict[str, Any]) -> MeanChange:
    count = sums[f"{key}_n"] or 0
    people = disclosure.count_cell(population, f"ons4:{key}:people", count)
    if people.hidden or count < disclosure.SMALLEST:
        return MeanChange(key, people, None, None, None)
    total, squares = sums[f"{key}_sum"] or 0.0, sums[f"{key}_squares"] or 0.0
    mean = disclosure.mean_of_sum(population, f"ons4:{key}:mean", total, count)
    if mean is None:
        return MeanChange(key, people, None, None, None)
    variance = max(0.0, (squares - total * total / count) / (count - 1))
    margin = _t95(count - 1) * math.sqrt(variance) / math.sqrt(count)
    return MeanChange(key, people, mean, round(mean - margin, 1), round(mean + margin, 1))


def totals_for(**place: Any) -> Totals:
    """The totals of one fixed population, counted once and kept until anyone's outcomes
    change (the "outcomes-totals" generation, `apps.py`), or for ten minutes at most.

    Counting a national programme's 100,000 people took 150 ms for each page a funder
    opened, for figures that stay the same until someone checks in, is reviewed, or joins
    or leaves a count. What is kept is the figures already adjusted or hidden, never a
    page, and only the people allowed to see them are ever shown them (the views check)."""
    ((name, value),) = [(name, value) for name, value in place.items() if value is not None]
    key = f"outcomes-totals:{area_generation(TOTALS_AREA)}:{name}:{getattr(value, 'pk', value)}"
    return remembered(
        key, lambda: count_totals(**place), seconds=PUBLIC_PAGE_SECONDS, store=caches["fragments"]
    )


def count_totals(**place: Any) -> Totals:
    """The totals of one fixed population, counted now, in two queries whatever its size."""
    consents = consenting(**place)
    people = consents.values("person_id")
    found = consents.aggregate(
        count=Count("person_id", distinct=True),
        keys=Sum("person__outcomes_record_key__key"),
    )
    population = disclosure.population_key([found["keys"] or 0])
    sums = _summary_sums(people)
    bands = {band: sums[f"band_{number}"] for number, band in enumerate(T_SCORE_BANDS)}
    with_goals = disclosure.count_cell(population, "with_goals", sums["with_goals"])
    above = disclosure.count_cell(population, "at_or_above", sums["at_or_above"])
    share = None
    if with_goals.value and above.value is not None:
        share = min(100, round(100 * above.value / with_goals.value))
    return Totals(
        people=disclosure.count_cell(population, "people", found["count"]),
        with_goals=with_goals,
        at_or_above=above,
        share_at_or_above=share,
        t_scores=disclosure.distribution(population, "t", bands),
        changes=[_mean_change(population, key, sums) for key in ONS4_KEYS],
    )


def _groups_for_totals(user: Any) -> QuerySet[Organisation]:
    leads = Q(memberships__user=user, memberships__role=Role.GROUP_LEAD)
    funded = Q(
        grant_applications__award__programme__funder__memberships__user=user,
        grant_applications__award__programme__funder__memberships__role=Role.FUNDER_STAFF,
    )
    return Organisation.objects.filter(leads | funded, kind=OrganisationKind.GROUP).distinct()


def get_group_for_totals(*, user: Any, slug: str) -> Organisation:
    """A group whose totals this person may see: they lead it, or they are staff of a funder
    that has given it an award. 404 for anyone else."""
    if not getattr(user, "is_authenticated", False):
        raise Http404
    group = _groups_for_totals(user).filter(slug=slug).first()
    if group is None:
        raise Http404
    return group


def may_see_group_totals(*, user: Any, group: Any) -> bool:
    """Whether this person may open the group's totals (the rule of get_group_for_totals)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _groups_for_totals(user).filter(pk=group.pk).exists()


def totals_choices_for(*, person: Any) -> dict[str, list[Any]]:
    """The only totals a person can be counted in: the groups they belong to, the programmes
    that funded those groups, the councils that gave them a personal budget, the timebanks
    they are an approved member of, and the mentoring schemes they mentor in or asked for a
    mentor from. Five queries."""
    from flourish.grants.models import Programme
    from flourish.timebank.models import MemberStatus, MentoringScheme, Timebank

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
    councils = list(
        Organisation.objects.filter(kind=OrganisationKind.COUNCIL, personal_budgets__person=person)
        .distinct()
        .order_by("name")
    )
    timebanks = list(
        Timebank.objects.filter(members__user=person, members__status=MemberStatus.APPROVED)
        .distinct()
        .order_by("name")
    )
    in_scheme = Q(
        timebank__members__user=person, timebank__members__status=MemberStatus.APPROVED
    ) & (Q(pk__in=_schemes_mentored_by(person)) | Q(pk__in=_schemes_asked_by(person)))
    schemes = list(
        MentoringScheme.objects.filter(in_scheme)
        .select_related("timebank")
        .distinct()
        .order_by("name")
    )
    return {
        "group": groups,
        "programme": programmes,
        "council": councils,
        "timebank": timebanks,
        "scheme": schemes,
    }


def _schemes_mentored_by(person: Any) -> QuerySet[Any]:
    from flourish.timebank.models import ApplicationStatus, MentorApplication

    return MentorApplication.objects.filter(
        member__user=person, status=ApplicationStatus.APPROVED
    ).values("scheme_id")


def _schemes_asked_by(person: Any) -> QuerySet[Any]:
    from flourish.timebank.models import MenteeRequest

    return MenteeRequest.objects.filter(member__user=person).values("scheme_id")


def open_consents_of(*, person: Any) -> list[TotalsConsent]:
    return list(TotalsConsent.objects.filter(person=person, withdrawn_at__isnull=True))
