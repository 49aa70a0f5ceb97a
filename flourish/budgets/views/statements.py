"""Statements: the council downloads a month's, the person reads theirs; nobody sends returns."""

import tempfile
from collections.abc import Iterator
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.budgets import events, selectors
from flourish.budgets.forms import StatementNoteForm
from flourish.budgets.services.councils import statement_settings
from flourish.budgets.services.notes import entry_period, statement_note_save, statement_sent
from flourish.budgets.statements import LAYOUTS, OWN, month_bounds, statement_rows
from flourish.budgets.views.common import add_service_error, posted
from flourish.core.services import audit_record
from flourish.core.spreadsheets import csv_lines, xlsx_write


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
def council_statements(
    request: HttpRequest, slug: str
) -> HttpResponse | StreamingHttpResponse | FileResponse:
    council = selectors.get_council_for_user(user=request.user, slug=slug)
    period, problem = _period(request)
    mapping = statement_settings(council=council).columns
    layout = request.GET.get("layout", OWN if mapping else "full")
    kind = request.GET.get("download", "")
    if layout not in LAYOUTS and not (layout == OWN and mapping):
        problem, layout = _("Choose one of the column layouts listed."), "full"
    if kind in ("csv", "xlsx") and not problem:
        start, end = month_bounds(period)
        audit_record(
            actor=request.user,
            action=events.STATEMENTS_DOWNLOADED,
            target=council,
            data={"period": period, "format": kind, "layout": layout},
        )
        rows = statement_rows(
            council=council,
            start=start,
            end=end,
            layout=layout,
            mapping=mapping if layout == OWN else None,
        )
        name = f"statements-{council.slug}-{period}-{layout}"
        if kind == "xlsx":
            return _xlsx_response(rows, f"{name}.xlsx", title=period)
        response = StreamingHttpResponse(csv_lines(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    context = {
        "council": council,
        "period": period,
        "problem": problem,
        "layout": layout,
        "layouts": [(key, label) for key, (label, _columns) in LAYOUTS.items()],
        "mapping": mapping,
        "made": selectors.monthly_statements(council=council),
    }
    return render(request, "budgets/council_statements.html", context)


def _xlsx_response(rows: Iterator[list[Any]], filename: str, *, title: str) -> FileResponse:
    """The workbook is written row by row to a temporary file on disk (openpyxl's
    write-only mode), then streamed from there, so memory stays flat."""
    spool = tempfile.TemporaryFile()  # noqa: SIM115 -- FileResponse closes it when sent
    xlsx_write(rows, spool, title=title)
    spool.seek(0)
    return FileResponse(
        spool,
        as_attachment=True,
        filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@login_required
def council_statement_made(request: HttpRequest, slug: str, period: str) -> FileResponse:
    council = selectors.get_council_for_user(user=request.user, slug=slug)
    made = selectors.get_monthly_statement(council=council, period=period)
    audit_record(
        actor=request.user,
        action=events.STATEMENTS_DOWNLOADED,
        target=council,
        data={"period": period, "format": "csv", "made": True},
    )
    return FileResponse(
        made.file.open("rb"),
        as_attachment=True,
        filename=f"statements-{council.slug}-{period}.csv",
        content_type="text/csv; charset=utf-8",
    )


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
        "sent": statement_sent(budget=access.budget, period=period),
        "may_note": access.is_person or access.broker is not None,
        **_unspent(access.budget, entries),
    }
    return render(request, "budgets/statement.html", context)


def _unspent(budget: Any, entries: list[Any]) -> dict[str, Any]:
    """The balance at the end of the month's lines, and how much is over the threshold."""
    settings = statement_settings(council=budget.council)
    closing = entries[-1].balance_after if entries else None
    return {
        "threshold": settings.unspent_threshold_pence,
        "closing": closing,
        "over_threshold": settings.over_threshold(closing) if closing is not None else 0,
    }


@login_required
def statement_note(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    access, entry = selectors.get_statement_line_for_user(
        user=request.user, pk=pk, entry_pk=entry_pk
    )
    period = entry_period(entry)
    note = getattr(entry, "statement_note", None)
    form = StatementNoteForm(posted(request), initial={"text": note.text if note else ""})
    if form.is_valid():
        try:
            statement_note_save(
                budget=access.budget,
                entry=entry,
                text=form.cleaned_data["text"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your note is saved. The council reads it with the statement.")
            )
            return redirect(f"{reverse('budgets:statement', args=[pk])}?period={period}")
    context = {
        "access": access,
        "budget": access.budget,
        "entry": entry,
        "period": period,
        "sent": statement_sent(budget=access.budget, period=period),
        "form": form,
    }
    return render(request, "budgets/statement_note.html", context)
