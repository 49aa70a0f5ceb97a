"""Batch entry: a printable tally sheet that matches the quick log, and a CSV import that
shows what it found first, row by row, and brings in every row or none."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.demand import spreadsheets
from flourish.demand.forms import ImportForm
from flourish.demand.models import Channel, FailureKind
from flourish.demand.selectors import get_service_for_user
from flourish.demand.services.contacts import contact_problems, contacts_import
from flourish.demand.views.common import posted

SESSION_KEY = "demand_import"
TALLY_LINES = 20


def _session_key(slug: str) -> str:
    return f"{SESSION_KEY}:{slug}"


@login_required
def contacts_import_check(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_service_for_user(user=request.user, slug=slug, team=True)
    form = ImportForm(posted(request), request.FILES or None)
    context: dict[str, Any] = {"view": view, "service": view.service, "form": form}
    if form.is_valid():
        try:
            checked = spreadsheets.read_rows(form.cleaned_data["file"])
        except ValidationError as error:
            form.add_error("file", error)
        else:
            for row in checked:
                if not row.errors:
                    row.errors = contact_problems(service=view.service, fields=row.data)
            problems = sum(1 for row in checked if row.errors)
            keep = None if problems else [row.data | {"count": row.count} for row in checked]
            request.session[_session_key(slug)] = keep
            context.update(
                checked=checked,
                problems=problems,
                contacts=sum(row.count for row in checked),
            )
    return render(request, "demand/import.html", context)


@login_required
@require_POST
def contacts_import_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_service_for_user(user=request.user, slug=slug, team=True)
    rows = request.session.pop(_session_key(slug), None)
    if not rows:
        messages.error(request, _("Upload the file again: we could not find the checked rows."))
        return redirect("demand:import", slug=slug)
    try:
        count = contacts_import(actor=request.user, service=view.service, rows=rows)
    except ValidationError as error:
        messages.error(request, _("Nothing was imported. ") + " ".join(error.messages))
        return redirect("demand:import", slug=slug)
    messages.success(
        request, _("%(count)s contacts imported. They are on the chart.") % {"count": count}
    )
    return redirect("demand:service", slug=slug)


@login_required
def tally_sheet(request: HttpRequest, slug: str) -> HttpResponse:
    """A sheet to print and keep by the phone: the same questions as the quick log."""
    view = get_service_for_user(user=request.user, slug=slug, team=True)
    context = {
        "view": view,
        "service": view.service,
        "channels": Channel.choices,
        "kinds": FailureKind.choices,
        "lines": range(1, TALLY_LINES + 1),
    }
    return render(request, "demand/tally_sheet.html", context)
