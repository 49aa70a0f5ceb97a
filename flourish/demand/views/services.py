"""A service's pages: the quick log, the chart, change notes, settings and downloads."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from flourish.core.decorators import sensitive_response
from flourish.core.pagination import page_asked
from flourish.core.spreadsheets import csv_lines
from flourish.demand.charts import drawing
from flourish.demand.drawn import drawn_chart
from flourish.demand.forms import ContactForm, NoteForm, ServiceForm
from flourish.demand.models import Channel
from flourish.demand.selectors import (
    board_homes_for,
    board_list_for_user,
    chart_rows,
    contact_rows,
    get_service_for_lead,
    get_service_for_user,
    known_causes,
    organisations_led_by,
    public_service_list,
    service_list_for_user,
    service_report,
)
from flourish.demand.services.contacts import (
    contact_log,
    note_add,
    service_create,
    service_update,
)
from flourish.demand.views.common import add_service_error, posted

LAST_CHANNEL = "demand_last_channel"
# A person's services and boards, and the public charts, a page at a time: a network's
# lead may belong to dozens of organisations, each with services and boards.
LISTS_PER_PAGE = 25


def index(request: HttpRequest) -> HttpResponse:
    """Your services and boards; anyone sees the services whose charts are public."""
    user = request.user
    signed_in = user.is_authenticated
    context: dict[str, Any] = {
        "services": None,
        "boards": None,
        "public_services": page_asked(
            request, public_service_list(), size=LISTS_PER_PAGE, parameter="public"
        ),
        "can_start": signed_in and organisations_led_by(user=user).exists(),
        "can_open_board": bool(board_homes_for(user=user)),
    }
    if signed_in:
        # Each list is paged by its own name in the address (`?boards=2`).
        context["services"] = page_asked(
            request, service_list_for_user(user=user), size=LISTS_PER_PAGE, parameter="services"
        )
        context["boards"] = page_asked(
            request, board_list_for_user(user=user), size=LISTS_PER_PAGE, parameter="boards"
        )
    return render(request, "demand/index.html", context)


@login_required
def service_new(request: HttpRequest) -> HttpResponse:
    organisations = organisations_led_by(user=request.user)
    if not organisations.exists():
        raise Http404
    form = ServiceForm(posted(request), organisations=organisations)
    if form.is_valid():
        data = form.cleaned_data
        try:
            service = service_create(
                actor=request.user,
                organisation=data["organisation"],
                name=data["name"],
                description=data["description"],
                period=data["period"],
                chart_is_public=data["chart_is_public"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Service started. Log the first contact."))
            return redirect("demand:log", slug=service.slug)
    return render(request, "demand/service_new.html", {"form": form})


def service_detail(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_service_for_user(user=request.user, slug=slug)
    report = service_report(
        service=view.service,
        today=timezone.localdate(),
        period=request.GET.get("by", ""),
        words_shown=10 if view.is_team else 0,
    )
    picture = drawing(report.rows, draw_limits=not report.chart.too_early)
    context = {
        "view": view,
        "service": view.service,
        "report": report,
        "chart_figures": drawn_chart(report, picture),
    }
    response = render(request, "demand/service.html", context)
    if view.is_team:
        add_never_cache_headers(response)  # the team's page holds people's own words
    return response


@login_required
def log(request: HttpRequest, slug: str) -> HttpResponse:
    """The quick log: keyboard-first, one page, back to an empty form after each save."""
    view = get_service_for_user(user=request.user, slug=slug, team=True)
    initial = {"channel": request.session.get(LAST_CHANNEL, Channel.PHONE)}
    form = ContactForm(posted(request), initial=initial)
    if form.is_valid():
        try:
            contact_log(actor=request.user, service=view.service, **form.contact_fields())
        except ValidationError as error:
            add_service_error(form, error)
        else:
            request.session[LAST_CHANNEL] = form.cleaned_data["channel"]
            # Said on the page itself, not as a message: a message banner would take the
            # focus from the words box, and the next contact should be typed straight away.
            return redirect(reverse("demand:log", args=[slug]) + "?saved=1")
    context = {
        "view": view,
        "service": view.service,
        "form": form,
        "causes": known_causes(service=view.service),
        "saved": request.GET.get("saved") == "1" and request.method == "GET",
    }
    return render(request, "demand/log.html", context)


@login_required
def note_new(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_service_for_user(user=request.user, slug=slug, team=True)
    form = NoteForm(posted(request))
    if form.is_valid():
        try:
            note_add(actor=request.user, service=view.service, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Change noted. It is marked on the chart."))
            return redirect("demand:service", slug=slug)
    return render(
        request, "demand/note_new.html", {"view": view, "service": view.service, "form": form}
    )


@login_required
def settings(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_service_for_lead(user=request.user, slug=slug)
    form = ServiceForm(posted(request), instance=view.service)
    if form.is_valid():
        data = form.cleaned_data
        try:
            service_update(actor=request.user, service=view.service, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Settings saved."))
            return redirect("demand:service", slug=slug)
    return render(
        request, "demand/settings.html", {"view": view, "service": view.service, "form": form}
    )


@login_required
@sensitive_response
def contacts_download(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """Every contact, for the team only: people's words stay with the team."""
    view = get_service_for_user(user=request.user, slug=slug, team=True)
    response = StreamingHttpResponse(
        csv_lines(contact_rows(service=view.service)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-contacts.csv"'
    return response


def chart_download(request: HttpRequest, slug: str) -> StreamingHttpResponse:
    """The chart's figures, for whoever may see the chart."""
    view = get_service_for_user(user=request.user, slug=slug)
    report = service_report(
        service=view.service,
        today=timezone.localdate(),
        period=request.GET.get("by", ""),
        words_shown=0,
    )
    response = StreamingHttpResponse(
        csv_lines(chart_rows(report=report)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{slug}-{report.period}.csv"'
    return response
