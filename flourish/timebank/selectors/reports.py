"""Figures for coordinators and funders: members, active members, hours by month and kind,
exchanges by area, mentoring. Any count under 5 is hidden, so nobody can be picked out."""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from flourish.timebank.models import (
    Exchange,
    ExchangeShare,
    ExchangeStatus,
    ExchangeTotal,
    HelpKind,
    MemberStatus,
    MentoringPair,
    MentoringSession,
    Timebank,
    TimebankMember,
)

SMALLEST_SHOWN = 5


@dataclass(frozen=True)
class Figure:
    label: str
    exchanges: int
    minutes: int

    @property
    def hidden(self) -> bool:
        return 0 < self.exchanges < SMALLEST_SHOWN


@dataclass(frozen=True)
class TimebankReport:
    members: int
    active_members: int
    by_month: list[Figure]
    by_kind: list[Figure]
    by_area: list[Figure]
    mentoring_pairs: int
    mentoring_sessions: int

    @property
    def largest_minutes(self) -> int:
        return max([f.minutes for f in self.by_month] + [1])

    @property
    def largest_kind_minutes(self) -> int:
        return max([f.minutes for f in self.by_kind] + [1])


def _kind_label(value: Any) -> str:
    return str(HelpKind(str(value)).label) if value in HelpKind.values else str(value or "–")


def _ordered(totals: dict[Any, list[int]], label: Callable[[Any], str]) -> list[Figure]:
    return [Figure(label=label(key), exchanges=n, minutes=m) for key, (n, m) in totals.items()]


def _month_label(value: Any) -> str:
    return str(value.strftime("%Y-%m"))


def _area_label(value: Any) -> str:
    return str(value or "–")


def _totals(
    timebanks: QuerySet[Timebank],
    period: tuple[datetime.date, datetime.date],
    field: str,
    by_timebank: bool,
) -> dict[Any, dict[Any, list[int]]]:
    """Exchanges and minutes of the period by one field, for each timebank, from the running
    totals (a row a timebank, day, kind and area), never from every exchange."""
    keys = ["timebank_id"] if by_timebank else []
    found: dict[Any, dict[Any, list[int]]] = {}
    rows = (
        ExchangeTotal.objects.filter(timebank__in=timebanks, day__range=period)
        .values_list(*keys, field)
        .annotate(n=Sum("exchanges"), m=Sum("minutes"))
        .filter(n__gt=0)
        .order_by()
    )
    for row in rows:
        key = row[0] if by_timebank else None
        value, n, m = row[-3:]
        found.setdefault(key, {})[value] = [n, m or 0]
    return found


def _by_month(days: dict[Any, list[int]]) -> list[Figure]:
    """Daily totals added up by month here: no date function runs on every exchange."""
    months: dict[datetime.date, list[int]] = {}
    for day, (n, m) in days.items():
        total = months.setdefault(day.replace(day=1), [0, 0])
        total[0] += n
        total[1] += m
    return _ordered(dict(sorted(months.items())), _month_label)


def _people(
    timebanks: QuerySet[Timebank],
    period: tuple[datetime.date, datetime.date],
    by_timebank: bool,
) -> dict[Any, tuple[int, int]]:
    """Approved members, and those of them who gave or received in a confirmed exchange in
    the period: one query."""
    start, end = period
    # Each member is looked up through their own index (giver, receiver), never by scanning
    # the period: counted wherever the exchange was, their own timebank or a partner's.
    gave = Exists(
        Exchange.objects.filter(
            giver=OuterRef("pk"),
            status=ExchangeStatus.CONFIRMED,
            happened_on__gte=start,
            happened_on__lte=end,
        )
    )
    received = Exists(
        ExchangeShare.objects.filter(
            member=OuterRef("pk"),
            exchange__status=ExchangeStatus.CONFIRMED,
            exchange__happened_on__gte=start,
            exchange__happened_on__lte=end,
        )
    )
    members = TimebankMember.objects.filter(timebank__in=timebanks, status=MemberStatus.APPROVED)
    rows = _counted(
        members,
        "timebank" if by_timebank else None,
        n=Count("pk"),
        active=Count("pk", filter=Q(gave) | Q(received)),
    )
    return {key: (row["n"], row["active"]) for key, row in rows.items()}


def _counted(rows: QuerySet[Any], key: str | None, **counts: Any) -> dict[Any, dict[str, int]]:
    """Counts grouped by a key (a timebank), or over every row when the key is None."""
    if key is None:
        return {None: rows.aggregate(**counts)}
    return {row[key]: row for row in rows.values(key).annotate(**counts).order_by()}


def _reports(
    timebanks: QuerySet[Timebank], start: datetime.date, end: datetime.date, by_timebank: bool
) -> dict[Any, TimebankReport]:
    """Every figure, for each timebank (by_timebank) or for them all together, in six
    queries however many timebanks, members and exchanges there are."""
    people = _people(timebanks, (start, end), by_timebank)
    days = _totals(timebanks, (start, end), "day", by_timebank)
    kinds = _totals(timebanks, (start, end), "help_kind", by_timebank)
    areas = _totals(timebanks, (start, end), "area", by_timebank)
    pairs = _counted(
        MentoringPair.objects.filter(
            scheme__timebank__in=timebanks, sessions__happened_on__range=(start, end)
        ),
        "scheme__timebank" if by_timebank else None,
        n=Count("pk", distinct=True),
    )
    sessions = _counted(
        MentoringSession.objects.filter(
            pair__scheme__timebank__in=timebanks, happened_on__range=(start, end)
        ),
        "pair__scheme__timebank" if by_timebank else None,
        n=Count("pk"),
    )
    reports = {}
    for key in set(people) | set(days) | set(pairs) | set(sessions) | {None}:
        by_kind = sorted(kinds.get(key, {}).items(), key=lambda item: (-item[1][1], str(item[0])))
        by_area = sorted(areas.get(key, {}).items(), key=lambda item: str(item[0]))
        members, active = people.get(key, (0, 0))
        members, active = members or 0, active or 0
        reports[key] = TimebankReport(
            members=members,
            active_members=active,
            by_month=_by_month(days.get(key, {})),
            by_kind=_ordered(dict(by_kind), _kind_label),
            by_area=_ordered(dict(by_area), _area_label),
            mentoring_pairs=pairs.get(key, {}).get("n") or 0,
            mentoring_sessions=sessions.get(key, {}).get("n") or 0,
        )
    return reports


def timebank_report(
    *, timebanks: QuerySet[Timebank], start: datetime.date, end: datetime.date
) -> TimebankReport:
    """Every figure for the period, for these timebanks together, in a fixed number of
    queries."""
    return _reports(timebanks, start, end, by_timebank=False)[None]


def hidden_count(count: int) -> str:
    """A count as published: the number, or "fewer than 5"."""
    return "fewer than 5" if 0 < count < SMALLEST_SHOWN else str(count)


def report_rows(
    *, timebanks: QuerySet[Timebank], start: datetime.date, end: datetime.date
) -> Iterator[list[str]]:
    """The report as spreadsheet rows, one timebank after another, small counts hidden.

    Every timebank's figures come from the same seven queries (grouped by timebank), so the
    rows stream as fast as they can be written, however many timebanks there are."""
    yield ["timebank", "section", "label", "exchanges", "hours"]
    named = list(timebanks.order_by("name").values_list("pk", "name"))
    reports = _reports(Timebank.objects.filter(pk__in=[pk for pk, _n in named]), start, end, True)
    empty = reports[None]
    for pk, name in named:
        report = reports.get(pk, empty)
        yield [name, "members", "members", hidden_count(report.members), ""]
        yield [name, "members", "active members", hidden_count(report.active_members), ""]
        for section, figures in (
            ("month", report.by_month),
            ("kind", report.by_kind),
            ("area", report.by_area),
        ):
            for figure in figures:
                hours = "" if figure.hidden else f"{figure.minutes / 60:.1f}"
                yield [name, section, figure.label, hidden_count(figure.exchanges), hours]
        yield [name, "mentoring", "pairs meeting", hidden_count(report.mentoring_pairs), ""]
        yield [name, "mentoring", "sessions", hidden_count(report.mentoring_sessions), ""]
