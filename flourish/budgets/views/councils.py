"""Council staff's choices for their statements: a threshold for unspent money and their
own columns for downloads; and the statements they were sent, month by month."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.budgets import selectors
from flourish.budgets.forms import ColumnsForm, ThresholdForm
from flourish.budgets.sent import sent_budgets, sent_rows
from flourish.budgets.services.councils import columns_save, statement_settings, threshold_set
from flourish.budgets.statements import COLUMNS, month_bounds
from flourish.budgets.views.common import add_service_error, posted
from flourish.core.pagination import page_of


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


@login_required
def council_sent(request: HttpRequest, slug: str) -> HttpResponse:
    council = selectors.get_council_for_user(user=request.user, slug=slug)
    made = selectors.monthly_statements(council=council)
    sent_periods = [statement.period for statement in made]
    period = request.GET.get("period", "") or (sent_periods[0] if sent_periods else "")
    problem = ""
    if period and period not in sent_periods:
        problem = _("No statements were sent for that month. Choose one of the months listed.")
    context: dict[str, Any] = {"council": council, "made": made, "period": period}
    if period and not problem:
        start, end = month_bounds(period)
        page = page_of(
            items=sent_budgets(council=council, start=start, end=end),
            number=request.GET.get("page"),
            size=25,
        )
        threshold = statement_settings(council=council).unspent_threshold_pence
        context |= {
            "page": page,
            "query": urlencode({"period": period}),
            "threshold": threshold,
            "rows": sent_rows(
                budgets=list(page.object_list), start=start, end=end, threshold=threshold
            ),
            "statement": next(s for s in made if s.period == period),
        }
    context["problem"] = problem
    return render(request, "budgets/council_sent.html", context)
