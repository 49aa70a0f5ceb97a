"""Spending outside Flourish, recorded in under a minute, and its receipt opened again."""

from uuid import uuid4

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.budgets import events, selectors
from flourish.budgets.forms import OutsideSpendingForm
from flourish.budgets.models import SpendingKind
from flourish.budgets.services.outside import outside_spending_record
from flourish.budgets.views.common import add_service_error
from flourish.core.decorators import sensitive_response
from flourish.core.services import audit_record


@login_required
def spent_outside(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    if not access.can_book:
        raise Http404
    kinds = SpendingKind.objects.filter(plan__budget=access.budget)
    if request.method == "POST":
        form = OutsideSpendingForm(request.POST, request.FILES, kinds=kinds)
    else:
        form = OutsideSpendingForm(
            kinds=kinds, initial={"token": uuid4().hex, "spent_on": timezone.localdate()}
        )
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        try:
            outside_spending_record(
                budget=access.budget,
                amount_pence=data["amount_pence"],
                spent_on=data["spent_on"],
                spending_kind=data["spending_kind"],
                what=data["what"],
                receipt=data["receipt"] or None,
                token=data["token"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Recorded. It is on this month’s statement."))
            return redirect("budgets:home", pk=pk)
    context = {
        "access": access,
        "budget": access.budget,
        "form": form,
        "recent": selectors.outside_spending(budget=access.budget),
    }
    return render(request, "budgets/spent_outside.html", context)


@sensitive_response
@login_required
def outside_receipt(request: HttpRequest, pk: int, spending_pk: int) -> FileResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    spending = selectors.get_outside_spending(access=access, pk=spending_pk)
    if not spending.receipt:
        raise Http404
    audit_record(actor=request.user, action=events.RECEIPT_OPENED, target=spending)
    return FileResponse(
        spending.receipt.open("rb"),
        as_attachment=True,
        filename=spending.receipt_name or spending.receipt.name.rsplit("/", 1)[-1],
    )
