"""The person invites someone to a goal and withdraws them; and sees who has looked."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.decorators import sensitive_response
from flourish.core.pagination import page_asked
from flourish.core.privacy import record_reads_about
from flourish.outcomes.forms import HelperForm
from flourish.outcomes.selectors.goals import get_goal_for_user, looks_described
from flourish.outcomes.services import sharing
from flourish.outcomes.views.common import add_service_error, posted


@login_required
@sensitive_response
def helper_invite(request: HttpRequest, pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    form = HelperForm(posted(request))
    if form.is_valid():
        try:
            invitation = sharing.helper_invite(
                goal=access.goal, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(
                request,
                _("%s can now see this goal. You can withdraw this at any time.")
                % invitation.helper,
            )
            return redirect("outcomes:goal", pk=pk)
    return render(request, "outcomes/helper_invite.html", {"goal": access.goal, "form": form})


@login_required
@require_POST
def helper_withdraw(request: HttpRequest, pk: int, invitation_pk: int) -> HttpResponse:
    access = get_goal_for_user(user=request.user, pk=pk)
    if not access.is_owner:
        raise Http404
    invitation = access.goal.helpers.filter(pk=invitation_pk).first()
    if invitation is None:
        raise Http404
    sharing.helper_withdraw(invitation=invitation, actor=request.user)
    messages.success(request, _("Withdrawn. %s can no longer see this goal.") % invitation.helper)
    return redirect("outcomes:goal", pk=pk)


LOOKS_PER_PAGE = 25


@login_required
@sensitive_response
def looked(request: HttpRequest) -> HttpResponse:
    reads = (
        record_reads_about(person=request.user, records=[])
        .filter(data__where="outcomes")
        .exclude(actor_id=request.user.pk)
    )
    page = page_asked(request, reads, size=LOOKS_PER_PAGE)
    looks = looks_described(list(page.object_list), person=request.user)
    return render(request, "outcomes/looked.html", {"page": page, "looks": looks})
