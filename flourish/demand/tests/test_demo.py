"""The demo lets a newcomer try every demand journey from the pages alone, starting from
the data `make seed` builds."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from flourish.accounts import demo as accounts_demo
from flourish.accounts.models import User
from flourish.demand import demo as demand_demo
from flourish.demand.models import Board, Contact, ProposalStatus, Service
from flourish.grants import demo as grants_demo

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def demo():
    for module in (accounts_demo, grants_demo, demand_demo):
        module.build(io.StringIO())
    demand_demo.build(io.StringIO())  # a second run changes nothing
    return Service.objects.get(slug=demand_demo.CHANGED_SERVICE)


def test_the_demo_has_every_demand_journey_ready_and_runs_twice(client, demo):
    """One build for every check: the demo takes a while to make."""
    check_the_demo_data(demo)
    client.force_login(User.objects.get(email="organiser@example.org"))
    check_the_change_shows_on_the_chart(client, demo)
    check_logging_five_contacts(client, demo)
    check_importing_a_tally_sheet_with_an_error_row(client, demo)
    check_marking_a_change(client, demo)
    check_propose_vote_and_mark_done(client)


def check_the_demo_data(demo):
    assert Service.objects.count() == 4  # three services and the programme's feedback
    assert Contact.objects.filter(service=demo).count() > 52 * 15
    feedback = Service.objects.get(programme__slug="keep-connected-fund")
    assert feedback.contacts.filter(recorded_by=None).exists()
    assert feedback.contacts.filter(cause="question 4").count() == 2
    # The group's and the fund's own boards, and the Kick-Start funded groups' board (the
    # timebank's board needs the timebank demo, which this test does not build).
    assert Board.objects.count() == 3
    for board in Board.objects.all():
        statuses = set(board.proposals.values_list("status", flat=True))
        assert statuses == set(ProposalStatus.values)
    # Every board has one hidden idea, for its owners to see what hiding looks like.
    for board in Board.objects.all():
        assert board.proposals.exclude(hidden_reason="").count() == 1


def check_the_change_shows_on_the_chart(client, demo):
    page = client.get(reverse("demand:service", args=[demo.slug])).content.decode()
    assert "We text everyone the room and time the day before each session." in page
    assert page.count('stroke="#0b0c0c" stroke-width="1.5"') == 2  # a mean before and after


def check_logging_five_contacts(client, demo):
    before = Contact.objects.filter(service=demo).count()
    url = reverse("demand:log", args=[demo.slug])
    for number in range(5):
        client.post(
            url,
            {
                "words": f"Where is the group this week? ({number})",
                "demand": "failure",
                "failure_kind": "not_understood",
                "channel": "phone",
                "received_on_0": TODAY.day,
                "received_on_1": TODAY.month,
                "received_on_2": TODAY.year,
            },
        )
    assert Contact.objects.filter(service=demo).count() == before + 5


def check_importing_a_tally_sheet_with_an_error_row(client, demo):
    before = Contact.objects.filter(service=demo).count()
    sheet = (
        "date,words,channel,demand,kind,cause,sorted at first contact,count\n"
        f"{TODAY.isoformat()},Can I join?,P,V,,,Y,4\n"
        f"{TODAY.isoformat()},Door was locked,I,F,Q,,N,\n"
    )
    url = reverse("demand:import", args=[demo.slug])
    page = client.post(url, {"file": SimpleUploadedFile("sheet.csv", sheet.encode())})
    assert "1 row has a problem." in page.content.decode()
    assert "“Q” is not a kind of failure demand we know" in page.content.decode()
    client.post(reverse("demand:import_confirm", args=[demo.slug]))
    assert Contact.objects.filter(service=demo).count() == before
    fixed = sheet.replace(",F,Q,", ",F,S,")
    client.post(url, {"file": SimpleUploadedFile("sheet.csv", fixed.encode())})
    client.post(reverse("demand:import_confirm", args=[demo.slug]))
    assert Contact.objects.filter(service=demo).count() == before + 5


def check_marking_a_change(client, demo):
    client.post(
        reverse("demand:note_new", args=[demo.slug]),
        {
            "text": "New signs on the door",
            "made_on_0": TODAY.day,
            "made_on_1": TODAY.month,
            "made_on_2": TODAY.year,
        },
    )
    page = client.get(reverse("demand:service", args=[demo.slug])).content.decode()
    assert "New signs on the door" in page


def check_propose_vote_and_mark_done(client):
    board = Board.objects.get(
        organisation__slug="peer-support-bradford", timebank=None, programme=None
    )
    client.post(reverse("demand:proposal_new", args=[board.slug]), {"title": "Tea after the group"})
    proposal = board.proposals.get(title="Tea after the group")
    client.post(reverse("demand:vote", args=[board.slug, proposal.pk]))
    client.post(
        reverse("demand:status", args=[board.slug, proposal.pk]),
        {"status": "done", "outcome": "Tea and biscuits every week now."},
    )
    page = client.get(reverse("demand:you_said", args=[board.slug])).content.decode()
    assert "Tea after the group" in page and "Tea and biscuits every week now." in page
    proposal.refresh_from_db()
    assert proposal.vote_count == 1
