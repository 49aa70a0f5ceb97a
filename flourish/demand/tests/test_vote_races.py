"""Votes under concurrency (PostgreSQL): a double-click counts once, and a vote cannot slip
in as the owners close the proposal."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from flourish.demand.factories import ProposalFactory
from flourish.demand.models import Proposal, Vote
from flourish.demand.services.boards import proposal_set_status, vote_cast

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite locks the file"
    ),
]


def _at_once(*actions):
    start = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action):
        try:
            start.wait()
            action()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)


def test_two_votes_at_the_same_moment_by_one_person_count_once(board, colleague):
    proposal = ProposalFactory(board=board)
    outcomes = _at_once(*[lambda: vote_cast(actor=colleague, proposal=proposal)] * 2)
    assert outcomes == ["done", "refused"]
    assert Vote.objects.count() == 1
    assert Proposal.objects.get().vote_count == 1


def test_a_vote_and_a_close_at_the_same_moment_leave_the_count_true(board, colleague, owner):
    proposal = ProposalFactory(board=board)
    _at_once(
        lambda: vote_cast(actor=colleague, proposal=proposal),
        lambda: proposal_set_status(
            actor=owner, proposal=proposal, status="declined", outcome="No room"
        ),
    )
    proposal.refresh_from_db()
    assert proposal.vote_count == Vote.objects.filter(proposal=proposal).count()
