"""Votes under concurrency (PostgreSQL): a double-click counts once, and a vote cannot slip
in as the owners close the proposal."""

from flourish.core.tests.races import ONLY_ON_POSTGRESQL, at_once
from flourish.demand.factories import ProposalFactory
from flourish.demand.models import Proposal, Vote
from flourish.demand.services.boards import proposal_set_status, vote_cast

pytestmark = ONLY_ON_POSTGRESQL


def test_two_votes_at_the_same_moment_by_one_person_count_once(board, colleague):
    proposal = ProposalFactory(board=board)
    outcomes = at_once(*[lambda: vote_cast(actor=colleague, proposal=proposal)] * 2)
    assert outcomes == ["done", "refused"]
    assert Vote.objects.count() == 1
    assert Proposal.objects.get().vote_count == 1


def test_a_vote_and_a_close_at_the_same_moment_leave_the_count_true(board, colleague, owner):
    proposal = ProposalFactory(board=board)
    at_once(
        lambda: vote_cast(actor=colleague, proposal=proposal),
        lambda: proposal_set_status(
            actor=owner, proposal=proposal, status="declined", outcome="No room"
        ),
    )
    proposal.refresh_from_db()
    assert proposal.vote_count == Vote.objects.filter(proposal=proposal).count()
