"""Boards: propose, comment, vote once, statuses with reasons, moderation, you said we did."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.core.models import AuditEvent
from flourish.demand.factories import ProposalFactory, ServiceFactory
from flourish.demand.models import ProposalStatus, Vote
from flourish.demand.services.boards import (
    comment_hide,
    comment_make,
    proposal_hide,
    proposal_set_status,
    proposal_show_again,
    vote_cast,
)


@pytest.fixture
def proposal(board, colleague):
    return ProposalFactory(board=board, author=colleague, title="Meet on Saturdays too")


def test_a_member_proposes_an_idea_from_the_page(client, board, colleague):
    client.force_login(colleague)
    response = client.post(
        reverse("demand:proposal_new", args=[board.slug]),
        {"title": "A quiet room at the drop-in", "body": ""},
        follow=True,
    )
    assert "Your idea is on the board" in response.content.decode()
    assert board.proposals.get().author == colleague


def test_an_empty_idea_gets_a_message(client, board, colleague):
    client.force_login(colleague)
    response = client.post(reverse("demand:proposal_new", args=[board.slug]), {"title": ""})
    assert "Enter an answer for “Your idea, in a sentence”" in response.content.decode()
    assert not board.proposals.exists()


def test_one_person_one_vote(proposal, colleague, owner):
    vote_cast(actor=colleague, proposal=proposal)
    with pytest.raises(ValidationError, match="already voted"):
        vote_cast(actor=colleague, proposal=proposal)
    vote_cast(actor=owner, proposal=proposal)
    proposal.refresh_from_db()
    assert proposal.vote_count == 2
    assert Vote.objects.count() == 2


def test_a_second_vote_on_the_page_says_so_and_counts_once(client, proposal, colleague):
    client.force_login(colleague)
    url = reverse("demand:vote", args=[proposal.board.slug, proposal.pk])
    client.post(url)
    page = client.post(url, follow=True).content.decode()
    assert "You have already voted for this proposal." in page
    proposal.refresh_from_db()
    assert proposal.vote_count == 1


@pytest.mark.parametrize("status", [ProposalStatus.DOING, ProposalStatus.DONE, "declined"])
def test_a_closed_proposal_takes_no_votes(proposal, owner, colleague, status):
    proposal_set_status(actor=owner, proposal=proposal, status=status, outcome="Because")
    with pytest.raises(ValidationError, match="Voting on this proposal has closed"):
        vote_cast(actor=colleague, proposal=proposal)
    assert not Vote.objects.exists()


def test_a_stranger_cannot_vote_even_on_a_public_board(client, proposal, stranger):
    proposal.board.is_public = True
    proposal.board.save()
    with pytest.raises(ValidationError):
        vote_cast(actor=stranger, proposal=proposal)
    client.force_login(stranger)
    assert client.get(reverse("demand:board", args=[proposal.board.slug])).status_code == 200
    url = reverse("demand:vote", args=[proposal.board.slug, proposal.pk])
    assert client.post(url).status_code == 404


def test_who_voted_for_what_is_never_shown_or_recorded(client, proposal, owner, group):
    voter = UserFactory(email="val@example.org", name="Val Voter")
    MembershipFactory(user=voter, organisation=group, role="group_member")
    vote_cast(actor=voter, proposal=proposal)
    client.force_login(owner)
    for name in ("board", "you_said"):
        page = client.get(reverse(f"demand:{name}", args=[proposal.board.slug]))
        assert "Val Voter" not in page.content.decode()
    page = client.get(reverse("demand:proposal", args=[proposal.board.slug, proposal.pk]))
    assert "Val Voter" not in page.content.decode()
    assert "1 vote" in page.content.decode()
    event = AuditEvent.objects.get(action="demand.vote_cast")
    assert event.target_id == str(proposal.board.pk)
    assert str(proposal.pk) not in str(event.data)


def test_not_doing_it_needs_a_reason(proposal, owner):
    with pytest.raises(ValidationError, match="Say why you are not doing it"):
        proposal_set_status(actor=owner, proposal=proposal, status="declined", outcome=" ")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.OPEN


def test_only_owners_set_a_status(proposal, colleague):
    with pytest.raises(ValidationError):
        proposal_set_status(actor=colleague, proposal=proposal, status="doing")


def test_done_proposals_gather_on_you_said_we_did_with_their_chart(client, proposal, owner, group):
    service = ServiceFactory(organisation=group, name="Drop-in")
    client.force_login(owner)
    client.post(
        reverse("demand:status", args=[proposal.board.slug, proposal.pk]),
        {"status": "done", "outcome": "We open on Saturdays now.", "outcome_service": service.pk},
    )
    page = client.get(reverse("demand:you_said", args=[proposal.board.slug])).content.decode()
    assert "Meet on Saturdays too" in page and "We open on Saturdays now." in page
    assert reverse("demand:service", args=[service.slug]) in page


def test_a_hidden_proposal_shows_its_author_why_and_nobody_else(
    client, proposal, owner, colleague, group
):
    proposal_hide(actor=owner, proposal=proposal, reason="It names a member.")
    client.force_login(colleague)
    page = client.get(reverse("demand:proposal", args=[proposal.board.slug, proposal.pk]))
    assert "It names a member." in page.content.decode()
    another = UserFactory(email="another@example.org")
    MembershipFactory(user=another, organisation=group, role="group_member")
    client.force_login(another)
    url = reverse("demand:proposal", args=[proposal.board.slug, proposal.pk])
    assert client.get(url).status_code == 404


def test_comments_and_their_moderation(client, proposal, owner, colleague):
    comment = comment_make(actor=colleague, proposal=proposal, body="Yes please")
    client.force_login(owner)
    url = reverse("demand:hide", args=[proposal.board.slug, proposal.pk])
    page = client.post(url, {"comment": comment.pk, "reason": ""}).content.decode()
    assert "Enter an answer for “Why are you hiding it?”" in page
    client.post(url, {"comment": comment.pk, "reason": "Off topic"})
    comment.refresh_from_db()
    assert comment.hidden_reason == "Off topic"


def test_a_private_board_is_hidden_from_strangers(client, board, stranger, other_lead):
    for person in (stranger, other_lead):
        client.force_login(person)
        for name in ("board", "you_said", "proposal_new"):
            assert client.get(reverse(f"demand:{name}", args=[board.slug])).status_code == 404


BOARD_QUERIES = 13  # six for the person and the board, four for the page, three for the layout


@pytest.mark.parametrize("size", [1, 30])
def test_the_board_page_makes_the_same_number_of_queries_whatever_its_size(
    client, board, colleague, django_assert_max_num_queries, size
):
    for n in range(size):
        proposal = ProposalFactory(board=board)
        if n % 2:
            vote_cast(actor=colleague, proposal=proposal)
    client.force_login(colleague)
    with django_assert_max_num_queries(BOARD_QUERIES):
        client.get(reverse("demand:board", args=[board.slug]))


def test_an_owner_shows_a_hidden_proposal_again_and_members_can_vote_on_it(
    client, proposal, owner, group
):
    proposal_hide(actor=owner, proposal=proposal, reason="Names a member by mistake.")
    client.force_login(owner)
    page = client.get(reverse("demand:proposal", args=[proposal.board.slug, proposal.pk]))
    assert "Show the proposal again" in page.content.decode()

    response = client.post(
        reverse("demand:show", args=[proposal.board.slug, proposal.pk]), follow=True
    )

    assert "Shown again. Everyone on the board can see it." in response.content.decode()
    proposal.refresh_from_db()
    assert not proposal.is_hidden
    shown = AuditEvent.objects.get(action="demand.proposal_shown_again")
    assert shown.actor == owner and shown.data["was_hidden_because"] == "Names a member by mistake."
    member = UserFactory(email="member@example.org")
    MembershipFactory(user=member, organisation=group, role="group_member")
    client.force_login(member)
    page = client.get(reverse("demand:proposal", args=[proposal.board.slug, proposal.pk]))
    assert page.status_code == 200 and "Vote for this" in page.content.decode()


def test_an_owner_shows_a_hidden_comment_again(client, proposal, owner, colleague):
    comment = comment_make(actor=colleague, proposal=proposal, body="Saturdays suit carers")
    comment_hide(actor=owner, comment=comment, reason="Checking with the author")
    client.force_login(owner)

    client.post(
        reverse("demand:show", args=[proposal.board.slug, proposal.pk]), {"comment": comment.pk}
    )

    comment.refresh_from_db()
    assert comment.hidden_reason == ""
    assert AuditEvent.objects.filter(action="demand.comment_shown_again").count() == 1


def test_only_the_boards_owners_can_show_something_again(
    client, proposal, owner, colleague, stranger, other_lead
):
    proposal_hide(actor=owner, proposal=proposal, reason="Off topic")
    url = reverse("demand:show", args=[proposal.board.slug, proposal.pk])
    for person in (colleague, stranger, other_lead):
        client.force_login(person)
        assert client.post(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 405
    assert client.post(url, {"comment": "999999"}).status_code == 404
    proposal.refresh_from_db()
    assert proposal.is_hidden
    with pytest.raises(ValidationError):
        proposal_show_again(actor=colleague, proposal=proposal)


def test_comments_come_oldest_first_a_page_at_a_time_and_a_new_one_is_shown_where_it_lands(
    client, monkeypatch, proposal, colleague
):
    from flourish.demand.views import boards as board_views

    monkeypatch.setattr(board_views, "COMMENTS_PER_PAGE", 2)
    for n in range(3):
        comment_make(actor=colleague, proposal=proposal, body=f"Comment number {n}")
    client.force_login(colleague)
    address = reverse("demand:proposal", args=[proposal.board.slug, proposal.pk])

    first = client.get(address).text
    response = client.post(
        reverse("demand:comment", args=[proposal.board.slug, proposal.pk]),
        {"body": "The newest one"},
    )
    last = client.get(response["Location"]).text

    assert "Comment number 0" in first and "Comment number 1" in first
    assert "Comment number 2" not in first
    assert "Page 1 of 2" in first
    assert response["Location"] == f"{address}?page=2#comments"
    assert "Comment number 2" in last and "The newest one" in last


@pytest.mark.parametrize("named", ["1.0", "²", "9" * 20, "abc"])
def test_a_hide_or_show_naming_no_real_comment_is_not_found_and_hides_nothing(
    client, proposal, owner, named
):
    client.force_login(owner)
    slug = proposal.board.slug

    hide = client.post(
        reverse("demand:hide", args=[slug, proposal.pk]), {"comment": named, "reason": "Off topic"}
    )
    show = client.post(reverse("demand:show", args=[slug, proposal.pk]), {"comment": named})

    assert (hide.status_code, show.status_code) == (404, 404)
    proposal.refresh_from_db()
    assert not proposal.is_hidden
