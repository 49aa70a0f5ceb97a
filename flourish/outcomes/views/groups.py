"""The person shares a goal, or one measure's check-ins, with one of their groups and stops;
people in the group (organisers only, or everyone, as the person chose) see it, each look
recorded and shown to the person."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.decorators import sensitive_response
from flourish.outcomes.forms import GroupShareForm
from flourish.outcomes.selectors.checkins import checkin_history, get_instrument
from flourish.outcomes.selectors.goals import get_goal_for_user
from flourish.outcomes.selectors.groups import (
    get_group_series_for_user,
    get_own_group_share,
    groups_of,
)
from flourish.outcomes.services import sharing
from flourish.outcomes.views.common import add_service_error, posted


@login_required
@sensitive_response
def goal_share_group(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    groups = groups_of(person=request.user)
    form = GroupShareForm(posted(request), groups=groups)
    if form.is_valid():
        try:
            share = sharing.group_share(
                person=request.user, goal=access.goal, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%s can now see this goal. You can stop this at any time.") % share.who(),
            )
            return redirect("outcomes:goal", pk=pk)
    context = {"goal": access.goal, "form": form, "has_groups": groups.exists()}
    return render(request, "outcomes/group_share.html", context)


@login_required
@sensitive_response
def series_share_group(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_instrument(slug=slug)
    groups = groups_of(person=request.user)
    form = GroupShareForm(posted(request), groups=groups)
    if form.is_valid():
        try:
            share = sharing.group_share(
                person=request.user, instrument=instrument, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%s can now see these check-ins. You can stop this at any time.") % share.who(),
            )
            return redirect("outcomes:checkins")
    context = {"instrument": instrument, "form": form, "has_groups": groups.exists()}
    return render(request, "outcomes/group_share.html", context)


@login_required
@require_POST
def group_share_withdraw(request: HttpRequest, share_pk: int) -> HttpResponse:
    share = get_own_group_share(person=request.user, pk=share_pk)
    sharing.group_share_withdraw(share=share, actor=request.user)
    messages.success(request, _("Stopped. Nobody in %s can see it any more.") % share.group)
    if share.goal_id:
        return redirect("outcomes:goal", pk=share.goal_id)
    return redirect("outcomes:checkins")


@login_required
@sensitive_response
def group_series(request: HttpRequest, share_pk: int) -> HttpResponse:
    share = get_group_series_for_user(user=request.user, pk=share_pk)
    sharing.group_series_read_record(share=share, reader=request.user)
    histories = checkin_history(person=share.person, instrument=share.instrument)
    return render(request, "outcomes/series_shared.html", {"share": share, "histories": histories})
