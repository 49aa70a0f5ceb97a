"""Who takes part in a board and who owns it, for each home a board can have: a group, a
funder's programme, a timebank and a personal-budgets pool. Tested as a matrix through the
pages: reading the board, voting, and setting a proposal's status."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import ROLES_THAT_READ_SENSITIVE_DATA, Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.budgets.factories import budget_make
from flourish.budgets.models import Pool, PoolMember
from flourish.demand.factories import BoardFactory, ProposalFactory
from flourish.demand.models import Board
from flourish.demand.rules import board_standing
from flourish.demand.selectors import board_list_for_user
from flourish.demand.services.boards import board_create
from flourish.grants.factories import ApplicationFactory, GroupFactory, ProgrammeFactory
from flourish.grants.models import ApplicationStatus
from flourish.timebank.factories import AskingMemberFactory, TimebankFactory, member_make
from flourish.timebank.models import MemberStatus

OWNS, TAKES_PART, READS_NOTHING = "owns", "takes part", "404"


def _person(name: str) -> object:
    return UserFactory(email=f"{name}@example.org", name=name.title())


def _in(person, organisation, role=Role.GROUP_MEMBER):
    MembershipFactory(user=person, organisation=organisation, role=role)
    if role in ROLES_THAT_READ_SENSITIVE_DATA:
        with_authenticator(person)
    return person


def _funded_group(programme, status):
    group = GroupFactory()
    ApplicationFactory(programme=programme, group=group, status=status)
    return group


def _pool_member(pool, person, left=False):
    PoolMember.objects.create(
        pool=pool,
        budget=budget_make(person=person),
        contribution_pence=5_000,
        outcome="Go out twice a week",
        consented_at=timezone.now(),
        left_at=timezone.now() if left else None,
    )
    return person


@pytest.fixture
def world(group, owner, colleague, other_lead, stranger):
    """Four boards, one for each home, and everyone who might come to them."""
    programme = ProgrammeFactory(title="Kick-Start grants")
    timebank = TimebankFactory(name="Bradford Timebank")
    pool = Pool.objects.create(name="Art on Tuesdays", purpose="A weekly art group", rule="consent")
    boards = {
        "group": BoardFactory(organisation=group, name="Our ideas"),
        "programme": BoardFactory(
            organisation=programme.funder, programme=programme, name="Funded groups"
        ),
        "timebank": BoardFactory(
            organisation=timebank.organisation, timebank=timebank, name="Timebank ideas"
        ),
        "pool": BoardFactory(organisation=None, pool=pool, name="Pool ideas"),
    }
    people = {
        "group lead": owner,
        "group member": colleague,
        "other group's lead": other_lead,
        "stranger": stranger,
        "funder staff": _in(_person("staff"), programme.funder, Role.FUNDER_STAFF),
        "funder's associate": _in(_person("associate"), programme.funder, Role.ASSOCIATE),
        "awarded group's member": _in(
            _person("awarded"), _funded_group(programme, ApplicationStatus.AWARDED)
        ),
        "paid group's lead": _in(
            _person("paid"), _funded_group(programme, ApplicationStatus.PAID), Role.GROUP_LEAD
        ),
        "applicant not funded": _in(
            _person("applicant"), _funded_group(programme, ApplicationStatus.SUBMITTED)
        ),
        "coordinator": _in(
            _person("coordinator"), timebank.organisation, Role.TIMEBANK_COORDINATOR
        ),
        "timebank member": member_make(timebank=timebank, user=_person("tbmember")).user,
        "asked to join": AskingMemberFactory(timebank=timebank, user=_person("asking")).user,
        "left the timebank": AskingMemberFactory(
            timebank=timebank, user=_person("lefttb"), status=MemberStatus.LEFT
        ).user,
        "pool member": _pool_member(pool, _person("pooler")),
        "left the pool": _pool_member(pool, _person("poolleaver"), left=True),
    }
    return boards, people


MATRIX = [
    ("group", "group lead", OWNS),
    ("group", "group member", TAKES_PART),
    ("group", "other group's lead", READS_NOTHING),
    ("group", "stranger", READS_NOTHING),
    ("group", "funder staff", READS_NOTHING),
    ("programme", "funder staff", OWNS),
    ("programme", "awarded group's member", TAKES_PART),
    ("programme", "paid group's lead", TAKES_PART),
    ("programme", "funder's associate", READS_NOTHING),
    ("programme", "applicant not funded", READS_NOTHING),
    ("programme", "group member", READS_NOTHING),
    ("programme", "other group's lead", READS_NOTHING),
    ("programme", "stranger", READS_NOTHING),
    ("timebank", "coordinator", OWNS),
    ("timebank", "timebank member", TAKES_PART),
    ("timebank", "asked to join", READS_NOTHING),
    ("timebank", "left the timebank", READS_NOTHING),
    ("timebank", "group lead", READS_NOTHING),
    ("timebank", "stranger", READS_NOTHING),
    ("pool", "pool member", OWNS),
    ("pool", "left the pool", READS_NOTHING),
    ("pool", "group lead", READS_NOTHING),
    ("pool", "stranger", READS_NOTHING),
]


def _codes(client, board, proposal):
    """What the person gets from the board page, a vote and a status change."""
    read = client.get(reverse("demand:board", args=[board.slug])).status_code
    vote = client.post(reverse("demand:vote", args=[board.slug, proposal.pk])).status_code
    status = client.post(
        reverse("demand:status", args=[board.slug, proposal.pk]),
        {"status": "considering", "outcome": ""},
    ).status_code
    return read, vote, status


@pytest.mark.parametrize(("home", "who", "expected"), MATRIX)
def test_who_may_do_what_on_each_kind_of_board(client, world, home, who, expected):
    boards, people = world
    board, person = boards[home], people[who]
    proposal = ProposalFactory(board=board, author=UserFactory(), title="Meet on Saturdays too")
    client.force_login(person)
    read, vote, status = _codes(client, board, proposal)
    proposal.refresh_from_db()
    if expected == READS_NOTHING:
        assert (read, vote, status) == (404, 404, 404)
        assert proposal.vote_count == 0
        assert board not in board_list_for_user(user=person)
    else:
        assert (read, vote) == (200, 302)
        assert proposal.vote_count == 1
        assert status == (302 if expected == OWNS else 404)
        assert proposal.status == ("considering" if expected == OWNS else "open")
        assert board in board_list_for_user(user=person)
    standing = board_standing(person, board)
    assert (standing.takes_part, standing.owns) == (expected != READS_NOTHING, expected == OWNS)


def test_a_public_board_is_read_by_anyone_but_only_members_vote(client, world):
    boards, people = world
    board = boards["programme"]
    Board.objects.filter(pk=board.pk).update(is_public=True)
    proposal = ProposalFactory(board=board)
    client.force_login(people["other group's lead"])
    assert client.get(reverse("demand:board", args=[board.slug])).status_code == 200
    assert client.post(reverse("demand:vote", args=[board.slug, proposal.pk])).status_code == 404


def test_funder_staff_open_a_board_for_their_programmes_funded_groups(client, world):
    boards, people = world
    programme = boards["programme"].programme
    client.force_login(people["funder staff"])
    page = client.get(reverse("demand:board_new")).content.decode()
    assert f"The groups funded by {programme.title}" in page
    response = client.post(
        reverse("demand:board_new"),
        {"home": f"programme-{programme.pk}", "name": "What should we fund next?"},
    )
    board = Board.objects.get(name="What should we fund next?")
    assert response.status_code == 302
    assert (board.programme, board.organisation) == (programme, programme.funder)


def test_a_pool_member_opens_a_board_for_the_pool(client, world):
    boards, people = world
    pool = boards["pool"].pool
    client.force_login(people["pool member"])
    client.post(reverse("demand:board_new"), {"home": f"pool-{pool.pk}", "name": "Art ideas"})
    assert Board.objects.get(name="Art ideas").pool == pool


def test_nobody_opens_a_board_for_a_home_they_would_not_own(world):
    boards, people = world
    with pytest.raises(ValidationError, match="would own the board"):
        board_create(
            actor=people["timebank member"], timebank=boards["timebank"].timebank, name="Mine"
        )
    with pytest.raises(ValidationError, match="would own the board"):
        board_create(actor=people["left the pool"], pool=boards["pool"].pool, name="Mine")


def test_a_person_without_a_home_to_open_a_board_in_gets_404(client, world):
    _boards, people = world
    client.force_login(people["timebank member"])
    assert client.get(reverse("demand:board_new")).status_code == 404


def test_the_list_of_boards_a_person_takes_part_in_is_one_query(world, django_assert_num_queries):
    _boards, people = world
    with django_assert_num_queries(1):
        names = [board.home_name for board in board_list_for_user(user=people["funder staff"])]
    assert names == ["Kick-Start grants"]
