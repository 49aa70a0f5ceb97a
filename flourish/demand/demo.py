"""Demo demand: three services with a year of contacts (on one, a change in the spring cut
failure demand, and the chart shows it), applicants' feedback on the Keep Connected Fund,
and four boards with proposals in every status and one hidden. All made up; safe to run again."""

import datetime
import random
from typing import Any, TextIO

from django.utils import timezone

from flourish.accounts.models import Organisation, User
from flourish.demand.models import (
    Board,
    Channel,
    Contact,
    DemandType,
    FailureKind,
    ProposalStatus,
    Service,
)
from flourish.demand.services.boards import (
    board_create,
    comment_make,
    proposal_hide,
    proposal_make,
    proposal_set_status,
    vote_cast,
)
from flourish.demand.services.contacts import note_add, service_create
from flourish.demand.services.feedback import feedback_leave
from flourish.grants.models import Programme
from flourish.timebank.models import Timebank

GROUP = "peer-support-bradford"
KICK_START = "ideas-kick-start"
KICK_START_BOARD = "kick-start-funded-groups-ideas"
TIMEBANK = "bradford-timebank"
TIMEBANK_BOARD = "bradford-timebank-ideas"
# The open idea on the Kick-Start board that the demo organiser has not voted for yet.
KICK_START_OPEN_IDEA = "A meet-up for the groups Kick-Start funds, to share what worked"
FUNDER = "community-minds-fund"
CHANGED_SERVICE = "peer-support-bradford-phone-and-drop-in"
WEEKS = 52
CHANGE_WEEKS_AGO = 18

VALUE = [
    "Can I come to the Thursday group?",
    "I'd like to join the walking group",
    "Is there anything on at the weekend?",
    "Can my friend come with me next time?",
    "I want to volunteer on the helpline",
    "Do you have a group for carers?",
    "Can I book a one-to-one with a peer supporter?",
]
FAILURE = [
    (FailureKind.CHASING, "Did you get my message? Nobody rang back", "Call-backs missed"),
    (FailureKind.NOT_UNDERSTOOD, "Where is the group this week? The room changed", "Room changes"),
    (FailureKind.NOT_UNDERSTOOD, "What time does it start? The leaflet says two times", "Leaflet"),
    (FailureKind.REPEAT, "I've told three people my story already", "Handover between staff"),
    (FailureKind.WRONG_PLACE, "Is this the crisis team?", "Unclear what we do"),
    (FailureKind.WENT_WRONG, "I came and the door was locked", "Room changes"),
    (FailureKind.OTHER, "The form on the website didn't send", ""),
]


def build(stdout: TextIO) -> None:
    if Service.objects.filter(slug=CHANGED_SERVICE).exists():
        stdout.write("Demand: the demo services and boards are already there.")
    else:
        _services_and_boards(stdout)
    _kick_start_board(stdout)
    _timebank_board(stdout)


def _services_and_boards(stdout: TextIO) -> None:
    group = Organisation.objects.get(slug=GROUP)
    funder = Organisation.objects.get(slug=FUNDER)
    organiser = User.objects.get(email="organiser@example.org")
    staff = User.objects.get(email="funder@example.org")
    rng = random.Random(13)
    changed = _service(organiser, group, "Peer Support Bradford: phone and drop-in", True)
    _contacts(changed, organiser, rng, before=0.42, after=0.2, per_week=24)
    note_add(
        actor=organiser,
        service=changed,
        made_on=_monday(CHANGE_WEEKS_AGO),
        text="We text everyone the room and time the day before each session.",
    )
    inbox = _service(organiser, group, "Peer Support Bradford: email inbox", False)
    _contacts(inbox, organiser, rng, before=0.3, after=0.3, per_week=12)
    enquiries = _service(staff, funder, "Community Minds Fund: enquiries line", True)
    _contacts(enquiries, staff, rng, before=0.35, after=0.35, per_week=18)
    _feedback(stdout)
    _boards(group, funder, organiser, staff, changed)
    stdout.write(
        "Demand: three services with a year of contacts, applicants' feedback on the Keep "
        "Connected Fund, and two boards (sign in as organiser@example.org or "
        "funder@example.org)."
    )


def _service(actor: User, organisation: Organisation, name: str, public: bool) -> Service:
    return service_create(actor=actor, organisation=organisation, name=name, chart_is_public=public)


def _monday(weeks_ago: int) -> datetime.date:
    today = timezone.localdate()
    return today - datetime.timedelta(days=today.weekday(), weeks=weeks_ago)


def _contacts(
    service: Service, actor: User, rng: random.Random, *, before: float, after: float, per_week: int
) -> None:
    contacts = []
    today = timezone.localdate()
    for weeks_ago in range(WEEKS - 1, -1, -1):
        share = after if weeks_ago < CHANGE_WEEKS_AGO else before
        for _n in range(max(1, int(rng.gauss(per_week, per_week / 6)))):
            day = _monday(weeks_ago) + datetime.timedelta(days=rng.randrange(5))
            if day > today:
                continue
            contacts.append(_contact(service, actor, rng, day, rng.random() < share))
    Contact.objects.bulk_create(contacts, batch_size=1000)


def _contact(
    service: Service, actor: User, rng: random.Random, day: datetime.date, failure: bool
) -> Contact:
    channel = rng.choice(
        [Channel.PHONE] * 3 + [Channel.EMAIL, Channel.IN_PERSON] * 2 + list(Channel)
    )
    if failure:
        kind, words, cause = rng.choice(FAILURE)
        return Contact(
            service=service,
            received_on=day,
            words=words,
            channel=channel,
            demand=DemandType.FAILURE,
            failure_kind=kind,
            cause=cause,
            resolved_first_time=rng.random() < 0.4,
            recorded_by=actor,
        )
    return Contact(
        service=service,
        received_on=day,
        words=rng.choice(VALUE),
        channel=channel,
        demand=DemandType.VALUE,
        resolved_first_time=rng.random() < 0.8,
        recorded_by=actor,
    )


FEEDBACK = [
    ("not_understood", "question 4", "I didn't understand question 4 about outcomes", True),
    ("not_understood", "question 4", "What do you mean by outcomes?", False),
    ("repeat", "about your group", "I typed our group's details twice", True),
    ("worked_well", "", "Quick and kind. Thank you for not asking for a constitution", False),
    ("chasing", "", "I didn't know when we would hear back", True),
    ("worked_well", "", "Easy on my phone", True),
    ("went_wrong", "budget page", "The budget page lost what I typed", False),
]


def _feedback(stdout: TextIO) -> None:
    programme = Programme.objects.filter(slug="keep-connected-fund").first()
    if programme is None:
        stdout.write("Demand: no Keep Connected Fund, so no applicants' feedback.")
        return
    applicant = User.objects.get(email="organiser@example.org")
    for about, part, words, anonymous in FEEDBACK:
        feedback_leave(
            actor=applicant,
            programme=programme,
            words=words,
            about=about,
            part=part,
            anonymous=anonymous,
        )


def _boards(
    group: Organisation, funder: Organisation, organiser: User, staff: User, changed: Service
) -> None:
    member = User.objects.get(email="member@example.org")
    ideas = board_create(
        actor=organiser,
        organisation=group,
        name="Peer Support Bradford: your ideas",
        description="Ideas and changes for the group. Members propose, comment and vote.",
        is_public=True,
    )
    done = _propose(ideas, member, "Remind us where the group is the day before", [organiser])
    proposal_set_status(
        actor=organiser,
        proposal=done,
        status=ProposalStatus.DONE,
        outcome="Since the spring we text everyone the room and time the day before.",
        outcome_service=changed,
    )
    _everything_else(ideas, organiser, member)
    fund = board_create(
        actor=staff,
        organisation=funder,
        name="Community Minds Fund: how we fund",
        description="Our team's ideas for making applying easier.",
    )
    associate = User.objects.get(email="associate@example.org")
    rewrite = _propose(fund, associate, "Rewrite question 4 in plain English", [staff])
    proposal_set_status(
        actor=staff,
        proposal=rewrite,
        status=ProposalStatus.DOING,
        outcome="Applicants keep telling us question 4 is unclear. New wording in the next round.",
    )
    _everything_else(fund, staff, associate)


def _propose(board: Board, author: User, title: str, voters: list[Any]) -> Any:
    proposal = proposal_make(actor=author, board=board, title=title)
    for voter in [author, *voters]:
        vote_cast(actor=voter, proposal=proposal)
    return proposal


def _everything_else(board: Board, owner: User, member: User) -> None:
    """One proposal in each remaining status, with a comment and a hidden one."""
    open_one = _propose(board, member, "Meet on Saturdays as well, for people who work", [])
    comment_make(actor=owner, proposal=open_one, body="We could try one Saturday a month.")
    considering = _propose(board, member, "A quiet room at the drop-in", [owner])
    proposal_set_status(actor=owner, proposal=considering, status=ProposalStatus.CONSIDERING)
    if board.proposals.filter(status=ProposalStatus.DOING).count() == 0:
        doing = _propose(board, member, "A WhatsApp group for lifts", [owner])
        proposal_set_status(
            actor=owner, proposal=doing, status=ProposalStatus.DOING, outcome="Starting in May."
        )
    declined = proposal_make(actor=member, board=board, title="Move to a bigger hall in town")
    proposal_set_status(
        actor=owner,
        proposal=declined,
        status=ProposalStatus.DECLINED,
        outcome="The hall has no step-free entrance, so not everyone could come.",
    )
    if board.proposals.filter(status=ProposalStatus.DONE).count() == 0:
        done = _propose(board, member, "Put the dates on one page", [owner])
        proposal_set_status(
            actor=owner,
            proposal=done,
            status=ProposalStatus.DONE,
            outcome="All the dates are now on one page of the website.",
        )
    hidden = proposal_make(actor=member, board=board, title="Sell tickets for the summer trip")
    proposal_hide(actor=owner, proposal=hidden, reason="This is about a different group's trip.")


# Each idea: who proposes it (a key into the people), its title, who else votes, the status
# it reaches and what came of it.
Idea = tuple[str, str, list[str], str, str]


def _ideas_in_every_status(
    board: Board, owner: User, people: dict[str, User], ideas: list[Idea]
) -> None:
    for author, title, voters, status, outcome in ideas:
        proposal = _propose(board, people[author], title, [people[v] for v in voters])
        if status != ProposalStatus.OPEN:
            proposal_set_status(actor=owner, proposal=proposal, status=status, outcome=outcome)


def _demo_board(
    stdout: TextIO,
    *,
    slug: str,
    owner: User,
    people: dict[str, User],
    ideas: list[Idea],
    hidden: tuple[str, str, str],
    said: str,
    **home: Any,
) -> None:
    """A board at a fixed address with one idea in every status and one hidden idea (who
    proposed it, its title and why it was hidden), as the group's and the fund's boards
    have, so an owner and the author see what hiding looks like."""
    board = board_create(actor=owner, **home)
    Board.objects.filter(pk=board.pk).update(slug=slug)
    board.slug = slug
    _ideas_in_every_status(board, owner, people, ideas)
    author, title, reason = hidden
    proposal = proposal_make(actor=people[author], board=board, title=title)
    proposal_hide(actor=owner, proposal=proposal, reason=reason)
    stdout.write(said)


def _kick_start_board(stdout: TextIO) -> None:
    """The groups Kick-Start funds (Peer Support Bradford among them) share ideas with the
    fund; members only, so the holding partner, whose own group is not funded, gets 404."""
    programme = Programme.objects.filter(slug=KICK_START).first()
    if programme is None or Board.objects.filter(slug=KICK_START_BOARD).exists():
        return
    _demo_board(
        stdout,
        slug=KICK_START_BOARD,
        owner=User.objects.get(email="funder@example.org"),
        programme=programme,
        name="Kick-Start: ideas from the groups we fund",
        description="Groups funded by Kick-Start propose changes to how the fund works, "
        "and vote. The fund's staff say what came of each.",
        people={
            "priya": User.objects.get(email="organiser@example.org"),
            "tom": User.objects.get(email="member@example.org"),
        },
        ideas=[
            ("tom", KICK_START_OPEN_IDEA, [], ProposalStatus.OPEN, ""),
            ("tom", "Let us spend the grant over a year, not six months", [], "considering", ""),
            (
                "priya",
                "Pay half the grant before the planning session",
                ["tom"],
                ProposalStatus.DOING,
                "From the next round, half is paid when the grant is agreed.",
            ),
            (
                "priya",
                "Send the report questions when the grant is paid",
                ["tom"],
                ProposalStatus.DONE,
                "The three report questions now come with the payment email.",
            ),
            (
                "tom",
                "Let a group apply twice in one round",
                [],
                ProposalStatus.DECLINED,
                "The money would reach fewer groups; apply again in the next round instead.",
            ),
        ],
        hidden=(
            "tom",
            "Our bank details are on the form we sent",
            "Hidden because it shows bank details.",
        ),
        said="Demand: a board for the groups Kick-Start funds (organiser@example.org can vote; "
        "funder@example.org owns it and sees the idea it hid; partner@example.org gets 404).",
    )


def _timebank_board(stdout: TextIO) -> None:
    """Bradford Timebank's approved members propose and vote; its coordinators own it."""
    timebank = Timebank.objects.filter(slug=TIMEBANK).first()
    if timebank is None or Board.objects.filter(slug=TIMEBANK_BOARD).exists():
        return
    _demo_board(
        stdout,
        slug=TIMEBANK_BOARD,
        owner=User.objects.get(email="coordinator@example.org"),
        timebank=timebank,
        name="Bradford Timebank: your ideas",
        description="Ideas for the timebank from its members.",
        is_public=True,
        people={
            "tom": User.objects.get(email="member@example.org"),
            "priya": User.objects.get(email="organiser@example.org"),
        },
        ideas=[
            ("tom", "Swap hours with the Keighley timebank for lifts", [], ProposalStatus.OPEN, ""),
            ("priya", "A monthly skills swap evening", ["tom"], "considering", ""),
            (
                "tom",
                "Text members when someone nearby asks for help",
                ["priya"],
                ProposalStatus.DOING,
                "Texts start next month for members who say yes.",
            ),
            (
                "priya",
                "Show hours given on the home page",
                ["tom"],
                ProposalStatus.DONE,
                "Every member now sees their hours given and received on the home page.",
            ),
            (
                "tom",
                "Pay people for their hours",
                [],
                ProposalStatus.DECLINED,
                "An hour is an hour: paying for some would undo what the timebank is for.",
            ),
        ],
        hidden=(
            "priya",
            "Selling my old bike, message me",
            "Hidden because the board is for ideas about the timebank, not for selling things.",
        ),
        said="Demand: Bradford Timebank's board (coordinator@example.org owns it and sees "
        "the idea it hid).",
    )
