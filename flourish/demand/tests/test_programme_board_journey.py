"""From the data `make seed` builds, through the pages alone: a group Kick-Start funds finds
the fund's board, votes for an idea and proposes its own; the fund's staff take one on and
everyone who backed it hears by email; a holding partner whose group is not funded gets 404."""

import io

import pytest
from django.urls import reverse

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import ROLES_THAT_READ_SENSITIVE_DATA, User
from flourish.accounts.tests.two_step import with_authenticator
from flourish.demand import demo as demand_demo
from flourish.demand.models import Board, ProposalStatus
from flourish.grants import demo as grants_demo
from flourish.timebank import demo as timebank_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    for module in (accounts_demo, grants_demo, timebank_demo, demand_demo):
        module.build(io.StringIO())
    demand_demo.build(io.StringIO())  # a second run changes nothing
    return Board.objects.get(slug=demand_demo.KICK_START_BOARD)


def _person(email):
    """A demo person; those who read sensitive data sign in with their authenticator app."""
    person = User.objects.get(email=email)
    if person.memberships.filter(role__in=ROLES_THAT_READ_SENSITIVE_DATA).exists():
        with_authenticator(person)
    return person


def test_a_funded_group_votes_and_proposes_on_the_programme_board(client, board, mailoutbox):
    check_the_seeded_boards(board)
    client.force_login(_person("organiser@example.org"))
    boards_page = client.get(reverse("demand:boards")).content.decode()
    mine = boards_page.split("Boards you can take part in")[1].split("Boards anyone can read")[0]
    assert "Kick-Start: ideas from the groups we fund" in mine
    assert "Bradford Timebank: your ideas" in mine
    board_page = client.get(reverse("demand:board", args=[board.slug])).content.decode()
    assert demand_demo.KICK_START_OPEN_IDEA in board_page
    hidden = board.proposals.exclude(hidden_reason="").get()
    assert hidden.title not in board_page  # Tom's, hidden by the fund's staff
    idea = board.proposals.get(title=demand_demo.KICK_START_OPEN_IDEA)
    voted = client.post(reverse("demand:vote", args=[board.slug, idea.pk]), follow=True)
    assert "Your vote is counted" in voted.content.decode()
    again = client.post(reverse("demand:vote", args=[board.slug, idea.pk]), follow=True)
    assert "You have already voted for this proposal." in again.content.decode()
    client.post(
        reverse("demand:proposal_new", args=[board.slug]),
        {"title": "A phone number for Kick-Start questions"},
    )
    ours = board.proposals.get(title="A phone number for Kick-Start questions")
    assert ours.author == _person("organiser@example.org")
    idea.refresh_from_db()
    assert idea.vote_count == 2  # its author's, and the organiser's

    client.force_login(_person("funder@example.org"))
    mailoutbox.clear()  # the emails the demo's own status changes sent
    client.post(
        reverse("demand:status", args=[board.slug, idea.pk]),
        {"status": "doing", "outcome": "The first meet-up is in March."},
    )
    told = sorted(message.to[0] for message in mailoutbox)
    assert told == ["member@example.org", "organiser@example.org"]
    page = client.get(reverse("demand:board", args=[board.slug]) + "?status=doing")
    assert demand_demo.KICK_START_OPEN_IDEA in page.content.decode()
    owned = client.get(reverse("demand:proposal", args=[board.slug, hidden.pk])).content.decode()
    assert hidden.title in owned and hidden.hidden_reason in owned


def check_the_seeded_boards(board):
    statuses = set(board.proposals.values_list("status", flat=True))
    assert statuses == set(ProposalStatus.values)
    timebank_board = Board.objects.get(slug=demand_demo.TIMEBANK_BOARD)
    assert set(timebank_board.proposals.values_list("status", flat=True)) == statuses
    assert Board.objects.count() == 4
    # Every board has one hidden idea, so its owners see what hiding looks like.
    for each in Board.objects.all():
        assert each.proposals.exclude(hidden_reason="").count() == 1


def test_a_holding_partner_whose_group_is_not_funded_gets_404(client, board):
    client.force_login(_person("partner@example.org"))
    assert client.get(reverse("demand:board", args=[board.slug])).status_code == 404
    idea = board.proposals.get(title=demand_demo.KICK_START_OPEN_IDEA)
    assert client.post(reverse("demand:vote", args=[board.slug, idea.pk])).status_code == 404
    mine = client.get(reverse("demand:boards")).content.decode()
    assert "Kick-Start: ideas from the groups we fund" not in mine


def test_the_coordinator_owns_the_timebank_board_and_a_newcomer_gets_404(client, board):
    timebank_board = Board.objects.get(slug=demand_demo.TIMEBANK_BOARD)
    client.force_login(_person("newcomer@example.org"))  # asked to join, not yet approved
    idea = timebank_board.proposals.filter(status="open").first()
    assert (
        client.post(reverse("demand:vote", args=[timebank_board.slug, idea.pk])).status_code == 404
    )
    client.force_login(_person("coordinator@example.org"))
    response = client.post(
        reverse("demand:status", args=[timebank_board.slug, idea.pk]),
        {"status": "considering", "outcome": ""},
    )
    assert response.status_code == 302
