"""Funder staff, associates and panel members: the list, the sift, follow-up and decision."""

import uuid
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.accounts.models import Role, User
from flourish.core.decorators import sensitive_response
from flourish.core.formatting import format_pence
from flourish.core.pagination import page_of
from flourish.core.spreadsheets import csv_response
from flourish.grants import selectors
from flourish.grants.dashboard import Row, programme_dashboard
from flourish.grants.forms import (
    ApplicationFilterForm,
    AssignForm,
    ConversationForm,
    DecisionForm,
    OnBehalfForm,
    PayForm,
    RecommendationForm,
    SiftForm,
)
from flourish.grants.models import AcceptanceMethod, Application, DecisionOutcome
from flourish.grants.money import (
    funder_list_for_staff,
    held_money_for_group,
    holding_partners_for_funder,
)
from flourish.grants.services import decisions, payments
from flourish.grants.services.applications import application_sensitive_read
from flourish.grants.services.on_behalf import application_start_on_behalf
from flourish.grants.status import payment_made
from flourish.grants.views.common import add_service_error, posted

PAGE_SIZE = 25


# The staff home's lists grow with the years: each comes a page at a time, with its own
# page number in the address so that paging one leaves the others where they were.
PROGRAMMES_PER_PAGE = 25
PANELS_PER_PAGE = 25
FOLLOW_UPS_PER_PAGE = 50


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    programmes = selectors.programme_list_for_staff(user=request.user)
    # Associates make most calls, so they can apply for a group without running
    # programmes. Only programmes still taking applications can take one by phone.
    by_phone = (
        selectors.programme_list_for_phone_applications(user=request.user)
        .exclude(pk__in=programmes.values("pk"))
        .exclude(closes_on__lt=today)
    )
    panels = selectors.panel_list_for_user(user=request.user)
    follow_ups = selectors.application_list_to_follow_up(user=request.user)

    def page(items: Any, size: int, parameter: str) -> Page:
        return page_of(items=items, number=request.GET.get(parameter), size=size)

    context = {
        "programmes": page(
            selectors.open_ones_first(programmes, today=today), PROGRAMMES_PER_PAGE, "programmes"
        ),
        "by_phone": page(
            selectors.open_ones_first(by_phone, today=today), PROGRAMMES_PER_PAGE, "by_phone"
        ),
        "panels": page(selectors.coming_ones_first(panels, today=today), PANELS_PER_PAGE, "panels"),
        "assigned": page(follow_ups, FOLLOW_UPS_PER_PAGE, "assigned"),
        "funders": funder_list_for_staff(user=request.user),
    }
    return render(request, "grants/manage.html", context)


# An id no application has, replaced in one reversed link to make each row's.
LINK_PLACEHOLDER = 987654321987


@login_required
def programme_applications(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_to_read_for_staff(user=request.user, slug=slug)
    categories = selectors.categories_kept(programme=programme)
    form = ApplicationFilterForm(request.GET or None, categories=categories)
    filters = selectors.ApplicationFilters(**form.cleaned_data) if form.is_valid() else None
    filters = filters or selectors.ApplicationFilters()
    page = selectors.application_page_for_programme(
        programme=programme, filters=filters, number=request.GET.get("page"), size=PAGE_SIZE
    )
    page.object_list = selectors.with_status_labels(page.object_list)
    # One reversal for the page: each row's link is the same path with its own id.
    link = reverse("grants:review", args=[LINK_PLACEHOLDER])
    for application in page.object_list:
        application.review_url = link.replace(str(LINK_PLACEHOLDER), str(application.pk))  # type: ignore[attr-defined]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "programme": programme,
        "filter_form": form,
        "page": page,
        "query": query.urlencode(),
    }
    return render(request, "grants/programme_applications.html", context)


@sensitive_response
@login_required
def review(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_reviewer(user=request.user, pk=pk)
    context = {
        "application": application,
        "lines": application.spend_lines.select_related("category"),
        "conversations": application.conversations.select_related("associate"),
        "recommendation": getattr(application, "recommendation", None),
        "decision": getattr(application, "decision", None),
        "payments": selectors.application_payments(application=application),
        "report": selectors.application_report(application=application),
        "held": held_money_for_group(application=application),
        "can_manage": request.user.has_perm("grants.decide_application", application),
        "decision_waits_for": (
            decisions.decision_waits_for(application) if application.is_undecided else None
        ),
        "can_follow_up": request.user.has_perm("grants.follow_up_application", application),
        "can_open_attachment": request.user.has_perm("grants.open_attachment", application),
    }
    # Every reader sees what the group wrote about its people; only those who
    # follow up see how to reach them. Both are recorded, so the group can see who looked.
    shown = ["communities", "what_you_want_to_do", "who_it_helps"]
    if context["can_follow_up"]:
        shown += ["applicant_name", "contact_detail", "access_needs"]
    application_sensitive_read(application=application, actor=request.user, fields=shown)
    return render(request, "grants/review.html", context)


def _action(
    request: HttpRequest, application: Application, form: Any, act: Any, title: str
) -> HttpResponse:
    """Bind the form, call one service, and go back to the application, or show the errors."""
    if request.method == "POST" and form.is_valid():
        try:
            act(form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("grants:review", pk=application.pk)
    context = {"application": application, "form": form, "title": title}
    return render(request, "grants/action.html", context)


@login_required
def sift(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(user=request.user, pk=pk)
    initial = {"decline_message": decisions.decline_message_default(application=application)}
    form = SiftForm(posted(request), initial=initial)
    return _action(
        request,
        application,
        form,
        lambda data: decisions.application_sift(
            application=application, actor=request.user, **data
        ),
        _("Sift this application"),
    )


@login_required
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(user=request.user, pk=pk)
    people = User.objects.filter(
        memberships__organisation_id=application.programme.funder_id,
        memberships__role__in=(Role.ASSOCIATE, Role.FUNDER_STAFF),
    ).distinct()
    form = AssignForm(posted(request), people=people)
    return _action(
        request,
        application,
        form,
        lambda data: decisions.application_assign(
            application=application, actor=request.user, associate=data["associate"]
        ),
        _("Choose who follows this up"),
    )


def _get_application_to_follow_up(request: HttpRequest, pk: int) -> Application:
    """The application, if this person is its staff or its assigned associate; else 404."""
    application = selectors.get_application_for_reviewer(user=request.user, pk=pk)
    if not request.user.has_perm("grants.follow_up_application", application):
        raise Http404
    return application


@login_required
def conversation(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_to_follow_up(request, pk)
    form = ConversationForm(posted(request))
    return _action(
        request,
        application,
        form,
        lambda data: decisions.conversation_log(
            application=application, actor=request.user, **data
        ),
        _("Log a conversation"),
    )


@login_required
def recommend(request: HttpRequest, pk: int) -> HttpResponse:
    application = _get_application_to_follow_up(request, pk)
    form = RecommendationForm(posted(request))
    return _action(
        request,
        application,
        form,
        lambda data: decisions.recommendation_write(
            application=application,
            actor=request.user,
            background=data["background"],
            verdict=data["verdict"],
            suggested_amount_pence=data["suggested_amount"],
            conditions=data["conditions"],
        ),
        _("Write a recommendation"),
    )


@login_required
@require_POST
def shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(user=request.user, pk=pk)
    try:
        decisions.application_shortlist(application=application, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("grants:review", pk=pk)


def _decide(application: Application, actor: Any, data: dict[str, Any]) -> None:
    if data["outcome"] == DecisionOutcome.AWARD:
        decisions.award_make(
            application=application,
            actor=actor,
            amount_pence=data["amount"],
            conditions=data["conditions"],
            reasons=data["reasons"],
            holding_partner=data["holding_partner"],
        )
    else:
        decisions.application_decline(
            application=application, actor=actor, reasons=data["reasons"], feedback=data["feedback"]
        )


@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(user=request.user, pk=pk)
    form = DecisionForm(posted(request))
    # Only the holding partners this funder has agreed terms with can hold its grants.
    form.fields["holding_partner"].queryset = holding_partners_for_funder(  # type: ignore[attr-defined]
        funder=application.programme.funder
    )
    return _action(
        request,
        application,
        form,
        lambda data: _decide(application, request.user, data),
        _("Record the decision"),
    )


@login_required
def pay(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(user=request.user, pk=pk)
    award = getattr(application, "award", None)
    if award is None:
        raise Http404
    # A fresh key each time the page is shown: a double click sends the same key twice.
    form = PayForm(posted(request), award=award, initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            payment = payments.award_pay(
                award=award,
                actor=request.user,
                idempotency_key=data["idempotency_key"],
                to_supplier=data["payee"] == "supplier",
                supplier_name=data["supplier_name"],
                supplier_for=data["supplier_for"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            # Say who holds the money now: a holding partner's payment has not reached the group.
            messages.success(request, str(payment_made(payment)))
            return redirect("grants:review", pk=application.pk)
    # The button says what pressing it does, with the amount: money sent cannot be unsent.
    context = {
        "application": application,
        "form": form,
        "title": _("Pay this grant"),
        "button": _("Pay %(amount)s") % {"amount": format_pence(award.left_to_pay)},
    }
    return render(request, "grants/action.html", context)


@login_required
@require_POST
def record_acceptance(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_staff(user=request.user, pk=pk)
    award = getattr(application, "award", None)
    if award is None:
        raise Http404
    try:
        decisions.award_accept(award=award, actor=request.user, how=AcceptanceMethod.VERBAL)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("grants:review", pk=pk)


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    figures = programme_dashboard(programme=programme)
    table = request.GET.get("download")
    tables = {
        "category": figures.by_category,
        "area": figures.by_area,
        "community": figures.by_community,
    }
    if table in tables:
        return _csv(f"{programme.slug}-{table}.csv", tables[table])
    return render(request, "grants/dashboard.html", {"programme": programme, "d": figures})


def _csv(filename: str, rows: list[Row]) -> HttpResponse:
    lines: list[list[object]] = [["Name", "Awards", "Amount (£)"]]
    for row in rows:
        if row.hidden:
            lines.append([row.label, row.hidden_label, ""])
        else:
            lines.append([row.label, row.awards, f"{row.pence / 100:.2f}"])
    return csv_response(filename, lines)


@login_required
def apply_on_behalf(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_phone_application(user=request.user, slug=slug)
    form = OnBehalfForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "consent"}
        try:
            application = application_start_on_behalf(
                programme=programme, actor=request.user, **data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("grants:question", pk=application.pk, question="about-you")
    context = {"application": None, "programme": programme, "form": form}
    return render(request, "grants/apply_on_behalf.html", context)


@sensitive_response
@login_required
def attachment(request: HttpRequest, pk: int) -> FileResponse:
    application = selectors.get_application_for_reviewer(user=request.user, pk=pk)
    if not application.attachment or not request.user.has_perm(
        "grants.open_attachment", application
    ):
        raise Http404
    application_sensitive_read(application=application, actor=request.user, fields=["attachment"])
    return FileResponse(
        application.attachment.open("rb"),
        as_attachment=True,
        filename=application.attachment_name or application.attachment.name.rsplit("/", 1)[-1],
    )
