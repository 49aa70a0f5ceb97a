"""Boards: members propose changes and ideas, talk them over and vote (one person, one
vote); the board's owners say what came of each, and may hide what breaks the rules."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from flourish.accounts.models import Organisation, User
from flourish.budgets.models import Pool
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.demand import events
from flourish.demand.models import (
    OPEN_FOR_VOTES,
    Board,
    Comment,
    Proposal,
    ProposalStatus,
    Service,
    Vote,
)
from flourish.demand.rules import board_standing
from flourish.demand.services.contacts import unique_slug
from flourish.grants.models import Programme
from flourish.timebank.models import Timebank


def _check_member(actor: Any, board: Board) -> None:
    if not board_standing(actor, board).takes_part:
        raise ValidationError(_("Only the board's members can do this."))


def _check_owner(actor: Any, board: Board) -> None:
    if not board_standing(actor, board).owns:
        raise ValidationError(_("Only the board's owners can do this."))


@transaction.atomic
def board_create(
    *,
    actor: Any,
    name: str,
    organisation: Organisation | None = None,
    programme: Programme | None = None,
    timebank: Timebank | None = None,
    pool: Pool | None = None,
    description: str = "",
    is_public: bool = False,
    check: bool = True,
) -> Board:
    """Those who would own a board open it: an organisation's leads, a funder's staff for a
    programme, a timebank's coordinators, or any current member of a pool."""
    if programme is not None:
        organisation = programme.funder
    elif timebank is not None:
        organisation = timebank.organisation
    board = Board(
        organisation=organisation,
        programme=programme,
        timebank=timebank,
        pool=pool,
        name=name.strip(),
        slug=unique_slug(name, Board),
        description=description,
        is_public=is_public,
    )
    if check and not board_standing(actor, board).owns:
        raise ValidationError(_("Only the people who would own the board can open it."))
    board.full_clean()
    board.save()
    audit_record(actor=actor, action=events.BOARD_CREATED, target=board)
    return board


@transaction.atomic
def proposal_make(*, actor: Any, board: Board, title: str, body: str = "") -> Proposal:
    """A member puts an idea or a change to the board."""
    _check_member(actor, board)
    proposal = Proposal(board=board, author=actor, title=title.strip(), body=body.strip())
    proposal.full_clean()
    proposal.save()
    audit_record(actor=actor, action=events.PROPOSAL_MADE, target=proposal)
    return proposal


@transaction.atomic
def comment_make(*, actor: Any, proposal: Proposal, body: str) -> Comment:
    """A member says what they think of a proposal."""
    _check_member(actor, proposal.board)
    if proposal.is_hidden:
        raise ValidationError(_("This proposal is hidden, so it takes no comments."))
    comment = Comment(proposal=proposal, author=actor, body=body.strip())
    comment.full_clean()
    comment.save()
    audit_record(actor=actor, action=events.COMMENT_MADE, target=proposal)
    return comment


@transaction.atomic
def vote_cast(*, actor: Any, proposal: Proposal) -> Vote:
    """A member supports a proposal that is still open: once, and only once."""
    _check_member(actor, proposal.board)
    # Locked, so a vote cannot slip in as the owners close the proposal.
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status not in OPEN_FOR_VOTES or locked.is_hidden:
        raise ValidationError(_("Voting on this proposal has closed."))
    try:
        with transaction.atomic():
            vote = Vote.objects.create(proposal=locked, voter=actor)
    except IntegrityError as error:
        raise ValidationError(_("You have already voted for this proposal.")) from error
    Proposal.objects.filter(pk=locked.pk).update(vote_count=F("vote_count") + 1)
    # Which proposal is not recorded: a person's votes are theirs alone.
    audit_record(actor=actor, action=events.VOTE_CAST, target=locked.board)
    return vote


@transaction.atomic
def proposal_set_status(
    *,
    actor: Any,
    proposal: Proposal,
    status: str,
    outcome: str = "",
    outcome_service: Service | None = None,
) -> Proposal:
    """The board's owners say where a proposal stands; not doing it needs a reason, and
    done says what was done ("you said, we did")."""
    _check_owner(actor, proposal.board)
    outcome = outcome.strip()
    if status == ProposalStatus.DECLINED and not outcome:
        raise ValidationError({"outcome": _("Say why you are not doing it.")})
    if status == ProposalStatus.DONE and not outcome:
        raise ValidationError({"outcome": _("Say what you did, for the “you said, we did” page.")})
    if (
        outcome_service is not None
        and outcome_service.organisation_id != proposal.board.organisation_id
    ):
        raise ValidationError({"outcome_service": _("Choose one of your own services.")})
    # Locked and read afresh, so a vote counted a moment ago is not written over.
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    moved = proposal.status != status
    proposal.status, proposal.outcome, proposal.outcome_service = status, outcome, outcome_service
    if status in (ProposalStatus.DONE, ProposalStatus.DECLINED):
        proposal.decided_on = timezone.localdate()
    proposal.full_clean()
    proposal.save(
        update_fields=["status", "outcome", "outcome_service", "decided_on", "updated_at"]
    )
    audit_record(
        actor=actor, action=events.PROPOSAL_STATUS_SET, target=proposal, data={"status": status}
    )
    if moved and status != ProposalStatus.OPEN:
        _tell_author_and_voters(actor=actor, proposal=proposal)
    return proposal


def _tell_author_and_voters(*, actor: Any, proposal: Proposal) -> None:
    """One email each, so nobody learns who else voted; the owner who made the change is
    not told what they already know. The audit keeps how many, never who: who voted for
    what is the voter's alone."""
    voters = Vote.objects.filter(proposal=proposal).values("voter_id")
    people = User.objects.filter(
        Q(pk__in=voters) | Q(pk=proposal.author_id), is_active=True
    ).exclude(email="")
    if getattr(actor, "pk", None) is not None:
        people = people.exclude(pk=actor.pk)
    link = settings.SITE_URL.rstrip("/") + reverse(
        "demand:proposal", args=[proposal.board.slug, proposal.pk]
    )
    sent = 0
    for person in people.order_by("pk"):
        context = {
            "person": person,
            "proposal": proposal,
            "proposed": person.pk == proposal.author_id,
            "link": link,
        }
        with override(person.preferred_language or None):
            email_send.enqueue(
                to=[person.email],
                subject=_("News of the idea “%(title)s”") % {"title": proposal.title},
                body=render_to_string("demand/messages/status_changed.txt", context),
            )
        sent += 1
    audit_record(
        actor=actor,
        action=events.PROPOSAL_STATUS_EMAILED,
        target=proposal,
        data={"status": proposal.status, "emails": sent},
    )


@transaction.atomic
def proposal_hide(*, actor: Any, proposal: Proposal, reason: str) -> Proposal:
    """An owner hides a proposal that breaks the board's rules; its author sees why."""
    _check_owner(actor, proposal.board)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you are hiding it: the author will see this.")})
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    proposal.hidden_reason = reason.strip()
    proposal.full_clean()
    proposal.save(update_fields=["hidden_reason", "updated_at"])
    audit_record(actor=actor, action=events.PROPOSAL_HIDDEN, target=proposal)
    return proposal


@transaction.atomic
def proposal_show_again(*, actor: Any, proposal: Proposal) -> Proposal:
    """An owner undoes a hiding (made in error, or the author has put it right): members
    see the proposal, vote on it and comment again."""
    _check_owner(actor, proposal.board)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _show_again(actor, proposal, action=events.PROPOSAL_SHOWN_AGAIN, target=proposal)
    return proposal


@transaction.atomic
def comment_hide(*, actor: Any, comment: Comment, reason: str) -> Comment:
    """An owner hides a comment; its author still sees it, with the reason."""
    _check_owner(actor, comment.proposal.board)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why you are hiding it: the author will see this.")})
    comment.hidden_reason = reason.strip()
    comment.full_clean()
    comment.save()
    audit_record(actor=actor, action=events.COMMENT_HIDDEN, target=comment.proposal)
    return comment


@transaction.atomic
def comment_show_again(*, actor: Any, comment: Comment) -> Comment:
    """An owner shows a hidden comment to everyone again."""
    _check_owner(actor, comment.proposal.board)
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    _show_again(actor, comment, action=events.COMMENT_SHOWN_AGAIN, target=comment.proposal)
    return comment


def _show_again(actor: Any, hidden: Proposal | Comment, *, action: str, target: Proposal) -> None:
    """Clears the reason a proposal or comment was hidden; the audit keeps it."""
    if not hidden.hidden_reason:
        return
    audit_record(
        actor=actor, action=action, target=target, data={"was_hidden_because": hidden.hidden_reason}
    )
    hidden.hidden_reason = ""
    hidden.save(update_fields=["hidden_reason", "updated_at"])
