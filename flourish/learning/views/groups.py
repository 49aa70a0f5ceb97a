"""A group's own page: what it might need now, and the ways to support on its own terms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.learning.drawn import drawn_waiting
from flourish.learning.forms import SupportOrganisationForm
from flourish.learning.models import PromptState
from flourish.learning.selectors.group_page import get_group_page_for_user
from flourish.learning.selectors.groups import get_group_for_user
from flourish.learning.selectors.prompts import get_prompt_for_group, waiting_prompts
from flourish.learning.selectors.support import support_requests_of
from flourish.learning.services import prompts, support
from flourish.learning.views.common import add_service_error

ANSWERS = {"done": PromptState.DONE, "not-relevant": PromptState.NOT_RELEVANT}


def _group_page(
    request: HttpRequest, slug: str, form: SupportOrganisationForm | None = None
) -> HttpResponse:
    page = get_group_page_for_user(user=request.user, slug=slug)
    helper = page.support_organisation
    context = {
        "group": page.group,
        "waiting": drawn_waiting(
            waiting_prompts(group=page.group, language=get_language()),
            group_slug=page.group.slug,
            request=request,
        ),
        "emails": page.email_prompts,
        "support_organisation": helper,
        "organisation_form": form
        or SupportOrganisationForm(initial={"organisation": helper.pk if helper else None}),
        "health_check": page.latest_check,
        "support_requests": support_requests_of(group=page.group),
    }
    return render(request, "learning/group.html", context)


@login_required
def group_home(request: HttpRequest, slug: str) -> HttpResponse:
    return _group_page(request, slug)


@login_required
@require_POST
def support_organisation(request: HttpRequest, slug: str) -> HttpResponse:
    """The group names the one organisation it wants help from."""
    group = get_group_for_user(user=request.user, slug=slug)
    form = SupportOrganisationForm(request.POST)
    if form.is_valid():
        chosen = form.cleaned_data["organisation"]
        try:
            support.support_organisation_choose(
                group=group, actor=request.user, organisation=chosen
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Saved. Your next requests for support go to %(who)s.")
                % {"who": chosen.name if chosen else _("the people who run this Flourish site")},
            )
            return redirect("learning:group", slug=slug)
    return _group_page(request, slug, form)


@login_required
@require_POST
def prompt_answer(request: HttpRequest, slug: str, pk: int, answer: str) -> HttpResponse:
    group = get_group_for_user(user=request.user, slug=slug)
    prompt = get_prompt_for_group(group=group, pk=pk)
    if answer not in ANSWERS:
        raise Http404
    prompts.prompt_answer(prompt=prompt, actor=request.user, state=ANSWERS[answer])
    messages.success(request, _("Done. It is off your list."))
    return redirect("learning:group", slug=slug)


@login_required
@require_POST
def prompt_emails(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for_user(user=request.user, slug=slug)
    wanted = request.POST.get("email_prompts") == "on"
    prompts.prompt_emails_set(group=group, actor=request.user, email_prompts=wanted)
    if wanted:
        messages.success(
            request, _("We will also email your group's leads when something might help.")
        )
    else:
        messages.success(request, _("No more emails about this. Items still appear on this page."))
    return redirect("learning:group", slug=slug)
