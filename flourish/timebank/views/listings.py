"""Offers and requests: search them, add one, read one, ask about it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.core.pagination import page_asked
from flourish.timebank.forms import AskForm, ListingForm, SearchForm
from flourish.timebank.selectors.access import get_listing_for_place, get_place_for_user
from flourish.timebank.selectors.listings import ListingQuery, listing_search
from flourish.timebank.services import exchanges, listings
from flourish.timebank.views.common import add_service_error, posted


@login_required
def search(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    form = SearchForm(request.GET)
    query = ListingQuery(**form.cleaned_data) if form.is_valid() else ListingQuery()
    page = page_asked(request, listing_search(timebank=place.timebank, query=query))
    context = {"place": place, "timebank": place.timebank, "search_form": form, "page": page}
    return render(request, "timebank/search.html", context)


@login_required
def listing_new(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    if place.member is None:
        return redirect("timebank:home", slug=slug)
    form = ListingForm(posted(request), initial={"area": place.member.area})
    if form.is_valid():
        try:
            listing = listings.listing_create(
                member=place.member, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your listing is up. Members can now find it."))
            return redirect("timebank:listing", slug=slug, pk=listing.pk)
    return render(
        request,
        "timebank/listing_new.html",
        {"place": place, "timebank": place.timebank, "form": form},
    )


@login_required
def listing_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug)
    listing = get_listing_for_place(place=place, pk=pk)
    form = AskForm(posted(request))
    if place.member is not None and form.is_valid():
        try:
            exchange = exchanges.exchange_ask(
                asker=place.member,
                listing=listing,
                message=form.cleaned_data["message"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Sent. You will see their answer on your timebank page."))
            return redirect("timebank:exchange", slug=slug, pk=exchange.pk)
    mine = place.member is not None and listing.member_id == place.member.pk
    context = {
        "place": place,
        "timebank": place.timebank,
        "listing": listing,
        "form": form,
        "mine": mine,
    }
    return render(request, "timebank/listing.html", context)
