"""An exchange's page, where each person does their part, and recording help already given."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from flourish.accounts.selectors import private_fields_of
from flourish.timebank.forms import (
    AgreeForm,
    DisputeForm,
    RecordDirectlyForm,
    RecordForm,
    ReverseForm,
)
from flourish.timebank.models import Exchange, ExchangeStatus, MemberStatus
from flourish.timebank.selectors.access import Place, get_exchange_for_place, get_place_for_user
from flourish.timebank.services import exchanges as services
from flourish.timebank.views.common import add_service_error, posted

Action = tuple[type[forms.Form], Callable[[Place, Exchange, Any, Any], Any], Any]


def _member(place: Place) -> Any:
    return place.member


ACTIONS: dict[str, Any] = {
    "agree": (
        AgreeForm,
        lambda place, exchange, form, user: services.exchange_agree(
            exchange=exchange, member=_member(place), actor=user, **form.cleaned_data
        ),
        _("You have agreed a time."),
    ),
    "decline": (
        forms.Form,
        lambda place, exchange, form, user: services.exchange_decline(
            exchange=exchange, member=_member(place), actor=user
        ),
        _("You have said no, kindly."),
    ),
    "record": (
        RecordForm,
        lambda place, exchange, form, user: services.exchange_record(
            exchange=exchange,
            minutes=form.minutes,
            happened_on=form.cleaned_data["happened_on"],
            actor=user,
        ),
        _("Time recorded. It moves once the person you helped confirms it."),
    ),
    "confirm": (
        forms.Form,
        lambda place, exchange, form, user: services.exchange_confirm(
            exchange=exchange,
            member=_member(place),
            actor=user,
            as_coordinator=place.is_coordinator
            and not exchange.shares.filter(member=place.member).exists(),
        ),
        _("Confirmed. Thank you."),
    ),
    "dispute": (
        DisputeForm,
        lambda place, exchange, form, user: services.exchange_dispute(
            exchange=exchange, member=_member(place), actor=user, **form.cleaned_data
        ),
        _("Thank you for telling us. The coordinator will be in touch."),
    ),
    "reverse": (
        ReverseForm,
        lambda place, exchange, form, user: services.exchange_reverse(
            exchange=exchange, actor=user, **form.cleaned_data
        ),
        _("The exchange is corrected; both statements show the correction."),
    ),
}


def _forms(data: Any = None, failed: str = "") -> dict[str, forms.Form]:
    return {
        name: (cls(data, prefix=name) if name == failed else cls(prefix=name))
        for name, (cls, _do, _said) in ACTIONS.items()
    }


@login_required
def exchange_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    exchange = get_exchange_for_place(place=place, pk=pk)
    return _render(request, place, exchange, _forms())


def _render(
    request: HttpRequest, place: Place, exchange: Exchange, action_forms: dict[str, forms.Form]
) -> HttpResponse:
    shares = list(exchange.shares.all())
    is_giver = place.member is not None and exchange.giver_id == place.member.pk
    is_receiver = place.member is not None and any(s.member_id == place.member.pk for s in shares)
    context = {
        "place": place,
        "timebank": place.timebank,
        "exchange": exchange,
        "shares": shares,
        "is_giver": is_giver,
        "is_receiver": is_receiver,
        # For people who phoned, or to settle a dispute: never help they gave or received.
        "confirms_as_coordinator": place.is_coordinator
        and not (is_giver or is_receiver)
        and exchange.status in (ExchangeStatus.RECORDED, ExchangeStatus.DISPUTED),
        "is_asked": place.member is not None and exchange.asked_by_id != place.member.pk,
        "action_forms": action_forms,
        "form": next((f for f in action_forms.values() if f.is_bound), None),
    }
    return render(request, "timebank/exchange.html", context)


@login_required
@require_POST
def exchange_act(request: HttpRequest, slug: str, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    place = get_place_for_user(user=request.user, slug=slug)
    exchange = get_exchange_for_place(place=place, pk=pk)
    if action == "reverse" and not place.is_coordinator:
        raise Http404
    _form_class, do, said = ACTIONS[action]
    action_forms = _forms(request.POST, failed=action)
    form = action_forms[action]
    if form.is_valid():
        try:
            do(place, exchange, form, request.user)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, said)
            return redirect("timebank:exchange", slug=slug, pk=pk)
    return _render(request, place, exchange, action_forms)


@login_required
def record_directly(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    members = (
        place.timebank.members.filter(status=MemberStatus.APPROVED)
        .select_related("user")
        .defer(*private_fields_of("user"))
    )
    giver = None if place.is_coordinator else place.member
    if giver is not None:
        members = members.exclude(pk=giver.pk)
    form = RecordDirectlyForm(posted(request), members=members, giver=giver)
    if "find" in request.POST:
        # Finding a member by name is not recording yet: keep what was typed, say nothing
        # about what is still to fill in.
        form.errors.clear()
    elif form.is_valid():
        data = form.cleaned_data
        try:
            exchange = services.exchange_record_directly(
                timebank=place.timebank,
                giver=data.get("giver") or _member(place),
                receivers=list(data["receivers"]),
                kind=data["kind"],
                minutes=form.minutes,
                happened_on=data["happened_on"],
                description=data["description"],
                help_kind=data["help_kind"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Recorded. It moves once it is confirmed."))
            return redirect("timebank:exchange", slug=slug, pk=exchange.pk)
    return render(
        request, "timebank/record.html", {"place": place, "timebank": place.timebank, "form": form}
    )
