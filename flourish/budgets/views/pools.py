"""Pooled budgets: forming and joining a pool, proposing, voting, and what came of it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.budgets import selectors
from flourish.budgets.forms import (
    JoinPoolForm,
    PoolForm,
    ProposalForm,
    ProposalOutcomeForm,
    VoteForm,
)
from flourish.budgets.models import ProposalStatus
from flourish.budgets.services import pools as services
from flourish.budgets.views.bookings import bookable_search
from flourish.budgets.views.common import add_service_error, posted


@login_required
def pools(request: HttpRequest, pk: int) -> HttpResponse:
    access = selectors.get_budget_for_user(user=request.user, pk=pk)
    form = PoolForm(posted(request) if access.is_person else None)
    if access.is_person and form.is_valid():
        try:
            pool = services.pool_form(budget=access.budget, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your pool is formed. Share its joining link with others."))
            return redirect("budgets:pool", pool_pk=pool.pk)
    context = {
        "access": access,
        "budget": access.budget,
        "places": selectors.pools_for_budget(budget=access.budget),
        "form": form,
    }
    return render(request, "budgets/pools.html", context)


@login_required
def pool(request: HttpRequest, pool_pk: int) -> HttpResponse:
    place = selectors.get_pool_for_user(user=request.user, pk=pool_pk)
    context = {
        "place": place,
        "pool": place.pool,
        "vote_form": VoteForm(),
        **selectors.pool_page(place=place, decided_page=request.GET.get("decided")),
    }
    return render(request, "budgets/pool.html", context)


@login_required
def pool_join(request: HttpRequest, code: str) -> HttpResponse:
    found = selectors.get_pool_for_joining(code=code)
    budgets = list(selectors.budgets_for_person(user=request.user))
    if not budgets:
        raise Http404
    form = JoinPoolForm(posted(request))
    if form.is_valid():
        try:
            services.pool_join(
                pool=found, budget=budgets[0], actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("You have joined the pool."))
            return redirect("budgets:pool", pool_pk=found.pk)
    return render(request, "budgets/pool_join.html", {"pool": found, "form": form})


@login_required
def proposal_new(request: HttpRequest, pool_pk: int) -> HttpResponse:
    """The first step of a proposal: find the support, as a budget holder finds it to book."""
    place = selectors.get_pool_for_user(user=request.user, pk=pool_pk)
    context = {"place": place, "pool": place.pool, **bookable_search(request)}
    return render(request, "budgets/proposal_find.html", context)


@login_required
def proposal_offer(request: HttpRequest, pool_pk: int, offer_id: str) -> HttpResponse:
    """The second step: how much, why, and which of the pool's outcomes it serves."""
    place = selectors.get_pool_for_user(user=request.user, pk=pool_pk)
    offer = selectors.get_bookable_offer(offer_id=offer_id)
    form = ProposalForm(posted(request))
    if form.is_valid():
        try:
            services.proposal_make(
                pool=place.pool,
                member=place.member,
                offer=offer,
                actor=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your proposal is open for the members to decide."))
            return redirect("budgets:pool", pool_pk=pool_pk)
    balance = place.pool.account.balance if place.pool.account else 0
    context = {"place": place, "pool": place.pool, "offer": offer, "form": form, "balance": balance}
    return render(request, "budgets/proposal_new.html", context)


@login_required
@require_POST
def proposal_vote(request: HttpRequest, pool_pk: int, proposal_pk: int) -> HttpResponse:
    place = selectors.get_pool_for_user(user=request.user, pk=pool_pk)
    proposal = selectors.get_proposal_for_place(place=place, pk=proposal_pk)
    form = VoteForm(request.POST)
    if form.is_valid():
        try:
            decided = services.vote_cast(
                proposal=proposal,
                member=place.member,
                in_favour=form.cleaned_data["in_favour"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            said: dict[str, str] = {
                ProposalStatus.PAID: _("Your vote is counted. It is agreed, and paid."),
                ProposalStatus.REJECTED: _("Your vote is counted. It was not agreed."),
                ProposalStatus.NOT_PAID: _("Agreed, but the pool cannot cover it yet."),
            }
            messages.success(request, said.get(str(decided.status), _("Your vote is counted.")))
            return redirect("budgets:pool", pool_pk=pool_pk)
    context = {
        "place": place,
        "pool": place.pool,
        "vote_form": form,
        "failed": proposal.pk,
        **selectors.pool_page(place=place, decided_page=request.GET.get("decided")),
    }
    return render(request, "budgets/pool.html", context)


@login_required
@require_POST
def pool_leave(request: HttpRequest, pool_pk: int) -> HttpResponse:
    place = selectors.get_pool_for_user(user=request.user, pk=pool_pk)
    if place.as_broker:
        raise Http404
    services.pool_leave(member=place.member, actor=request.user)
    messages.success(
        request, _("You have left the pool. Your unspent share is back in your budget.")
    )
    return redirect("budgets:pools", pk=place.member.budget_id)


@login_required
def proposal_outcome(request: HttpRequest, pool_pk: int, proposal_pk: int) -> HttpResponse:
    place = selectors.get_pool_for_user(user=request.user, pk=pool_pk)
    proposal = selectors.get_proposal_for_place(place=place, pk=proposal_pk)
    if place.as_broker or proposal.status != ProposalStatus.PAID:
        raise Http404
    form = ProposalOutcomeForm(posted(request), initial={"what_happened": proposal.what_happened})
    if form.is_valid():
        try:
            services.proposal_outcome_record(
                proposal=proposal,
                member=place.member,
                what_happened=form.cleaned_data["what_happened"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Saved. Every member can see what came of it."))
            return redirect("budgets:pool", pool_pk=pool_pk)
    context = {"place": place, "pool": place.pool, "proposal": proposal, "form": form}
    return render(request, "budgets/proposal_outcome.html", context)
