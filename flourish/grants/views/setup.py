"""Funder staff set up a programme through pages: a task list, and one page per section.
Lists (eligibility questions, kinds of spending, business plan questions) use the GOV.UK
add-another pattern without JavaScript: the page lists what is there, each with a Remove
button, above a form that adds one more."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from flourish.core.formatting import is_whole_number
from flourish.grants import selectors
from flourish.grants.forms.setup import (
    BusinessPlanQuestionForm,
    CategoryForm,
    EligibilityQuestionForm,
    ProgrammeAmountsForm,
    ProgrammeContactForm,
    ProgrammeDatesForm,
    ProgrammeDetailsForm,
    ProgrammeStagesForm,
    TierForm,
)
from flourish.grants.models import Programme
from flourish.grants.money import get_funder_for_staff, programme_budget_figures
from flourish.grants.services import programmes as services
from flourish.grants.views.common import add_service_error, posted


@dataclass(frozen=True)
class Section:
    title: Any
    form: type[forms.Form]


SECTIONS = {
    "details": Section(gettext_lazy("About the programme"), ProgrammeDetailsForm),
    "amounts": Section(gettext_lazy("Grant sizes and limits"), ProgrammeAmountsForm),
    "dates": Section(gettext_lazy("When it opens and closes"), ProgrammeDatesForm),
    "stages": Section(gettext_lazy("Steps to a decision"), ProgrammeStagesForm),
    "phone": Section(gettext_lazy("Applying by phone"), ProgrammeContactForm),
}


def _number(value: str) -> int:
    """A Remove button's value as a number; 0 (never found) for anything else."""
    return int(value) if is_whole_number(value) else 0


def _unique_slug(title: str) -> str:
    base = slugify(title)[:120] or "programme"
    slug, number = base, 1
    while Programme.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _identifier_prefix(funder: Any) -> str:
    """Keep the funder's 360Giving prefix: the same one its other programmes use."""
    earlier = funder.programmes.order_by("created_at").values_list("identifier_prefix", flat=True)
    return earlier.first() or slugify(funder.name).replace("-", "")[:40]


@login_required
def programme_new(request: HttpRequest, slug: str) -> HttpResponse:
    funder = get_funder_for_staff(user=request.user, slug=slug)
    form = ProgrammeDetailsForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.programme_create(
                funder=funder,
                actor=request.user,
                slug=_unique_slug(form.cleaned_data["title"]),
                max_grant_pence=200_000,
                identifier_prefix=_identifier_prefix(funder),
                is_published=False,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("grants:programme_setup", slug=programme.slug)
    context = {"funder": funder, "form": form, "title": _("Set up a new programme")}
    return render(request, "grants/setup/section.html", context)


@login_required
def programme_setup(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    context = {
        "programme": programme,
        "budget": programme_budget_figures(programme=programme),
        "categories": list(programme.categories.all()),
        "questions": list(programme.eligibility_questions.all()),
    }
    return render(request, "grants/setup/task_list.html", context)


@login_required
def programme_section(request: HttpRequest, slug: str, section: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    if section not in SECTIONS:
        raise Http404
    form_class = SECTIONS[section].form
    initial = {name: getattr(programme, name) for name in form_class.base_fields}
    form = form_class(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(programme=programme, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("grants:programme_setup", slug=programme.slug)
    context = {"programme": programme, "form": form, "title": SECTIONS[section].title}
    return render(request, "grants/setup/section.html", context)


@login_required
def programme_tier_new(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    form = TierForm(posted(request))
    if request.method == "POST" and form.is_valid():
        title = form.cleaned_data["title"]
        try:
            tier = services.programme_tier_add(
                programme=programme, actor=request.user, title=title, slug=_unique_slug(title)
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Set up from %(title)s. Change what differs.") % {"title": programme.title},
            )
            return redirect("grants:programme_setup", slug=tier.slug)
    context = {"programme": programme, "form": form, "title": _("Add another tier")}
    return render(request, "grants/setup/section.html", context)


@login_required
@require_POST
def programme_publish(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    try:
        services.programme_open(programme=programme, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Published. People can now find the programme."))
    return redirect("grants:programme_setup", slug=programme.slug)


def _add_another(
    request: HttpRequest,
    programme: Programme,
    form: forms.Form,
    add: Callable[[dict[str, Any]], object],
    remove: Callable[[str], object],
) -> HttpResponse | None:
    """Remove the item named by the Remove button, or add one from the form; None to show
    the page again (with the form's errors)."""
    if request.method != "POST":
        return None
    try:
        if "remove" in request.POST:
            remove(request.POST["remove"])
            messages.success(request, _("Removed."))
            return redirect(request.path)
        if form.is_valid():
            add(form.cleaned_data)
            messages.success(request, _("Added. Add another, or go back to the set-up."))
            return redirect(request.path)
    except ValidationError as error:
        if "remove" in request.POST:
            messages.error(request, " ".join(error.messages))
            return redirect(request.path)
        add_service_error(form, error)
    return None


def _list_page(
    request: HttpRequest, programme: Programme, form: forms.Form, **extra: Any
) -> HttpResponse:
    context = {"programme": programme, "form": form, **extra}
    return render(request, "grants/setup/list.html", context)


@login_required
def programme_categories(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    form = CategoryForm(posted(request) if "remove" not in request.POST else None)
    done = _add_another(
        request,
        programme,
        form,
        lambda data: services.category_add(programme=programme, actor=request.user, **data),
        lambda pk: services.category_remove(
            category=get_object_or_404(programme.categories, pk=_number(pk)), actor=request.user
        ),
    )
    items = [(category.pk, category.label) for category in programme.categories.all()]
    return done or _list_page(
        request, programme, form, items=items, title=_("What the money can pay for")
    )


@login_required
def programme_questions(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    form = EligibilityQuestionForm(posted(request) if "remove" not in request.POST else None)
    done = _add_another(
        request,
        programme,
        form,
        lambda data: services.eligibility_question_add(
            programme=programme, actor=request.user, **data
        ),
        lambda pk: services.eligibility_question_remove(
            question=get_object_or_404(programme.eligibility_questions, pk=_number(pk)),
            actor=request.user,
        ),
    )
    questions = list(programme.eligibility_questions.all())
    return done or _list_page(
        request, programme, form, questions=questions, title=_("Eligibility questions")
    )


@login_required
def programme_plan_questions(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    form = BusinessPlanQuestionForm(posted(request) if "remove" not in request.POST else None)
    done = _add_another(
        request,
        programme,
        form,
        lambda data: services.business_plan_question_add(
            programme=programme, actor=request.user, **data
        ),
        lambda number: services.business_plan_question_remove(
            programme=programme, actor=request.user, number=_number(number)
        ),
    )
    items = list(enumerate(programme.business_plan_questions, start=1))
    return done or _list_page(
        request, programme, form, items=items, title=_("Business plan questions")
    )
