"""Coordinators' pages for the community pot, referring someone for a mentor with their
consent, and partner timebanks."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.pagination import page_asked
from flourish.ledger.models import LedgerAccount
from flourish.timebank.forms_pages import PartnerAskForm, PotDrawForm, ReferForm
from flourish.timebank.models import PartnershipRequest, Timebank
from flourish.timebank.selectors.access import get_member_for_coordinator, get_place_for_user
from flourish.timebank.selectors.partners import asks_received, asks_sent, partners_of
from flourish.timebank.services import mentoring, partners
from flourish.timebank.services.accounts import POT_PURPOSE
from flourish.timebank.services.pot import pot_draw
from flourish.timebank.views.common import add_service_error, posted

PARTNERS_PER_PAGE = 25


def _pot_balance(timebank: Timebank) -> int:
    found = LedgerAccount.objects.filter(
        owner_type__app_label="timebank",
        owner_type__model="timebank",
        owner_id=str(timebank.pk),
        purpose=POT_PURPOSE,
    ).values_list("balance", flat=True)
    return next(iter(found), 0)


@login_required
def pot_draw_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    member = get_member_for_coordinator(place=place, pk=pk)
    form = PotDrawForm(posted(request), initial={"key": uuid.uuid4().hex})
    if form.is_valid():
        try:
            pot_draw(
                member=member,
                minutes=form.minutes,
                reason=form.cleaned_data["reason"],
                key=form.cleaned_data["key"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Hours from the community pot are now in %(name)s's account.") % {"name": member},
            )
            return redirect("timebank:member", slug=slug, pk=pk)
    context = {
        "place": place,
        "timebank": place.timebank,
        "member": member,
        "form": form,
        "pot_balance": _pot_balance(place.timebank),
    }
    return render(request, "timebank/pot_draw.html", context)


@login_required
def refer(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    member = get_member_for_coordinator(place=place, pk=pk)
    form = ReferForm(posted(request), timebank=place.timebank)
    if form.is_valid():
        scheme = form.cleaned_data["scheme"]
        try:
            mentoring.mentee_ask(
                scheme=scheme,
                member=member,
                hopes=form.cleaned_data["hopes"],
                actor=request.user,
                referred_by=request.user,
                consent_given=form.cleaned_data["consent_given"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request, _("%(name)s is on the waiting list for a mentor.") % {"name": member}
            )
            return redirect("timebank:scheme", slug=slug, scheme_slug=scheme.slug)
    context = {"place": place, "timebank": place.timebank, "member": member, "form": form}
    return render(request, "timebank/refer.html", context)


@login_required
def partner_list(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    timebank = place.timebank
    form = PartnerAskForm(posted(request), timebank=timebank)
    if "find" in request.POST:
        # Finding a timebank by name is not asking yet: say nothing of what is missing.
        form.errors.clear()
    elif form.is_valid():
        try:
            partners.partnership_ask(
                timebank=timebank, other=form.cleaned_data["other"], actor=request.user
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Asked. Their coordinator will see it on their partner timebanks page."),
            )
            return redirect("timebank:partners", slug=slug)
    lists = {
        "received": asks_received(timebank=timebank),
        "partners": partners_of(timebank=timebank),
        "sent": asks_sent(timebank=timebank),
    }
    context = {
        "place": place,
        "timebank": timebank,
        "form": form,
        # Each list is paged by its own name in the address (`?partners=2`).
        **{
            name: page_asked(request, items, size=PARTNERS_PER_PAGE, parameter=name)
            for name, items in lists.items()
        },
    }
    return render(request, "timebank/partners.html", context)


@login_required
@require_POST
def partner_act(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    timebank = place.timebank
    try:
        if action in ("accept", "decline"):
            found = PartnershipRequest.objects.filter(to_timebank=timebank, pk=pk).first()
            if found is None:
                raise Http404
            partners.partnership_answer(
                request=found, accept=action == "accept", actor=request.user
            )
            done = _("You are now partners.") if action == "accept" else _("Request declined.")
        elif action == "end":
            other = Timebank.objects.filter(Q(partners=timebank), pk=pk).first()
            if other is None:
                raise Http404
            partners.partnership_end(timebank=timebank, other=other, actor=request.user)
            done = _("The partnership has ended. Exchanges already made stay as they are.")
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect("timebank:partners", slug=slug)
