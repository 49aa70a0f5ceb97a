"""Importing an existing timebank from a spreadsheet: check the file, see every row and
what is wrong with it, then import it all, or nothing."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.timebank.forms import ImportUploadForm
from flourish.timebank.selectors.access import get_place_for_user
from flourish.timebank.services.imports import check_import_rows, timebank_import


def _session_key(slug: str) -> str:
    return f"timebank-import:{slug}"


@login_required
def import_members(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    context: dict = {"place": place, "timebank": place.timebank, "form": form}
    if request.method == "POST" and form.is_valid():
        checked = check_import_rows(timebank=place.timebank, rows=form.rows)
        problems = sum(1 for row in checked if row.errors)
        # The checked rows wait in the session, with the key that makes the import happen once.
        request.session[_session_key(slug)] = (
            None if problems or not checked else {"rows": form.rows, "key": uuid.uuid4().hex}
        )
        context.update(
            checked=checked,
            problems=problems,
            members=len({row.number for row in checked if row.first_row is None}),
            offers=sum(1 for row in checked if row.data["offer"]),
        )
    return render(request, "timebank/import.html", context)


@login_required
@require_POST
def import_confirm(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    waiting = request.session.pop(_session_key(slug), None)
    if not waiting:
        messages.error(request, _("Upload the file again: we could not find the checked rows."))
        return redirect("timebank:import", slug=slug)
    try:
        done = timebank_import(
            timebank=place.timebank, rows=waiting["rows"], actor=request.user, key=waiting["key"]
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("timebank:import", slug=slug)
    messages.success(
        request,
        _("Imported %(members)d members, %(offers)d offers and %(balances)d opening balances.")
        % {"members": done.members, "offers": done.offers, "balances": done.balances},
    )
    return redirect("timebank:members", slug=slug)
