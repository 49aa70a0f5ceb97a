"""A circle's meet-ups (with a calendar file and each member's secret calendar address),
invitations by email to circles that are by invitation, and each member's email digest."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.learning.calendar import meetups_ics
from flourish.learning.forms import DigestForm, InviteForm, MeetupForm
from flourish.learning.selectors.circles import (
    Seat,
    get_invitation_for_user,
    get_meetup_for_seat,
    get_member_by_feed_secret,
    get_seat_for_user,
    meetups_for_feed,
)
from flourish.learning.services import circles, meetups
from flourish.learning.views.common import add_service_error, posted


def _moderator_seat(request: HttpRequest, slug: str) -> Seat:
    seat = get_seat_for_user(user=request.user, slug=slug)
    if not seat.is_moderator:
        raise Http404
    return seat


def _calendar(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def meetup_new(request: HttpRequest, slug: str) -> HttpResponse:
    seat = _moderator_seat(request, slug)
    form = MeetupForm(posted(request))
    if form.is_valid():
        data = dict(form.cleaned_data)
        minutes = data.pop("minutes")
        data["ends_at"] = data["starts_at"] + datetime.timedelta(minutes=minutes)
        try:
            meetups.meetup_add(circle=seat.circle, actor=request.user, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The meet-up is on the circle's page and calendars."))
            return redirect("learning:circle", slug=slug)
    return render(request, "learning/meetup_new.html", {"circle": seat.circle, "form": form})


@login_required
def meetup_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    meetup = get_meetup_for_seat(seat=seat, pk=pk)
    return _calendar(meetups_ics(circle=seat.circle, meetups=[meetup]), f"meetup-{pk}.ics")


def calendar_feed(request: HttpRequest, secret: str) -> HttpResponse:
    """A member's subscription: calendar apps cannot sign in, so the secret is the key."""
    member = get_member_by_feed_secret(secret=secret)
    found = meetups_for_feed(circle=member.circle)
    return _calendar(meetups_ics(circle=member.circle, meetups=found), "meetups.ics")


@login_required
@require_POST
def calendar_renew(request: HttpRequest, slug: str) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    circles.member_feed_renew(member=seat.member, actor=request.user)
    messages.success(
        request,
        _("Your calendar address is new. Subscribe again with it: the old one has stopped."),
    )
    return redirect("learning:circle", slug=slug)


@login_required
@require_POST
def digest_set(request: HttpRequest, slug: str) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    form = DigestForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose every day, every week or never, then save."))
        return redirect("learning:circle", slug=slug)
    circles.member_digest_set(member=seat.member, actor=request.user, **form.cleaned_data)
    messages.success(request, _("Saved how often we email you about this circle."))
    return redirect("learning:circle", slug=slug)


@login_required
def circle_invite(request: HttpRequest, slug: str) -> HttpResponse:
    seat = _moderator_seat(request, slug)
    form = InviteForm(posted(request))
    if form.is_valid():
        try:
            meetups.circle_invite(circle=seat.circle, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s. It works for 30 days.")
                % {"email": form.cleaned_data["email"]},
            )
            return redirect("learning:circle", slug=slug)
    return render(request, "learning/circle_invite.html", {"circle": seat.circle, "form": form})


@login_required
def invitation(request: HttpRequest, secret: str) -> HttpResponse:
    """The invited person reads about the circle and joins (POST)."""
    found = get_invitation_for_user(user=request.user, secret=secret)
    if request.method == "POST":
        try:
            meetups.invitation_accept(invitation=found, actor=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("You have joined. Read how we treat each other here first.")
            )
            return redirect("learning:circle", slug=found.circle.slug)
    context = {"invitation": found, "open": meetups.invitation_is_open(found)}
    return render(request, "learning/invitation.html", context)
