"""Funder staff set up their programmes and put money into their budgets, through pages."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.core.formatting import format_pence
from flourish.core.pagination import page_of
from flourish.grants import selectors
from flourish.grants.forms.funding import BudgetAddForm
from flourish.grants.money import budget_additions, programme_budget_figures
from flourish.grants.services.funding import programme_budget_add
from flourish.grants.views.common import add_service_error, posted

# Every time money went into a programme's budget, newest first, a page at a time: a
# council topping a programme up every month has hundreds within a few years.
ADDITIONS_PER_PAGE = 25


@login_required
def budget(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    form = BudgetAddForm(posted(request), initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        try:
            programme_budget_add(
                programme=programme,
                actor=request.user,
                amount_pence=form.cleaned_data["amount"],
                idempotency_key=form.cleaned_data["idempotency_key"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(amount)s is now in the budget.")
                % {"amount": format_pence(form.cleaned_data["amount"])},
            )
            return redirect("grants:budget", slug=programme.slug)
    context = {
        "programme": programme,
        "form": form,
        "figures": programme_budget_figures(programme=programme),
        "additions": page_of(
            items=budget_additions(programme=programme),
            number=request.GET.get("page"),
            size=ADDITIONS_PER_PAGE,
        ),
    }
    return render(request, "grants/setup/budget.html", context)
