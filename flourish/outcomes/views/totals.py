"""Being counted in totals (the person's choice), and the totals a funder or group sees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.budgets.selectors import get_council_for_user
from flourish.grants.selectors import get_programme_for_staff
from flourish.outcomes.forms import TotalsForm
from flourish.outcomes.models import TotalsConsent
from flourish.outcomes.selectors.goals import get_goal_for_user
from flourish.outcomes.selectors.totals import (
    get_group_for_totals,
    open_consents_of,
    totals_choices_for,
    totals_for,
)
from flourish.outcomes.services import totals as totals_services
from flourish.outcomes.views.common import posted
from flourish.timebank.selectors.access import get_place_for_user
from flourish.timebank.selectors.mentoring_access import get_scheme_for_place


def _key_of(consent: TotalsConsent) -> str:
    return f"{consent.kind}-{consent.place.pk}"


def _label(kind: str, place: object) -> str:
    if kind == "timebank":
        return _("%s (timebank)") % place
    if kind == "scheme":
        return _("%(scheme)s (mentoring scheme of %(timebank)s)") % {
            "scheme": place,
            "timebank": place.timebank,  # type: ignore[attr-defined]
        }
    return str(place)


@login_required
def totals(request: HttpRequest) -> HttpResponse:
    found = totals_choices_for(person=request.user)
    places = {f"{kind}-{place.pk}": place for kind, many in found.items() for place in many}
    choices = [(key, _label(key.split("-")[0], place)) for key, place in places.items()]
    consents = open_consents_of(person=request.user)
    current = {_key_of(consent): consent for consent in consents}
    form = TotalsForm(posted(request), choices=choices, initial={"places": list(current)})
    if form.is_valid():
        chosen = set(form.cleaned_data["places"])
        for key, place in places.items():
            if key in chosen and key not in current:
                kind = key.split("-")[0]
                totals_services.totals_join(
                    person=request.user, actor=request.user, **{kind: place}
                )
            if key not in chosen and key in current:
                totals_services.totals_leave(consent=current[key], actor=request.user)
        messages.success(request, _("Saved. You can change this whenever you like."))
        return redirect("outcomes:totals")
    return render(request, "outcomes/totals.html", {"form": form, "choices": choices})


@login_required
def programme_totals(request: HttpRequest, slug: str) -> HttpResponse:
    programme = get_programme_for_staff(user=request.user, slug=slug)
    totals_services.totals_read_record(reader=request.user, programme=programme)
    context = {"place": programme, "totals": totals_for(programme=programme)}
    return render(request, "outcomes/totals_published.html", context)


@login_required
def group_totals(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_group_for_totals(user=request.user, slug=slug)
    totals_services.totals_read_record(reader=request.user, group=group)
    context = {"place": group, "totals": totals_for(group=group)}
    return render(request, "outcomes/totals_published.html", context)


@login_required
def council_totals(request: HttpRequest, slug: str) -> HttpResponse:
    council = get_council_for_user(user=request.user, slug=slug)
    totals_services.totals_read_record(reader=request.user, council=council)
    context = {"place": council, "totals": totals_for(council=council)}
    return render(request, "outcomes/totals_published.html", context)


@login_required
def timebank_totals(request: HttpRequest, slug: str) -> HttpResponse:
    """A timebank's coordinators see the totals of the members who chose to be counted."""
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    totals_services.totals_read_record(reader=request.user, timebank=place.timebank)
    context = {"place": place.timebank, "totals": totals_for(timebank=place.timebank)}
    return render(request, "outcomes/totals_published.html", context)


@login_required
def scheme_totals(request: HttpRequest, slug: str, scheme_slug: str) -> HttpResponse:
    """A mentoring scheme's staff (its timebank's coordinators) see the totals of the mentors
    and mentees who chose to be counted for the scheme."""
    place = get_place_for_user(user=request.user, slug=slug, coordinator=True)
    scheme = get_scheme_for_place(place=place, scheme_slug=scheme_slug)
    totals_services.totals_read_record(reader=request.user, scheme=scheme)
    context = {"place": scheme, "totals": totals_for(scheme=scheme)}
    return render(request, "outcomes/totals_published.html", context)


@login_required
@require_POST
def goal_in_totals(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    counted = request.POST.get("in_totals") == "yes"
    totals_services.goal_in_totals_set(goal=access.goal, in_totals=counted, actor=request.user)
    if counted:
        messages.success(request, _("This goal now counts, anonymously, in the totals you chose."))
    else:
        messages.success(request, _("This goal is now left out of every total."))
    return redirect("outcomes:goal", pk=pk)
