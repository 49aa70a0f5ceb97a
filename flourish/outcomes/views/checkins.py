"""Wellbeing check-ins: choose a measure, answer it, see your own history with its bands."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.decorators import sensitive_response
from flourish.outcomes.forms import CheckInForm, SeriesShareForm
from flourish.outcomes.selectors.checkins import (
    checkin_history,
    get_instrument,
    get_own_share,
    get_shared_series_for_user,
    instrument_list,
    series_shares_of,
)
from flourish.outcomes.selectors.groups import group_series_shares_of
from flourish.outcomes.services import sharing
from flourish.outcomes.services.checkins import checkin_record
from flourish.outcomes.views.common import add_service_error, posted


@login_required
def checkin_list(request: HttpRequest) -> HttpResponse:
    return render(request, "outcomes/checkin_list.html", {"instruments": instrument_list()})


@login_required
@sensitive_response
def checkin_new(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_instrument(slug=slug)
    form = CheckInForm(posted(request), definition=instrument.definition)
    if form.is_valid():
        try:
            checkin_record(
                person=request.user,
                instrument=instrument,
                answers=form.cleaned_data,
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("Thank you. Your check-in is saved, and only you can see it.")
            )
            return redirect("outcomes:checkins")
    return render(request, "outcomes/checkin_new.html", {"instrument": instrument, "form": form})


@login_required
@sensitive_response
def checkins(request: HttpRequest) -> HttpResponse:
    shares = series_shares_of(person=request.user)
    groups = group_series_shares_of(person=request.user)
    histories = checkin_history(person=request.user)
    context = {
        "histories": [
            (h, shares.get(h.instrument.pk, []), groups.get(h.instrument.pk, [])) for h in histories
        ]
    }
    return render(request, "outcomes/checkins.html", context)


@login_required
@sensitive_response
def series_share(request: HttpRequest, slug: str) -> HttpResponse:
    instrument = get_instrument(slug=slug)
    form = SeriesShareForm(posted(request))
    if form.is_valid():
        try:
            share = sharing.series_share(
                person=request.user, instrument=instrument, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%s can now see these check-ins. You can stop this at any time.") % share.viewer,
            )
            return redirect("outcomes:checkins")
    return render(request, "outcomes/series_share.html", {"instrument": instrument, "form": form})


@login_required
@require_POST
def series_share_withdraw(request: HttpRequest, slug: str, share_pk: int) -> HttpResponse:
    share = get_own_share(person=request.user, instrument=get_instrument(slug=slug), pk=share_pk)
    sharing.series_share_withdraw(share=share, actor=request.user)
    messages.success(request, _("Stopped. %s can no longer see these check-ins.") % share.viewer)
    return redirect("outcomes:checkins")


@login_required
@sensitive_response
def series_shared(request: HttpRequest, share_pk: int) -> HttpResponse:
    share = get_shared_series_for_user(user=request.user, pk=share_pk)
    sharing.series_read_record(share=share, reader=request.user)
    histories = checkin_history(person=share.person, instrument=share.instrument)
    return render(request, "outcomes/series_shared.html", {"share": share, "histories": histories})
