"""Boards: proposals, comments, votes, statuses, moderation, and "you said, we did"."""

import math
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from flourish.core.formatting import is_whole_number
from flourish.core.forms import LARGEST_KEY
from flourish.core.pagination import page_asked, page_of
from flourish.demand.forms import (
    BoardForm,
    CommentForm,
    HideForm,
    ProposalForm,
    StatusForm,
)
from flourish.demand.models import OPEN_FOR_VOTES, ProposalStatus, Service
from flourish.demand.selectors import (
    BoardView,
    board_counts,
    board_homes_for,
    board_list_for_user,
    comments_on,
    get_board_for_user,
    get_proposal_for_user,
    proposals_on,
    public_board_list,
    votes_of,
    you_said_we_did,
)
from flourish.demand.services.boards import (
    board_create,
    comment_hide,
    comment_make,
    comment_show_again,
    proposal_hide,
    proposal_make,
    proposal_set_status,
    proposal_show_again,
    vote_cast,
)
from flourish.demand.views.common import add_service_error, posted

COMMENTS_PER_PAGE = 50
BOARDS_PER_PAGE = 25


def board_list(request: HttpRequest) -> HttpResponse:
    """Every public board, and the boards the signed-in person takes part in."""
    user = request.user
    context = {
        "page": page_asked(request, public_board_list(), size=BOARDS_PER_PAGE),
        "mine": page_asked(
            request, board_list_for_user(user=user), size=BOARDS_PER_PAGE, parameter="mine"
        ),
        "can_open_board": bool(board_homes_for(user=user)),
    }
    return render(request, "demand/boards.html", context)


@login_required
def board_new(request: HttpRequest) -> HttpResponse:
    homes = board_homes_for(user=request.user)
    if not homes:
        raise Http404
    form = BoardForm(posted(request), homes=homes)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            board = board_create(actor=request.user, **data.pop("home"), **data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Board opened. Tell your members where to find it."))
            return redirect("demand:board", slug=board.slug)
    return render(request, "demand/board_new.html", {"form": form})


def board(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_board_for_user(user=request.user, slug=slug)
    status = request.GET.get("status", "")
    proposals = proposals_on(view=view, user=request.user)
    if status in ProposalStatus.values:
        proposals = proposals.filter(status=status)
    else:
        status = ""
        proposals = proposals.filter(status__in=OPEN_FOR_VOTES)
    page = page_of(items=proposals, number=request.GET.get("page"), size=25)
    context = {
        "view": view,
        "board": view.board,
        "page": page,
        "status": status,
        "statuses": ProposalStatus.choices,
        "counts": board_counts(board=view.board),
        "mine": votes_of(user=request.user, proposals=list(page.object_list)),
    }
    return render(request, "demand/board.html", context)


@login_required
def proposal_new(request: HttpRequest, slug: str) -> HttpResponse:
    view = get_board_for_user(user=request.user, slug=slug, member=True)
    form = ProposalForm(posted(request))
    if form.is_valid():
        try:
            proposal = proposal_make(actor=request.user, board=view.board, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Your idea is on the board. Members can now vote for it."))
            return redirect("demand:proposal", slug=slug, pk=proposal.pk)
    return render(
        request, "demand/proposal_new.html", {"view": view, "board": view.board, "form": form}
    )


def _proposal_page(request: HttpRequest, view: BoardView, pk: int, **forms: Any) -> HttpResponse:
    proposal = get_proposal_for_user(view=view, user=request.user, pk=pk)
    services = Service.objects.filter(organisation=view.board.organisation)
    context = {
        "view": view,
        "board": view.board,
        "proposal": proposal,
        "comments": page_of(
            items=comments_on(proposal=proposal, view=view, user=request.user),
            number=request.GET.get("page"),
            size=COMMENTS_PER_PAGE,
        ),
        "voted": proposal.pk in votes_of(user=request.user, proposals=[proposal]),
        "comment_form": forms.get("comment_form") or CommentForm(),
        "status_form": forms.get("status_form")
        or StatusForm(
            services=services,
            initial={
                "status": proposal.status,
                "outcome": proposal.outcome,
                "outcome_service": proposal.outcome_service_id,
            },
        ),
        "hide_form": forms.get("hide_form") or HideForm(),
        "form": next((form for form in forms.values() if form.errors), None),
    }
    return render(request, "demand/proposal.html", context)


def proposal(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    view = get_board_for_user(user=request.user, slug=slug)
    return _proposal_page(request, view, pk)


@login_required
@require_POST
def proposal_vote(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    view = get_board_for_user(user=request.user, slug=slug, member=True)
    proposal = get_proposal_for_user(view=view, user=request.user, pk=pk)
    try:
        vote_cast(actor=request.user, proposal=proposal)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your vote is counted. Only you can see that you voted."))
    return redirect("demand:proposal", slug=slug, pk=pk)


@login_required
@require_POST
def proposal_comment(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    view = get_board_for_user(user=request.user, slug=slug, member=True)
    proposal = get_proposal_for_user(view=view, user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        try:
            comment_make(actor=request.user, proposal=proposal, body=form.cleaned_data["body"])
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Comment added."))
            # To the last page, where the new comment is.
            shown = comments_on(proposal=proposal, view=view, user=request.user).count()
            last = max(math.ceil(shown / COMMENTS_PER_PAGE), 1)
            address = reverse("demand:proposal", args=[slug, pk])
            return redirect(f"{address}?page={last}#comments")
    return _proposal_page(request, view, pk, comment_form=form)


def _owner_view(request: HttpRequest, slug: str) -> BoardView:
    view = get_board_for_user(user=request.user, slug=slug, member=True)
    if not view.moderates:
        raise Http404
    return view


@login_required
@require_POST
def proposal_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    view = _owner_view(request, slug)
    proposal = get_proposal_for_user(view=view, user=request.user, pk=pk)
    services = Service.objects.filter(organisation=view.board.organisation)
    form = StatusForm(request.POST, services=services)
    if form.is_valid():
        try:
            proposal_set_status(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Status saved. Everyone following the board can see it."))
            return redirect("demand:proposal", slug=slug, pk=pk)
    return _proposal_page(request, view, pk, status_form=form)


def _comment_asked(request: HttpRequest, proposal: Any) -> Any:
    """The proposal's comment a hide or show button names; None when it names none (the
    proposal itself). A comment that is not the proposal's, or no comment at all ("1.0"),
    is not found: it must never fall back to the whole proposal."""
    asked = request.POST.get("comment", "")
    if not asked:
        return None
    if not is_whole_number(asked) or int(asked) > LARGEST_KEY:
        raise Http404
    comment = proposal.comments.filter(pk=int(asked)).first()
    if comment is None:
        raise Http404
    return comment


@login_required
@require_POST
def proposal_hide_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    view = _owner_view(request, slug)
    proposal = get_proposal_for_user(view=view, user=request.user, pk=pk)
    form = HideForm(request.POST)
    comment = _comment_asked(request, proposal)
    if form.is_valid():
        try:
            if comment is not None:
                comment_hide(actor=request.user, comment=comment, **form.cleaned_data)
            else:
                proposal_hide(actor=request.user, proposal=proposal, **form.cleaned_data)
        except ValidationError as error:
            add_service_error(form, error)
        else:
            messages.success(request, _("Hidden. The author can see why."))
            return redirect("demand:proposal", slug=slug, pk=pk)
    return _proposal_page(request, view, pk, hide_form=form)


@login_required
@require_POST
def proposal_show_view(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Shows a hidden proposal, or one of its hidden comments, to everyone again."""
    view = _owner_view(request, slug)
    proposal = get_proposal_for_user(view=view, user=request.user, pk=pk)
    comment = _comment_asked(request, proposal)
    if comment is not None:
        comment_show_again(actor=request.user, comment=comment)
    else:
        proposal_show_again(actor=request.user, proposal=proposal)
    messages.success(request, _("Shown again. Everyone on the board can see it."))
    return redirect("demand:proposal", slug=slug, pk=pk)


def you_said(request: HttpRequest, slug: str) -> HttpResponse:
    """What members asked for and what was done, with the chart that shows whether it helped."""
    view = get_board_for_user(user=request.user, slug=slug)
    page = page_of(items=you_said_we_did(board=view.board), number=request.GET.get("page"), size=25)
    return render(
        request, "demand/you_said.html", {"view": view, "board": view.board, "page": page}
    )
