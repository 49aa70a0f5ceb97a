"""The coordinator's pages: the dashboard, members, checks, approval, joining by phone, settings."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.accounts.models import ContactRoute, User
from flourish.core.forms import FindByNameForm
from flourish.core.pagination import page_asked
from flourish.timebank.drawn import drawn_dashboard_lists
from flourish.timebank.forms import CheckForm, JoinByPhoneForm, SettingsForm
from flourish.timebank.selectors.access import get_member_for_coordinator, get_place_for_user
from flourish.timebank.selectors.dashboard import coordinator_dashboard
from flourish.timebank.selectors.exchanges import member_list
from flourish.timebank.services import timebanks
from flourish.timebank.views.common import add_service_error, posted


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    dashboard = coordinator_dashboard(timebank=place.timebank)
    context = {
        "place": place,
        "timebank": place.timebank,
        "dashboard": dashboard,
        "lists": drawn_dashboard_lists(dashboard, timebank_slug=place.timebank.slug),
    }
    return render(request, "timebank/dashboard.html", context)


MEMBERS_PER_PAGE = 50


@login_required
def members(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    form = FindByNameForm(request.GET, label=_("Find a member by name"))
    name = form.searched
    page = page_asked(
        request, member_list(timebank=place.timebank, name=name), size=MEMBERS_PER_PAGE
    )
    context = {
        "place": place,
        "timebank": place.timebank,
        "page": page,
        "form": form,
        "name": name,
    }
    return render(request, "timebank/members.html", context)


@login_required
def member_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    member = get_member_for_coordinator(place=place, pk=pk)
    form = CheckForm(posted(request))
    if form.is_valid():
        try:
            timebanks.member_check_record(member=member, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Check recorded."))
            return redirect("timebank:member", slug=slug, pk=pk)
    checks = member.checks.select_related("recorded_by")
    context = {
        "place": place,
        "timebank": place.timebank,
        "member": member,
        "form": form,
        "checks": checks,
    }
    return render(request, "timebank/member.html", context)


@login_required
@require_POST
def member_approve(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    member = get_member_for_coordinator(place=place, pk=pk)
    try:
        timebanks.member_approve(member=member, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s is now a member.") % {"name": member})
    return redirect("timebank:member", slug=slug, pk=pk)


def _person_for(data: dict) -> User:
    """The person joining by phone: found by email, or made with an address nobody can use,
    since some people have none and sign-in is not how they take part."""
    email = data["email"] or f"phone-{get_random_string(12).lower()}@members.invalid"
    person = User.objects.filter(email__iexact=email).first()
    if person is None:
        person = User.objects.create_user(
            email=email, name=data["name"], phone=data["phone"], contact_route=ContactRoute.PHONE
        )
    return person


@login_required
def join_by_phone(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    form = JoinByPhoneForm(posted(request))
    if form.is_valid():
        data = form.cleaned_data
        profile = {k: data[k] for k in ("area", "about", "languages", "interests", "prefers_phone")}
        try:
            with transaction.atomic():
                member = timebanks.member_ask_to_join(
                    timebank=place.timebank, user=_person_for(data), actor=request.user, **profile
                )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Recorded. Add their checks, then approve them."))
            return redirect("timebank:member", slug=slug, pk=member.pk)
    return render(
        request,
        "timebank/join_by_phone.html",
        {"place": place, "timebank": place.timebank, "form": form},
    )


@login_required
def settings(request: HttpRequest, slug: str) -> HttpResponse:
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    form = SettingsForm(posted(request), instance=place.timebank)
    if form.is_valid():
        data = form.cleaned_data
        try:
            timebanks.timebank_settings_update(
                timebank=place.timebank,
                floor_minutes=data["floor_hours"] * 60,
                soft_limit_minutes=data["soft_limit_hours"] * 60,
                confirm_within_days=data["confirm_within_days"],
                auto_confirm=data["auto_confirm"],
                actor=request.user,
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Settings saved. Every member's limits have changed."))
            return redirect("timebank:dashboard", slug=slug)
    return render(
        request,
        "timebank/settings.html",
        {"place": place, "timebank": place.timebank, "form": form},
    )
