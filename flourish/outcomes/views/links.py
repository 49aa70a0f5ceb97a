"""The goals a support plan, pool proposal, mentoring pair or grant application serves: the
person names their own; anyone who may see the thing sees them, and each look is recorded."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from flourish.core.decorators import sensitive_response
from flourish.outcomes.forms import GoalsServedForm
from flourish.outcomes.links import get_served_for_user
from flourish.outcomes.selectors.goals import current_version, goals_named_for, open_goals_of
from flourish.outcomes.services.links import goal_links_set
from flourish.outcomes.services.sharing import goal_read_record
from flourish.outcomes.views.common import add_service_error, posted


@login_required
@sensitive_response
def goals_serving(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    served = get_served_for_user(user=request.user, kind=kind, pk=pk)
    named = goals_named_for(kind=kind, object_id=pk)
    form, has_goals = None, False
    if served.may_choose:
        own = open_goals_of(owner=request.user)
        choices = [(str(goal.pk), current_version(goal).wording) for goal in own]
        has_goals = bool(choices)
        mine = [str(goal.pk) for goal in named if goal.owner_id == request.user.pk]
        form = GoalsServedForm(posted(request), choices=choices, initial={"goals": mine})
        if form.is_valid():
            chosen = [goal for goal in own if str(goal.pk) in form.cleaned_data["goals"]]
            try:
                goal_links_set(
                    person=request.user, kind=kind, object_id=pk, goals=chosen, actor=request.user
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("Saved. You can change this whenever you like."))
                return redirect(served.back_url)
    for goal in named:
        goal_read_record(goal=goal, reader=request.user)
    rows = [(goal, current_version(goal)) for goal in named]
    context = {"served": served, "rows": rows, "form": form, "choices": has_goals}
    return render(request, "outcomes/goals_serving.html", context)
