"""The health check and support requests, for a group and for the people who run support."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.pagination import page_of
from flourish.learning.forms import (
    HealthCheckForm,
    HowItWentForm,
    ShareForm,
    SupportAskForm,
    SupportNoteForm,
    TakeOnForm,
)
from flourish.learning.health import ANSWERS, QUESTIONS, suggested_guides
from flourish.learning.models import HealthCheck
from flourish.learning.rules import may_help_with, reads_shared_health_checks, runs_support
from flourish.learning.selectors.groups import get_group_for_user
from flourish.learning.selectors.guides import guide_versions_for_slugs
from flourish.learning.selectors.support import (
    get_health_check_for_user,
    get_support_request_for_user,
    health_check_shares,
    in_group,
    share_choices,
    shared_health_checks,
    support_requests_open,
)
from flourish.learning.services import support
from flourish.learning.views.common import add_service_error, posted


@login_required
def health_check(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for_user(user=request.user, slug=slug)
    form = HealthCheckForm(posted(request))
    if form.is_valid():
        data = dict(form.cleaned_data)
        share = data.pop("share")
        try:
            check = support.health_check_record(
                group=group, actor=request.user, answers=data, share=share
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("learning:health_check_answers", slug=slug, pk=check.pk)
    return render(request, "learning/health_check.html", {"group": group, "form": form})


def _answers_page(
    request: HttpRequest, check: HealthCheck, share_form: ShareForm | None = None
) -> HttpResponse:
    labels = dict(ANSWERS)
    answered = [(q.text, labels.get(check.answers.get(q.key, ""), "")) for q in QUESTIONS]
    slugs = suggested_guides(check.answers)
    found = guide_versions_for_slugs(slugs=slugs, language=get_language())
    mine = in_group(user=request.user, group=check.group)
    context = {
        "check": check,
        "group": check.group,
        "answered": answered,
        "guides": [found[s] for s in slugs if s in found],
        "mine": mine,
        "shares": list(health_check_shares(check=check)) if mine else [],
    }
    if mine:
        choices = share_choices(group=check.group)
        context["share_form"] = share_form or ShareForm(choices=choices)
        context["can_share"] = share_form is not None or choices.exists()
    return render(request, "learning/health_check_answers.html", context)


def _own_check(request: HttpRequest, slug: str, pk: int) -> HealthCheck:
    """A health check of one of the person's own groups (404 otherwise)."""
    group = get_group_for_user(user=request.user, slug=slug)
    return get_object_or_404(HealthCheck.objects.select_related("group"), group=group, pk=pk)


@login_required
def health_check_answers(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    check = get_health_check_for_user(user=request.user, pk=pk)
    if check.group.slug != slug:
        raise Http404
    return _answers_page(request, check)


@login_required
@require_POST
def health_check_share(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The group shows these answers to a funder it applied to or its support organisation."""
    check = _own_check(request, slug, pk)
    form = ShareForm(request.POST, choices=share_choices(group=check.group))
    if form.is_valid():
        organisation = form.cleaned_data["organisation"]
        try:
            support.health_check_share(check=check, actor=request.user, organisation=organisation)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Shared with %(who)s. You can stop sharing at any time.")
                % {"who": organisation.name},
            )
            return redirect("learning:health_check_answers", slug=slug, pk=pk)
    return _answers_page(request, check, share_form=form)


@login_required
@require_POST
def health_check_share_withdraw(
    request: HttpRequest, slug: str, pk: int, share_pk: int
) -> HttpResponse:
    check = _own_check(request, slug, pk)
    share = get_object_or_404(check.shares.select_related("organisation"), pk=share_pk)
    support.health_check_share_withdraw(share=share, actor=request.user)
    messages.success(
        request,
        _("You stopped sharing these answers with %(who)s.") % {"who": share.organisation.name},
    )
    return redirect("learning:health_check_answers", slug=slug, pk=pk)


@login_required
def shared_with_me(request: HttpRequest) -> HttpResponse:
    """Health checks groups chose to show to the person's funder or support organisation."""
    if not reads_shared_health_checks(request.user):
        raise Http404
    return render(
        request,
        "learning/shared_health_checks.html",
        {"shares": shared_health_checks(user=request.user)},
    )


@login_required
def support_ask(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for_user(user=request.user, slug=slug)
    form = SupportAskForm(posted(request))
    if form.is_valid():
        try:
            asked = support.support_request_create(
                group=group, actor=request.user, what=form.cleaned_data["what"]
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Sent. Someone who runs support will pick it up and get in touch.")
            )
            return redirect("learning:support_request", pk=asked.pk)
    return render(request, "learning/support_ask.html", {"group": group, "form": form})


SUPPORT_REQUESTS_PER_PAGE = 50


@login_required
def support_list(request: HttpRequest) -> HttpResponse:
    if not runs_support(request.user):
        raise Http404
    # Every open request in the country, for the site's administrators: a page at a time.
    page = page_of(
        items=support_requests_open(user=request.user),
        number=request.GET.get("page"),
        size=SUPPORT_REQUESTS_PER_PAGE,
    )
    return render(request, "learning/support_list.html", {"page": page})


def _support_page(request: HttpRequest, pk: int, **forms: object) -> HttpResponse:
    support_request = get_support_request_for_user(user=request.user, pk=pk)
    helping = may_help_with(request.user, support_request)
    context = {
        "support_request": support_request,
        "runs_support": helping,
        "notes": support_request.notes.select_related("written_by") if helping else [],
        # Changing the help agreed starts from what was agreed, not from an empty box.
        "take_on_form": forms.get("take_on_form")
        or TakeOnForm(initial={"agreed_help": support_request.agreed_help}),
        "note_form": forms.get("note_form") or SupportNoteForm(),
        "how_form": forms.get("how_form") or HowItWentForm(),
    }
    context["form"] = next((f for f in forms.values() if f is not None), None)
    return render(request, "learning/support_request.html", context)


@login_required
def support_request(request: HttpRequest, pk: int) -> HttpResponse:
    return _support_page(request, pk)


@login_required
@require_POST
def support_take_on(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_support_request_for_user(user=request.user, pk=pk)
    if not may_help_with(request.user, found):
        raise Http404
    form = TakeOnForm(request.POST)
    changing = found.helper_id is not None
    if form.is_valid():
        try:
            support.support_request_take_on(
                support_request=found, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            done = (
                _("The help agreed is changed. The group can see it.")
                if changing
                else _("You are helping. The group can see your name and the help agreed.")
            )
            messages.success(request, done)
            return redirect("learning:support_request", pk=pk)
    return _support_page(request, pk, take_on_form=form)


@login_required
@require_POST
def support_note(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_support_request_for_user(user=request.user, pk=pk)
    if not may_help_with(request.user, found):
        raise Http404
    form = SupportNoteForm(request.POST)
    if form.is_valid():
        support.support_note_log(support_request=found, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Conversation logged."))
        return redirect("learning:support_request", pk=pk)
    return _support_page(request, pk, note_form=form)


@login_required
@require_POST
def support_how_it_went(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_support_request_for_user(user=request.user, pk=pk)
    if not in_group(user=request.user, group=found.group):
        raise Http404  # the group says how it went, not the people who helped
    form = HowItWentForm(request.POST)
    if form.is_valid():
        try:
            support.support_request_rate(
                support_request=found, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Thank you for saying how it went."))
            return redirect("learning:support_request", pk=pk)
    return _support_page(request, pk, how_form=form)
