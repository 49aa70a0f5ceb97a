"""The funder dashboard's figures: money awarded and paid, awards by category, by council
area and by the communities groups name, days to a decision and to payment, and reports
still to come."""

import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from flourish.grants.models import Application, Award, Programme, SpendLine
from flourish.grants.money import BudgetFigures, programme_budget_figures

# A row covering fewer groups than this is shown as "fewer than 5", so it cannot point
# at one group (DESIGN.md: aggregates shown to funders hide groups under 5).
SMALLEST_GROUP = 5


@dataclass
class Row:
    label: str
    awards: int
    pence: int
    hidden: bool = False

    @property
    def hidden_label(self) -> str:
        if self.awards < SMALLEST_GROUP:
            return str(_("fewer than 5"))
        return str(_("hidden, so smaller rows cannot be worked out from the totals"))


def suppress_small_rows(rows: list[Row]) -> list[Row]:
    """Hide every row under SMALLEST_GROUP awards, then enough of the smallest shown rows that
    the programme's totals minus the shown rows never give a hidden figure back: the hidden
    rows together must cover at least SMALLEST_GROUP awards and be more than one row."""
    for row in rows:
        row.hidden = row.awards < SMALLEST_GROUP
    shown = sorted((row for row in rows if not row.hidden), key=lambda row: row.awards)
    hidden = [row for row in rows if row.hidden]
    while hidden and shown and (len(hidden) < 2 or sum(r.awards for r in hidden) < SMALLEST_GROUP):
        smallest = shown.pop(0)
        smallest.hidden = True
        hidden.append(smallest)
    return rows


@dataclass
class Dashboard:
    budget: BudgetFigures
    awarded_pence: int
    awards: int
    reports_outstanding: int
    median_days_to_decision: float | None
    median_days_to_payment: float | None
    by_category: list[Row] = field(default_factory=list)
    by_area: list[Row] = field(default_factory=list)
    by_community: list[Row] = field(default_factory=list)

    @property
    def budget_pence(self) -> int:
        return self.budget.put_in_pence

    @property
    def paid_pence(self) -> int:
        return self.budget.paid_out_pence

    @property
    def not_yet_awarded_pence(self) -> int:
        return self.budget.put_in_pence - self.awarded_pence

    @property
    def largest_category_pence(self) -> int:
        shown = (row.pence for row in self.by_category if not row.hidden)
        return max(shown, default=0) or 1


def _days(pairs: list[tuple[datetime | None, datetime | None]]) -> float | None:
    days = [(end - start).total_seconds() / 86400 for start, end in pairs if start and end]
    return round(statistics.median(days), 1) if days else None


def community_tags(answer: str) -> list[str]:
    """The communities in one group's answer: split at commas, tidied, each named once."""
    tags = (" ".join(part.split()).lower() for part in answer.split(","))
    return sorted({tag for tag in tags if tag})


def _by_community(by_answer: Iterable[dict[str, Any]]) -> list[Row]:
    # Grouping whole answers in the database keeps the rows few; an award counts once
    # under each community its group named, so the rows can add up to more than the awards.
    totals: dict[str, Row] = {}
    for answer in by_answer:
        for tag in community_tags(answer["answer"]):
            row = totals.setdefault(tag, Row(tag, 0, 0))
            row.awards += answer["awards"]
            row.pence += answer["pence"] or 0
    return sorted(totals.values(), key=lambda row: (-row.awards, row.label))


def programme_dashboard(*, programme: Programme) -> Dashboard:
    """Everything on the dashboard in seven queries, whatever the number of awards. Budget
    and paid come from the ledger, so the dashboard can never disagree with it."""
    awards = Award.objects.filter(programme=programme)
    # An award's programme is always its application's (services.decisions). Saying so
    # lets PostgreSQL read only this programme's applications, by their index, not every
    # application of every programme (22 ms a query at 110,000 applications).
    with_applications = awards.filter(application__programme=programme)
    totals = awards.aggregate(
        awarded=Sum("amount_pence"),
        count=Count("pk"),
        outstanding=Count("pk", filter=Q(paid_pence__gt=0, report__isnull=True)),
    )
    by_category = (
        SpendLine.objects.filter(
            application__programme=programme, application__award__programme=programme
        )
        .values("category__name", "category__position")
        .annotate(awards=Count("application", distinct=True), pence=Sum("amount_pence"))
        .order_by("category__position")
    )
    by_area = (
        with_applications.values("application__local_authority")
        .annotate(awards=Count("pk"), pence=Sum("amount_pence"))
        .order_by("-awards", "application__local_authority")
    )
    # The answers are encrypted at rest, so they are decrypted and grouped here rather
    # than by the database: one query, one short row per award.
    by_answer = [
        {"answer": answer, "awards": 1, "pence": pence}
        for answer, pence in with_applications.values_list(
            "application__communities", "amount_pence"
        )
        if answer
    ]
    times = list(
        Application.objects.filter(programme=programme, award__programme=programme).values_list(
            "submitted_at", "decided_at", "paid_at"
        )
    )
    return Dashboard(
        budget=programme_budget_figures(programme=programme),
        awarded_pence=totals["awarded"] or 0,
        awards=totals["count"],
        reports_outstanding=totals["outstanding"],
        median_days_to_decision=_days([(sent, decided) for sent, decided, _paid in times]),
        median_days_to_payment=_days([(sent, paid) for sent, _decided, paid in times]),
        by_category=suppress_small_rows(
            [Row(r["category__name"], r["awards"], r["pence"] or 0) for r in by_category]
        ),
        by_area=suppress_small_rows(
            [
                Row(r["application__local_authority"] or "Not given", r["awards"], r["pence"] or 0)
                for r in by_area
            ]
        ),
        by_community=suppress_small_rows(_by_community(by_answer)),
    )
