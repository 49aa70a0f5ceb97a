"""Being counted in totals (the person's choice), and the totals a funder or group sees."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.grants.selectors import get_programme_for_staff
from flourish.outcomes.forms import TotalsForm
from flourish.outcomes.selectors.totals import (
    get_group_for_totals,
    open_consents_of,
    totals_choices_for,
    totals_for,
)
from flourish.outcomes.services import totals as totals_services
from flourish.outcomes.views.common import posted


@login_required
def totals(request: HttpRequest) -> HttpResponse:
    groups, programmes = totals_choices_for(person=request.user)
    places = {f"group-{g.pk}": g for g in groups} | {f"programme-{p.pk}": p for p in programmes}
    choices = [(key, str(place)) for key, place in places.items()]
    consents = open_consents_of(person=request.user)
    current = {
        f"group-{c.group_id}" if c.group_id else f"programme-{c.programme_id}": c for c in consents
    }
    form = TotalsForm(posted(request), choices=choices, initial={"places": list(current)})
    if form.is_valid():
        chosen = set(form.cleaned_data["places"])
        for key, place in places.items():
            if key in chosen and key not in current:
                kind = "group" if key.startswith("group-") else "programme"
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
