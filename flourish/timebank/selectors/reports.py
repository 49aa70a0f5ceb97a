"""Figures for coordinators and funders: members, active members, hours by month and kind,
exchanges by area, mentoring. Any count under 5 is hidden, so nobody can be picked out."""

import datetime
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from flourish.timebank.models import (
    Exchange,
    ExchangeStatus,
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


def _confirmed(
    timebanks: QuerySet[Timebank], start: datetime.date, end: datetime.date
) -> QuerySet[Exchange]:
    return Exchange.objects.filter(
        timebank__in=timebanks,
        status=ExchangeStatus.CONFIRMED,
        happened_on__gte=start,
        happened_on__lte=end,
    )


def _figures(
    rows: Iterable[dict[str, Any]], key: str, label: Callable[[Any], str] | None = None
) -> list[Figure]:
    figures = []
    for row in rows:
        value = row[key]
        name = value.strftime("%Y-%m") if isinstance(value, datetime.date) else str(value or "–")
        if label is not None:
            name = label(value)
        figures.append(Figure(label=name, exchanges=int(row["n"]), minutes=int(row["m"] or 0)))
    return figures


def _kind_label(value: Any) -> str:
    return str(HelpKind(str(value)).label) if value in HelpKind.values else str(value or "–")


def timebank_report(
    *, timebanks: QuerySet[Timebank], start: datetime.date, end: datetime.date
) -> TimebankReport:
    """Every figure for the period, in a fixed number of queries."""
    confirmed = _confirmed(timebanks, start, end)
    counted = {"n": Count("pk"), "m": Sum("minutes")}
    members = TimebankMember.objects.filter(timebank__in=timebanks, status=MemberStatus.APPROVED)
    active = members.filter(
        Q(exchanges_given__in=confirmed) | Q(exchanges_received__exchange__in=confirmed)
    ).distinct()
    return TimebankReport(
        members=members.count(),
        active_members=active.count(),
        by_month=_figures(
            confirmed.annotate(month=TruncMonth("happened_on"))
            .values("month")
            .annotate(**counted)
            .order_by("month"),
            "month",
        ),
        by_kind=_figures(
            confirmed.values("help_kind").annotate(**counted).order_by("-m"),
            "help_kind",
            _kind_label,
        ),
        by_area=_figures(confirmed.values("area").annotate(**counted).order_by("area"), "area"),
        mentoring_pairs=MentoringPair.objects.filter(
            scheme__timebank__in=timebanks, sessions__happened_on__range=(start, end)
        )
        .distinct()
        .count(),
        mentoring_sessions=MentoringSession.objects.filter(
            pair__scheme__timebank__in=timebanks, happened_on__range=(start, end)
        ).count(),
    )


def hidden_count(count: int) -> str:
    """A count as published: the number, or "fewer than 5"."""
    return "fewer than 5" if 0 < count < SMALLEST_SHOWN else str(count)


def report_rows(
    *, timebanks: QuerySet[Timebank], start: datetime.date, end: datetime.date
) -> Iterator[list[str]]:
    """The report as spreadsheet rows, one timebank at a time, small counts hidden."""
    yield ["timebank", "section", "label", "exchanges", "hours"]
    for timebank in timebanks.order_by("name"):
        report = timebank_report(
            timebanks=Timebank.objects.filter(pk=timebank.pk), start=start, end=end
        )
        yield [timebank.name, "members", "members", hidden_count(report.members), ""]
        yield [timebank.name, "members", "active members", hidden_count(report.active_members), ""]
        for section, figures in (
            ("month", report.by_month),
            ("kind", report.by_kind),
            ("area", report.by_area),
        ):
            for figure in figures:
                hours = "" if figure.hidden else f"{figure.minutes / 60:.1f}"
                yield [timebank.name, section, figure.label, hidden_count(figure.exchanges), hours]
        yield [
            timebank.name,
            "mentoring",
            "pairs meeting",
            hidden_count(report.mentoring_pairs),
            "",
        ]
        yield [timebank.name, "mentoring", "sessions", hidden_count(report.mentoring_sessions), ""]
