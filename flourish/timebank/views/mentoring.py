"""Peer mentoring pages: the scheme, applying and asking, matching, and the pair's own page."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from flourish.core.decorators import sensitive_response
from flourish.timebank.forms_mentoring import (
    AimsForm,
    ConcernForm,
    EndForm,
    MatchForm,
    MenteeForm,
    MentorForm,
    SessionForm,
)
from flourish.timebank.selectors.access import get_place_for_user
from flourish.timebank.selectors.mentoring import (
    match_suggestions,
    mentoring_overview,
    pairs_for_member,
)
from flourish.timebank.selectors.mentoring_access import (
    get_application_for_coordinator,
    get_pair_for_user,
    get_scheme_for_place,
    get_waiting_for_coordinator,
)
from flourish.timebank.services import mentoring
from flourish.timebank.views.common import add_service_error, posted


@login_required
def scheme(request: HttpRequest, slug: str, scheme_slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    found = get_scheme_for_place(place=place, scheme_slug=scheme_slug)
    context: dict[str, Any] = {"place": place, "timebank": place.timebank, "scheme": found}
    context["pairs"] = pairs_for_member(scheme=found, user=request.user)
    if place.is_coordinator:
        context["overview"] = mentoring_overview(scheme=found)
    return render(request, "timebank/mentoring/scheme.html", context)


def _join_form(
    request: HttpRequest, slug: str, scheme_slug: str, form_class: type, do: Any, said: Any
) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    found = get_scheme_for_place(place=place, scheme_slug=scheme_slug)
    if place.member is None:
        raise Http404
    form = form_class(posted(request))
    if form.is_valid():
        try:
            do(scheme=found, member=place.member, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, said)
            return redirect("timebank:scheme", slug=slug, scheme_slug=scheme_slug)
    heading = _("Offer to mentor") if form_class is MentorForm else _("Ask for a mentor")
    context = {
        "place": place,
        "timebank": place.timebank,
        "scheme": found,
        "form": form,
        "heading": heading,
    }
    return render(request, "timebank/mentoring/join.html", context)


@login_required
def mentor_apply(request: HttpRequest, slug: str, scheme_slug: str) -> HttpResponse:
    said = _("Thank you. The coordinator will arrange your training and checks.")
    return _join_form(request, slug, scheme_slug, MentorForm, mentoring.mentor_apply, said)


@login_required
def mentee_ask(request: HttpRequest, slug: str, scheme_slug: str) -> HttpResponse:
    said = _("Thank you. The coordinator will find you a mentor and let you know.")
    return _join_form(request, slug, scheme_slug, MenteeForm, mentoring.mentee_ask, said)


@login_required
@require_POST
def mentor_approve(request: HttpRequest, slug: str, scheme_slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    found = get_scheme_for_place(place=place, scheme_slug=scheme_slug)
    application = get_application_for_coordinator(place=place, scheme=found, pk=pk)
    try:
        mentoring.mentor_approve(application=application, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Approved as a mentor."))
    return redirect("timebank:scheme", slug=slug, scheme_slug=scheme_slug)


@login_required
def suggestions(request: HttpRequest, slug: str, scheme_slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    found = get_scheme_for_place(place=place, scheme_slug=scheme_slug)
    mentee = get_waiting_for_coordinator(place=place, scheme=found, pk=pk)
    suggested = match_suggestions(mentee=mentee)
    form = MatchForm(posted(request), mentors=[s.mentor for s in suggested])
    if form.is_valid():
        try:
            mentoring.pair_propose(
                mentor=form.cleaned_data["mentor"], mentee=mentee, actor=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Match suggested. It starts once both of them accept."))
            return redirect("timebank:scheme", slug=slug, scheme_slug=scheme_slug)
    context = {
        "place": place,
        "timebank": place.timebank,
        "scheme": found,
        "mentee": mentee,
        "form": form,
        "suggestions": suggested,
    }
    return render(request, "timebank/mentoring/suggestions.html", context)


PAIR_ACTIONS: dict[str, Any] = {
    "accept": (
        forms.Form,
        lambda pair, form, user: mentoring.pair_accept(pair=pair, actor=user),
        _("Accepted."),
    ),
    "decline": (
        forms.Form,
        lambda pair, form, user: mentoring.pair_decline(pair=pair, actor=user),
        _("You have said no to this match. That is fine."),
    ),
    "aims": (
        AimsForm,
        lambda pair, form, user: mentoring.pair_aims_set(
            pair=pair, actor=user, **form.cleaned_data
        ),
        _("Your aims are saved."),
    ),
    "session": (
        SessionForm,
        lambda pair, form, user: mentoring.session_log(pair=pair, actor=user, **form.cleaned_data),
        _("Session logged."),
    ),
    "concern": (
        ConcernForm,
        lambda pair, form, user: mentoring.concern_raise(
            pair=pair, actor=user, **form.cleaned_data
        ),
        _("Your concern has gone to the coordinator. They will be in touch today."),
    ),
    "end": (
        EndForm,
        lambda pair, form, user: mentoring.pair_end(pair=pair, actor=user, **form.cleaned_data),
        _("Thank you for your reflection."),
    ),
}


@login_required
@sensitive_response
def pair(request: HttpRequest, slug: str, scheme_slug: str, pk: int) -> HttpResponse:
    return _pair_page(request, slug, scheme_slug, pk, action="")


@login_required
@require_POST
@sensitive_response
def pair_act(
    request: HttpRequest, slug: str, scheme_slug: str, pk: int, action: str
) -> HttpResponse:
    if action not in PAIR_ACTIONS:
        raise Http404
    return _pair_page(request, slug, scheme_slug, pk, action=action)


def _pair_page(
    request: HttpRequest, slug: str, scheme_slug: str, pk: int, action: str
) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    found = get_scheme_for_place(place=place, scheme_slug=scheme_slug)
    the_pair = get_pair_for_user(scheme=found, user=request.user, pk=pk)
    bound = {
        name: cls(request.POST if name == action else None, prefix=name)
        for name, (cls, _d, _s) in PAIR_ACTIONS.items()
    }
    if action and bound[action].is_valid():
        _cls, do, said = PAIR_ACTIONS[action]
        try:
            do(the_pair, bound[action], request.user)
        except ValidationError as error:
            add_service_error(bound[action], error)
        else:
            messages.success(request, said)
            return redirect("timebank:pair", slug=slug, scheme_slug=scheme_slug, pk=pk)
    is_mentor = the_pair.mentor.member.user_id == request.user.pk
    context = {
        "place": place,
        "timebank": place.timebank,
        "scheme": found,
        "pair": the_pair,
        "sessions": the_pair.sessions.all(),
        "pair_forms": bound,
        "is_mentor": is_mentor,
        "accepted": the_pair.mentor_accepted_at if is_mentor else the_pair.mentee_accepted_at,
        "form": bound[action] if action else None,
    }
    return render(request, "timebank/mentoring/pair.html", context)
