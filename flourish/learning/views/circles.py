"""Circles of peers: join, start a conversation, reply, report a reply, and (moderators)
hide one."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.forms import FindByNameForm
from flourish.core.pagination import page_of, page_written_once
from flourish.learning.drawn import drawn_meetups, drawn_replies, drawn_threads
from flourish.learning.forms import (
    DigestForm,
    HideForm,
    ModeratorForm,
    ReplyForm,
    ReportForm,
    ThreadForm,
)
from flourish.learning.selectors.circles import (
    circles_of,
    circles_to_join,
    get_circle_for_joining,
    get_member_of_circle,
    get_reply_for_seat,
    get_seat_for_user,
    get_thread_for_seat,
    meetups_coming,
    members_of,
    open_reports,
    replies_of,
    thread_shown_to,
    threads_of,
)
from flourish.learning.services import circles
from flourish.learning.views.common import add_service_error, posted

CIRCLES_PER_PAGE = 25
THREADS_PER_PAGE = 25
MEMBERS_PER_PAGE = 50
REPLIES_PER_PAGE = 50


@login_required
def circle_list(request: HttpRequest) -> HttpResponse:
    find = FindByNameForm(request.GET, label=_("Find a circle to join by name"))
    name = find.searched
    others = page_of(
        items=circles_to_join(user=request.user, name=name),
        number=request.GET.get("page"),
        size=CIRCLES_PER_PAGE,
    )
    context = {
        "mine": circles_of(user=request.user),
        "others": others,
        "find_form": find,
        "name": name,
    }
    return render(request, "learning/circles.html", context)


@login_required
@require_POST
def circle_join(request: HttpRequest, slug: str) -> HttpResponse:
    circle = get_circle_for_joining(user=request.user, slug=slug)
    try:
        circles.circle_join(circle=circle, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("learning:circles")
    messages.success(request, _("You have joined. Read how we treat each other here first."))
    return redirect("learning:circle", slug=slug)


@login_required
def circle(request: HttpRequest, slug: str) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    page = page_written_once(
        threads_of,
        [seat.circle.pk],
        name="circle conversations",
        number=request.GET.get("page"),
        size=THREADS_PER_PAGE,
        total=seat.circle.thread_count,
    )
    context = {
        "seat": seat,
        "circle": seat.circle,
        "page": page,
        "threads": drawn_threads(list(page), seat=seat),
        "meetups": drawn_meetups(meetups_coming(circle=seat.circle), slug=seat.circle.slug),
        "digest_form": DigestForm(initial={"digest": seat.member.digest}),
        "feed_address": request.build_absolute_uri(
            reverse("learning:calendar_feed", args=[seat.member.feed_secret])
        ),
    }
    return render(request, "learning/circle.html", context)


@login_required
def thread_new(request: HttpRequest, slug: str) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    form = ThreadForm(posted(request))
    if form.is_valid():
        try:
            thread = circles.thread_start(
                circle=seat.circle, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("learning:thread", slug=slug, pk=thread.pk)
    return render(request, "learning/thread_new.html", {"circle": seat.circle, "form": form})


@login_required
def thread(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    found = get_thread_for_seat(seat=seat, pk=pk)
    if not thread_shown_to(thread=found, seat=seat):
        # Everyone else sees only that a moderator hid it: no words, no replies.
        return render(request, "learning/thread_hidden.html", {"circle": seat.circle})
    form = ReplyForm(posted(request))
    if form.is_valid():
        try:
            reply = circles.reply_post(thread=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your reply is posted."))
            last_page = found.reply_count // REPLIES_PER_PAGE + 1
            return redirect(f"{request.path}?page={last_page}#reply-{reply.pk}")
    page = page_written_once(
        replies_of,
        [found.pk],
        name="conversation replies",
        number=request.GET.get("page"),
        size=REPLIES_PER_PAGE,
        total=found.reply_count,
    )
    context = {
        "seat": seat,
        "circle": seat.circle,
        "thread": found,
        "page": page,
        "replies": drawn_replies(list(page), seat=seat),
        "form": form,
    }
    return render(request, "learning/thread.html", context)


@login_required
def reply_report(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    reply = get_reply_for_seat(seat=seat, pk=pk)
    form = ReportForm(posted(request))
    if form.is_valid():
        circles.reply_report(reply=reply, actor=request.user, **form.cleaned_data)
        messages.success(request, _("Thank you. The circle's moderators have been told."))
        return redirect("learning:thread", slug=slug, pk=reply.thread_id)
    context = {"circle": seat.circle, "reply": reply, "form": form}
    return render(request, "learning/reply_report.html", context)


@login_required
def reply_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    if not seat.is_moderator:
        raise Http404
    reply = get_reply_for_seat(seat=seat, pk=pk)
    form = HideForm(posted(request))
    if form.is_valid():
        try:
            circles.reply_hide(reply=reply, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The reply is hidden. Its author can see why."))
            return redirect("learning:thread", slug=slug, pk=reply.thread_id)
    context = {"circle": seat.circle, "reply": reply, "form": form}
    return render(request, "learning/reply_hide.html", context)


@login_required
def circle_reports(request: HttpRequest, slug: str) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    if not seat.is_moderator:
        raise Http404
    context = {"circle": seat.circle, "reports": open_reports(circle=seat.circle)}
    return render(request, "learning/circle_reports.html", context)


@login_required
def thread_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    seat = get_seat_for_user(user=request.user, slug=slug)
    if not seat.is_moderator:
        raise Http404
    found = get_thread_for_seat(seat=seat, pk=pk)
    form = HideForm(posted(request))
    if form.is_valid():
        try:
            circles.thread_hide(thread=found, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("The conversation is hidden. Its author can see why."))
            return redirect("learning:circle", slug=slug)
    context = {"circle": seat.circle, "thread": found, "form": form}
    return render(request, "learning/thread_hide.html", context)


@login_required
def circle_moderators(request: HttpRequest, slug: str) -> HttpResponse:
    """The circle's moderators make a member a moderator, or stop one moderating."""
    seat = get_seat_for_user(user=request.user, slug=slug)
    if not seat.is_moderator:
        raise Http404
    form = ModeratorForm(posted(request))
    if form.is_valid():
        member = get_member_of_circle(circle=seat.circle, pk=form.cleaned_data["member"])
        try:
            circles.moderator_set(
                member=member, actor=request.user, is_moderator=form.cleaned_data["moderator"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Saved. The circle's moderators have changed."))
            if member.user_id == request.user.pk and not member.is_moderator:
                return redirect("learning:circle", slug=slug)
        return redirect("learning:circle_moderators", slug=slug)
    page = page_of(
        items=members_of(circle=seat.circle),
        number=request.GET.get("page"),
        size=MEMBERS_PER_PAGE,
    )
    return render(request, "learning/circle_moderators.html", {"circle": seat.circle, "page": page})
