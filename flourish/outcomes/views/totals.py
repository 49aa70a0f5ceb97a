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


def _key_of(consent: TotalsConsent) -> str:
    if consent.group_id:
        return f"group-{consent.group_id}"
    if consent.council_id:
        return f"council-{consent.council_id}"
    return f"programme-{consent.programme_id}"


@login_required
def totals(request: HttpRequest) -> HttpResponse:
    groups, programmes, councils = totals_choices_for(person=request.user)
    found = {"group": groups, "programme": programmes, "council": councils}
    places = {f"{kind}-{place.pk}": place for kind, many in found.items() for place in many}
    choices = [(key, str(place)) for key, place in places.items()]
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
