"""A group's own page: what it might need now, and the ways to support on its own terms."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.learning.models import PromptState
from flourish.learning.selectors.groups import get_group_for_user
from flourish.learning.selectors.prompts import (
    get_prompt_for_group,
    group_emails_prompts,
    waiting_prompts,
)
from flourish.learning.selectors.support import latest_health_check, support_requests_of
from flourish.learning.services import prompts

ANSWERS = {"done": PromptState.DONE, "not-relevant": PromptState.NOT_RELEVANT}


@login_required
def group_home(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for_user(user=request.user, slug=slug)
    context = {
        "group": group,
        "waiting": waiting_prompts(group=group, language=get_language()),
        "emails": group_emails_prompts(group=group),
        "health_check": latest_health_check(group=group),
        "support_requests": support_requests_of(group=group),
    }
    return render(request, "learning/group.html", context)


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
