"""Panels: staff set one up; members declare conflicts, read the pack and vote."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.accounts.models import Role, User
from flourish.grants import selectors
from flourish.grants.forms import DeclarationForm, PanelForm, VoteForm
from flourish.grants.services.panels import conflict_declare, panel_create, vote_cast
from flourish.grants.views.common import add_service_error, posted


@login_required
def panel_new(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.get_programme_for_staff(user=request.user, slug=slug)
    people = User.objects.filter(
        memberships__organisation_id=programme.funder_id,
        memberships__role__in=(Role.PANEL_MEMBER, Role.ASSOCIATE, Role.FUNDER_STAFF),
    ).distinct()
    form = PanelForm(posted(request), people=people)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            panel = panel_create(programme=programme, actor=request.user, **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            return redirect("grants:panel_pack", pk=panel.pk)
    return render(request, "grants/panel_new.html", {"programme": programme, "form": form})


@login_required
def panel_pack(request: HttpRequest, pk: int) -> HttpResponse:
    panel = selectors.get_panel_for_user(user=request.user, pk=pk)
    items = selectors.panel_pack(panel=panel, user=request.user)
    return render(request, "grants/panel_pack.html", {"panel": panel, "items": items})


@login_required
def panel_application(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    panel = selectors.get_panel_for_user(user=request.user, pk=pk)
    items = selectors.panel_pack(panel=panel, user=request.user, only=application_pk)
    if not items:
        raise Http404
    item = items[0]
    is_member = panel.members.filter(pk=request.user.pk).exists()
    declaring = is_member and item.declaration is None
    form_class = DeclarationForm if declaring else VoteForm
    # A member who has voted sees their vote, to change it until the decision.
    mine = next((vote for vote in item.votes if vote.member_id == request.user.pk), None)
    initial = (
        {"verdict": mine.verdict, "score": mine.score, "comment": mine.comment} if mine else {}
    )
    form = (
        form_class(posted(request), initial=initial) if is_member and not item.conflicted else None
    )
    if form is not None and request.method == "POST" and form.is_valid():
        act = conflict_declare if declaring else vote_cast
        try:
            act(panel=panel, application=item.application, member=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("Saved. Now you can vote.")
                if declaring
                else _("Your vote is saved. You can change it until the decision is made."),
            )
            return redirect("grants:panel_application", pk=pk, application_pk=application_pk)
    context = {"panel": panel, "item": item, "form": form, "declaring": declaring}
    return render(request, "grants/panel_application.html", context)
