"""When a proposal moves on, its author and its voters hear of it by email: one email each,
so nobody learns who else voted, and the audit trail keeps how many, never who."""

import pytest
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.core.models import AuditEvent
from flourish.demand import events
from flourish.demand.factories import ProposalFactory
from flourish.demand.models import ProposalStatus
from flourish.demand.services.boards import proposal_set_status, vote_cast


def _member(group, email, **fields):
    person = UserFactory(email=email, name=email.split("@")[0].title(), **fields)
    MembershipFactory(user=person, organisation=group, role=Role.GROUP_MEMBER)
    return person


@pytest.fixture
def proposal(board, colleague, owner, group):
    proposal = ProposalFactory(board=board, author=colleague, title="A quiet room")
    for person in (
        colleague,
        owner,
        _member(group, "dev@example.org"),
        _member(group, "eli@example.org"),
    ):
        vote_cast(actor=person, proposal=proposal)
    return proposal


def test_the_author_and_each_voter_get_an_email_of_their_own(proposal, owner, mailoutbox):
    proposal_set_status(actor=owner, proposal=proposal, status=ProposalStatus.DOING)
    recipients = [message.to for message in mailoutbox]
    # The owner who made the change is not told; the author voted too, and gets one email.
    assert sorted(recipients) == [
        ["colleague@example.org"],
        ["dev@example.org"],
        ["eli@example.org"],
    ]
    to_dev = next(m for m in mailoutbox if m.to == ["dev@example.org"])
    assert "An idea you voted for, “A quiet room”" in to_dev.body
    assert "Accepted: we are doing it" in to_dev.body
    assert f"/demand/boards/{proposal.board.slug}/proposals/{proposal.pk}/" in to_dev.body
    voters = {
        "colleague@example.org": "Bea Colleague",
        "owner@example.org": "Asha Owner",
        "dev@example.org": "Dev",
        "eli@example.org": "Eli",
    }
    for message in mailoutbox:
        for email, name in voters.items():
            if message.to != [email]:
                assert name not in message.body and email not in message.body


def test_the_author_is_told_it_is_their_idea(proposal, owner, mailoutbox):
    proposal_set_status(actor=owner, proposal=proposal, status=ProposalStatus.CONSIDERING)
    to_author = next(m for m in mailoutbox if m.to == ["colleague@example.org"])
    assert "Your idea “A quiet room”" in to_author.body
    assert "Under consideration" in to_author.body


def test_not_doing_tells_them_why(proposal, owner, mailoutbox):
    proposal_set_status(
        actor=owner, proposal=proposal, status="declined", outcome="The hall has no spare room."
    )
    assert all("Why not:\nThe hall has no spare room." in m.body for m in mailoutbox)
    assert len(mailoutbox) == 3


def test_done_says_what_was_done(proposal, owner, mailoutbox):
    proposal_set_status(
        actor=owner, proposal=proposal, status=ProposalStatus.DONE, outcome="We opened room 2."
    )
    assert all("What came of it:\nWe opened room 2." in m.body for m in mailoutbox)


def test_a_welsh_speaker_is_told_in_welsh(proposal, owner, group, mailoutbox):
    welsh = _member(group, "ffion@example.org", preferred_language="cy")
    vote_cast(actor=welsh, proposal=proposal)
    proposal_set_status(actor=owner, proposal=proposal, status=ProposalStatus.DOING)
    to_ffion = next(m for m in mailoutbox if m.to == ["ffion@example.org"])
    assert "Newyddion" in to_ffion.subject
    assert "Newyddion" not in next(m for m in mailoutbox if m.to == ["eli@example.org"]).subject


def test_changing_only_the_words_sends_nothing_more(proposal, owner, mailoutbox):
    proposal_set_status(actor=owner, proposal=proposal, status="declined", outcome="No room.")
    mailoutbox.clear()
    proposal_set_status(actor=owner, proposal=proposal, status="declined", outcome="No room yet.")
    assert mailoutbox == []


def test_the_audit_trail_counts_the_emails_and_names_no_voter(proposal, owner, mailoutbox):
    proposal_set_status(actor=owner, proposal=proposal, status=ProposalStatus.DOING)
    event = AuditEvent.objects.get(action=events.PROPOSAL_STATUS_EMAILED)
    assert event.data == {"status": "doing", "emails": 3}
    assert event.actor == owner


def test_setting_a_status_on_the_page_sends_the_emails(client, proposal, owner, mailoutbox):
    client.force_login(owner)
    client.post(
        reverse("demand:status", args=[proposal.board.slug, proposal.pk]),
        {"status": "done", "outcome": "We opened room 2."},
    )
    assert len(mailoutbox) == 3
