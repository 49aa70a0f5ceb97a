"""Two-tier schemes: the business plan (a template to download, or answered online) and
planning sessions people can book before they apply."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.grants import selectors
from flourish.grants.forms import BusinessPlanForm
from flourish.grants.services.planning import business_plan_answer, planning_session_book
from flourish.grants.views.common import add_service_error, posted


def business_plan_template(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_public(slug=slug)
    if not programme.business_plan_questions:
        raise Http404
    text = render_to_string("grants/business_plan_template.txt", {"programme": programme})
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{slug}-business-plan.txt"'
    return response


@login_required
def business_plan(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_applicant(user=request.user, pk=pk)
    questions = application.programme.business_plan_questions
    if not questions:
        raise Http404
    form = BusinessPlanForm(posted(request), questions=questions, initial=application.business_plan)
    if request.method == "POST" and form.is_valid():
        try:
            business_plan_answer(
                application=application, actor=request.user, answers=form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("grants:check_answers", pk=pk)
    return render(request, "grants/business_plan.html", {"application": application, "form": form})


def planning_sessions(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_public(slug=slug)
    sessions = selectors.planning_session_list(programme=programme, user=request.user)
    return render(
        request, "grants/planning_sessions.html", {"programme": programme, "sessions": sessions}
    )


@login_required
@require_POST
def planning_session_booking(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = selectors.get_programme_public(slug=slug)
    session = get_object_or_404(programme.planning_sessions, pk=pk)
    try:
        planning_session_book(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("You have a place. We look forward to seeing you."))
    return redirect("grants:planning_sessions", slug=slug)
