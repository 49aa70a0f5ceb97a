"""Statements: the council downloads a month's, the person reads theirs; nobody sends returns."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.budgets import events, selectors
from flourish.budgets.statements import month_bounds, statement_rows
from flourish.core.services import audit_record
from flourish.core.spreadsheets import csv_lines


def _period(request: HttpRequest) -> tuple[str, str]:
    """The month asked for (this month if none), and a message if it is not a real month."""
    asked = request.GET.get("period", "").strip()
    if not asked:
        return timezone.localdate().strftime("%Y-%m"), ""
    try:
        month_bounds(asked)
    except ValueError:
        return timezone.localdate().strftime("%Y-%m"), _(
            "Enter the month as year and month, for example 2026-03"
        )
    return asked, ""


@login_required
def council_statements(request: HttpRequest, slug: str) -> HttpResponse | StreamingHttpResponse:
    council = selectors.get_council_for_user(user=request.user, slug=slug)
    period, problem = _period(request)
    if request.GET.get("download") and not problem:
        start, end = month_bounds(period)
        audit_record(
            actor=request.user,
            action=events.STATEMENTS_DOWNLOADED,
            target=council,
            data={"period": period},
        )
        response = StreamingHttpResponse(
            csv_lines(statement_rows(council=council, start=start, end=end)),
            content_type="text/csv; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="statements-{council.slug}-{period}.csv"'
        )
        return response
    context = {"council": council, "period": period, "problem": problem}
    return render(request, "budgets/council_statements.html", context)


@login_required
def statement(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    period, problem = _period(request)
    start, end = month_bounds(period)
    entries = list(selectors.budget_statement(budget=access.budget, start=start, end=end))
    context = {
        "access": access,
        "budget": access.budget,
        "period": period,
        "problem": problem,
        "entries": entries,
        "month": start,
    }
    return render(request, "budgets/statement.html", context)
