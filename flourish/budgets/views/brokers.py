"""The budget holder chooses brokers, what they may do and until when, and withdraws them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.budgets import selectors
from flourish.budgets.forms import BrokerForm
from flourish.budgets.services.brokers import broker_invite, broker_withdraw
from flourish.budgets.services.budgets import person_find_or_add
from flourish.budgets.views.common import add_service_error, posted


@login_required
def brokers(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    if not (access.is_person or access.is_council):
        raise Http404
    form = BrokerForm(posted(request) if access.is_person else None)
    if access.is_person and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                broker_invite(
                    budget=access.budget,
                    broker=person_find_or_add(email=data["email"], name=data["name"]),
                    may_book=data["may_book"],
                    may_vote=data["may_vote"],
                    monthly_limit_pence=data["monthly_limit_pence"],
                    ends_on=data["ends_on"],
                    actor=request.user,
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Done. They can now act for you as you chose."))
            return redirect("budgets:brokers", pk=pk)
    context = {
        "access": access,
        "budget": access.budget,
        "consents": selectors.broker_consents(budget=access.budget),
        "form": form,
    }
    return render(request, "budgets/brokers.html", context)


@login_required
@require_POST
def broker_withdraw_view(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    consent = selectors.get_consent_for_person(access=access, pk=consent_pk)
    broker_withdraw(consent=consent, actor=request.user)
    messages.success(request, _("Withdrawn. They can no longer see or spend your budget."))
    return redirect("budgets:brokers", pk=pk)
