"""Booking a group's offer with a personal budget, and the group's side of it."""

from typing import Any
from uuid import uuid4

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.budgets import selectors
from flourish.budgets.documents import booking_document, booking_pdf, pdf_in_english
from flourish.budgets.forms import BookForm
from flourish.budgets.models import BookingStatus, SpendingKind
from flourish.budgets.services import bookings as services
from flourish.budgets.services.brokers import broker_check_for
from flourish.budgets.views.common import add_service_error, posted
from flourish.core.formatting import format_pence
from flourish.core.pagination import page_number, page_of
from flourish.directory.forms import SearchForm
from flourish.directory.selectors import SearchQuery


def _can_book(access: selectors.Access) -> None:
    if not access.can_book:
        raise Http404


OFFERS_PER_PAGE = 25


@login_required
def offers(request: HttpRequest, pk: int) -> HttpResponse:
    """The support a budget can book, found as in the directory: by words, and nearest
    first from a postcode."""
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    _can_book(access)
    context = {"access": access, "budget": access.budget, **bookable_search(request)}
    return render(request, "budgets/offers.html", context)


def bookable_search(request: HttpRequest) -> dict[str, Any]:
    """The search for support a budget can pay for, from the request's query: its form,
    a page of what it found, and the query to keep on the other pages. Booking with a
    budget and proposing spending from a pool both start here."""
    asked = {name: request.GET[name] for name in SearchForm.MAIN_FIELDS if name in request.GET}
    form = SearchForm(asked or None)
    context: dict[str, Any] = {"form": form, "found": [], "page": None}
    if not form.is_bound or form.is_valid():
        query = form.search_query() if form.is_bound else SearchQuery()
        number = page_number(request.GET.get("page"))
        total, found = _bookable_page(query, number)
        page = Paginator(range(total), OFFERS_PER_PAGE).get_page(number)
        if page.number != number:  # asked for a page past the end: show the last one
            total, found = _bookable_page(query, page.number)
        context.update(found=found, page=page, query=urlencode(asked))
    return context


def _bookable_page(query: SearchQuery, number: int) -> tuple[int, list[Any]]:
    offset = (number - 1) * OFFERS_PER_PAGE
    return selectors.bookable_offers_page(query, offset=offset, limit=OFFERS_PER_PAGE)


@login_required
def book(request: HttpRequest, pk: int, offer_id: str) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    _can_book(access)
    offer = selectors.get_offer_for_booking(offer_id=offer_id)
    if refusal := services.offer_refusal(offer):
        # Said before the form is filled in, not after it is sent.
        context = {"access": access, "budget": access.budget, "offer": offer, "refusal": refusal}
        return render(request, "budgets/book.html", context)
    kinds = SpendingKind.objects.filter(plan__budget=access.budget)
    form = BookForm(posted(request), kinds=kinds, initial={"asked_with": uuid4().hex})
    if form.is_valid():
        data = form.cleaned_data
        try:
            booking = services.booking_ask(
                budget=access.budget,
                offer=offer,
                session_on=data["session_on"],
                quantity=data["quantity"],
                spending_kind=data["spending_kind"],
                share_name=data["share_name"],
                repeat=data["repeat"],
                sessions=data["sessions"],
                actor=request.user,
                broker_check=broker_check_for(access.broker),
                asked_with=data["asked_with"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Booked. The group will confirm it, then it is paid."))
            return redirect("budgets:booking", pk=pk, booking_pk=booking.pk)
    summary = selectors.budget_home(budget=access.budget, today=timezone.localdate())
    context = {
        "access": access,
        "budget": access.budget,
        "offer": offer,
        "form": form,
        "summary": summary,
    }
    return render(request, "budgets/book.html", context)


@login_required
def booking(request: HttpRequest, pk: int, booking_pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    found = selectors.get_booking_for_budget(access=access, pk=booking_pk)
    return _render_booking(request, access, found, forms.Form())


def _render_booking(
    request: HttpRequest, access: selectors.Access, found: Any, form: forms.Form
) -> HttpResponse:
    context = {
        "access": access,
        "budget": access.budget,
        "booking": found,
        "form": form,
        "sessions": selectors.booking_sessions(booking=found),
        "today": timezone.localdate(),
    }
    return render(request, "budgets/booking.html", context)


@login_required
@require_POST
def booking_cancel(request: HttpRequest, pk: int, booking_pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    _can_book(access)
    found = selectors.get_booking_for_budget(access=access, pk=booking_pk)
    form = forms.Form(request.POST)
    try:
        services.booking_cancel(booking=found, actor=request.user)
    except ValidationError as error:
        add_service_error(form, error)
        return _render_booking(request, access, found, form)
    messages.success(
        request,
        _(
            "The booking is cancelled. Money paid for any session still to come is back in "
            "the budget."
        ),
    )
    return redirect("budgets:booking", pk=pk, booking_pk=booking_pk)


@login_required
def group_bookings(request: HttpRequest, slug: str) -> HttpResponse:
    group = selectors.get_group_for_user(user=request.user, slug=slug)
    page = page_of(
        items=selectors.group_bookings(group=group), number=request.GET.get("page"), size=25
    )
    context = {"group": group, "page": page, "asked": BookingStatus.ASKED}
    return render(request, "budgets/group_bookings.html", context)


GROUP_ACTIONS = {
    "confirm": (
        services.booking_confirm,
        gettext_lazy("Confirmed. The money is on its way to your group."),
    ),
    "decline": (services.booking_decline, gettext_lazy("Declined. The person can see it.")),
}


@login_required
@require_POST
def group_booking_act(
    request: HttpRequest, slug: str, booking_pk: int, action: str
) -> HttpResponse:
    if action not in GROUP_ACTIONS:
        raise Http404
    group = selectors.get_group_for_user(user=request.user, slug=slug)
    found = selectors.get_booking_for_group(group=group, pk=booking_pk)
    do, said = GROUP_ACTIONS[action]
    try:
        done = do(booking=found, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, held_words(done) if done.held_by_partner else str(said))
    return redirect("budgets:group_bookings", slug=slug)


def held_words(booking: Any) -> str:
    """Who was paid, when a holding partner holds the money for the group."""
    return _(
        "Confirmed. %(partner)s was paid %(amount)s and holds it for %(group)s, as it holds "
        "your group’s grants."
    ) % {
        "partner": booking.paid_to.name,
        "amount": format_pence(booking.each_pence),
        "group": booking.group.name,
    }


@login_required
def receipt(request: HttpRequest, booking_pk: int) -> HttpResponse:
    found = selectors.get_receipt_for_user(user=request.user, pk=booking_pk)
    return _document(request, found, "receipt")


@login_required
def invoice(request: HttpRequest, booking_pk: int) -> HttpResponse:
    found = selectors.get_invoice_for_user(user=request.user, pk=booking_pk)
    return _document(request, found, "invoice")


def _document(request: HttpRequest, found: Any, kind: str) -> HttpResponse:
    """A receipt or invoice as a printable page, or as a PDF with ?format=pdf."""
    for_group = selectors.groups_led_by(user=request.user).filter(pk=found.group_id).exists()
    show_name = found.share_name or not for_group
    sessions = selectors.booking_sessions(booking=found)
    if request.GET.get("format") == "pdf":
        response = HttpResponse(
            booking_pdf(booking=found, show_name=show_name, kind=kind, sessions=sessions),
            content_type="application/pdf",
        )
        response["Content-Disposition"] = f'attachment; filename="{kind}-{found.pk}.pdf"'
        return response
    context = {
        "booking": found,
        "kind": kind,
        "document": booking_document(
            booking=found, show_name=show_name, kind=kind, sessions=sessions
        ),
        "pdf_in_english": pdf_in_english(get_language()),
    }
    return render(request, "budgets/receipt.html", context)
