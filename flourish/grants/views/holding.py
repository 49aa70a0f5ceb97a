"""Holding partners: funder staff add them; the partner's people see what they hold for each
group and record what they pass on or spend."""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.core.pagination import page_of
from flourish.grants import money
from flourish.grants.forms.holding import HeldMoneyForm, HoldingPartnerForm
from flourish.grants.models import HoldingPartnership
from flourish.grants.services.holding import held_money_move, holding_partner_add
from flourish.grants.views.common import add_service_error, posted


@login_required
def holding_partners(request: HttpRequest, slug: str) -> HttpResponse:
    funder = money.get_funder_for_staff(user=request.user, slug=slug)
    form = HoldingPartnerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            partnership = holding_partner_add(
                funder=funder, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is now one of your holding partners.")
                % {"name": partnership.partner.name},
            )
            return redirect("grants:holding_partners", slug=funder.slug)
    partnerships = HoldingPartnership.objects.filter(funder=funder).select_related("partner")
    context = {"funder": funder, "form": form, "partnerships": partnerships}
    return render(request, "grants/holding/partners.html", context)


@login_required
def holding_home(request: HttpRequest) -> HttpResponse:
    partners = list(money.partner_list_for_member(user=request.user))
    if not partners:
        raise Http404
    if len(partners) == 1:
        return redirect("grants:holding_partner", slug=partners[0].slug)
    return render(request, "grants/holding/home.html", {"partners": partners})


AWARDS_PER_PAGE = 50


@login_required
def holding_partner(request: HttpRequest, slug: str) -> HttpResponse:
    partner = money.get_partner_for_member(user=request.user, slug=slug)
    # A partner that holds money for many groups, over years, holds hundreds of awards.
    page = page_of(
        items=money.awards_held_by_partner(partner=partner),
        number=request.GET.get("page"),
        size=AWARDS_PER_PAGE,
    )
    return render(request, "grants/holding/partner.html", {"partner": partner, "page": page})


@login_required
def held_money_record(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    award = money.get_held_award_for_member(user=request.user, slug=slug, pk=pk)
    form = HeldMoneyForm(posted(request), initial={"idempotency_key": uuid.uuid4().hex})
    if request.method == "POST" and form.is_valid():
        try:
            held_money_move(
                award=award,
                actor=request.user,
                kind=form.cleaned_data["kind"],
                amount_pence=form.cleaned_data["amount"],
                description=form.cleaned_data["description"],
                idempotency_key=form.cleaned_data["idempotency_key"],
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Recorded. The group can see it on its grant page."))
            return redirect("grants:holding_partner", slug=slug)
    context = {
        "partner": award.holding_partner,
        "award": award,
        "form": form,
        "held": money.award_held_money(award=award),
        "movements": money.award_held_movements(award=award),
    }
    return render(request, "grants/holding/record.html", context)
