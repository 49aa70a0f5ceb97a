"""Council staff's choices for their statements: a threshold for unspent money and their
own columns for downloads."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.budgets import selectors
from flourish.budgets.forms import ColumnsForm, ThresholdForm
from flourish.budgets.services.councils import columns_save, statement_settings, threshold_set
from flourish.budgets.statements import COLUMNS
from flourish.budgets.views.common import add_service_error, posted


@login_required
def council_threshold(request: HttpRequest, slug: str) -> HttpResponse:
    council = selectors.get_council_for_user(user=request.user, slug=slug)
    current = statement_settings(council=council)
    threshold = current.unspent_threshold_pence
    initial = {"threshold_pence": "" if threshold is None else f"{threshold / 100:.2f}"}
    form = ThresholdForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            threshold_set(
                council=council,
                threshold_pence=form.cleaned_data["threshold_pence"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The threshold is saved. Statements use it from now on."))
            return redirect("budgets:council", slug=slug)
    context = {"council": council, "form": form, "current": current}
    return render(request, "budgets/council_threshold.html", context)


@login_required
def council_columns(request: HttpRequest, slug: str) -> HttpResponse:
    council = selectors.get_council_for_user(user=request.user, slug=slug)
    current = statement_settings(council=council)
    form = ColumnsForm(posted(request), columns=COLUMNS, saved=current.columns)
    if form.is_valid():
        try:
            columns_save(council=council, columns=form.chosen(), actor=request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Your columns are saved. Downloads can use them from now on.")
            )
            return redirect("budgets:council_statements", slug=slug)
    context = {"council": council, "form": form, "current": current}
    return render(request, "budgets/council_columns.html", context)
