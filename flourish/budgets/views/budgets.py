"""The budget holder's pages, and the council's pages for its budgets."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.budgets import selectors
from flourish.budgets.forms import BudgetForm, PlanForm, spending_text
from flourish.budgets.models import SupportPlan
from flourish.budgets.overview import period_spending
from flourish.budgets.services.budgets import budget_record, person_find_or_add, plan_save
from flourish.budgets.services.councils import statement_settings
from flourish.budgets.views.common import add_service_error, posted
from flourish.core.pagination import page_of

# A broker at a brokerage may act for hundreds of people.
ACTING_FOR_PER_PAGE = 25
COUNCIL_PER_PAGE = 25


@login_required
def index(request: HttpRequest) -> HttpResponse:
    context = {
        "budgets": list(selectors.budgets_for_person(user=request.user)),
        "councils": list(selectors.councils_for_user(user=request.user)),
        "acting_for": page_of(
            items=selectors.budgets_acting_for(user=request.user),
            number=request.GET.get("acting_for"),
            size=ACTING_FOR_PER_PAGE,
        ),
        "groups": list(selectors.groups_taking_bookings(user=request.user)),
    }
    return render(request, "budgets/index.html", context)


@login_required
def home(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    today = timezone.localdate()
    context = {
        "access": access,
        "budget": access.budget,
        "summary": selectors.budget_home(budget=access.budget, today=today),
        "upcoming": selectors.upcoming_bookings(budget=access.budget, today=today),
    }
    return render(request, "budgets/home.html", context)


@login_required
def plan(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    if not (access.is_person or access.is_council or access.broker is not None):
        raise Http404
    support_plan, _created = SupportPlan.objects.get_or_create(budget=access.budget)
    may_edit = access.is_person or access.is_council
    initial = {
        "what_matters": support_plan.what_matters,
        "outcomes": support_plan.outcomes,
        "not_paid_for": support_plan.not_paid_for,
        "spending": spending_text(support_plan),
    }
    form = PlanForm(posted(request) if may_edit else None, initial=initial)
    if form.is_valid():
        data = form.cleaned_data
        try:
            plan_save(
                budget=access.budget,
                what_matters=data["what_matters"],
                outcomes=data["outcomes"],
                not_paid_for=data["not_paid_for"],
                spending_kinds=data["spending"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your support plan is saved."))
            return redirect("budgets:home", pk=pk)
    context = {
        "access": access,
        "budget": access.budget,
        "plan": support_plan,
        "form": form,
        "may_edit": may_edit,
    }
    return render(request, "budgets/plan.html", context)


@login_required
def council(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.get_council_for_user(user=request.user, slug=slug)
    page = page_of(
        items=selectors.council_budgets(council=found),
        number=request.GET.get("page"),
        size=COUNCIL_PER_PAGE,
        count_key=selectors.council_budgets_count_key(council=found),
    )
    return render(request, "budgets/council.html", {"council": found, "page": page})


@login_required
def budget_new(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.get_council_for_user(user=request.user, slug=slug)
    form = BudgetForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                budget = budget_record(
                    council=found,
                    person=person_find_or_add(email=data["email"], name=data["name"]),
                    amount_pence=data["amount_pence"],
                    period=data["period"],
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    held_as=data["held_as"],
                    held_by=data["held_by"],
                    actor=request.user,
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("The budget is recorded. Its first money arrives on its start date.")
            )
            return redirect("budgets:home", pk=budget.pk)
    return render(request, "budgets/budget_new.html", {"council": found, "form": form})


@login_required
def council_overview(request: HttpRequest, slug: str) -> HttpResponse:
    found = selectors.get_council_for_user(user=request.user, slug=slug)
    page = page_of(
        items=selectors.council_budgets(council=found),
        number=request.GET.get("page"),
        size=COUNCIL_PER_PAGE,
        count_key=selectors.council_budgets_count_key(council=found),
    )
    threshold = statement_settings(council=found).unspent_threshold_pence
    rows = period_spending(
        budgets=list(page.object_list), today=timezone.localdate(), threshold=threshold
    )
    context = {"council": found, "page": page, "rows": rows, "threshold": threshold}
    return render(request, "budgets/council_overview.html", context)
