"""Wellbeing check-ins: choose a measure, answer it, see your own history with its bands."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.core.decorators import sensitive_response
from flourish.outcomes.forms import CheckInForm
from flourish.outcomes.selectors.checkins import checkin_history, get_instrument, instrument_list
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
    return render(
        request, "outcomes/checkins.html", {"histories": checkin_history(person=request.user)}
    )
