"""Demand pages for the browser suite (tests/browser): axe-core, reflow at 320px, Urdu.

The member persona's group runs a service with a few months of contacts and a change
note, and a board with a proposal that has a comment and a done one for "you said, we did"."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.browser.pages import MEMBER, Page, Scene


def _world(scene: Scene) -> dict:
    from flourish.demand.factories import (
        BoardFactory,
        ChangeNoteFactory,
        ContactFactory,
        ProposalFactory,
        ServiceFactory,
    )
    from flourish.demand.models import ProposalStatus

    service = ServiceFactory(organisation=scene.group, name="Our phone line", slug="phone-line")
    today = timezone.localdate()
    for weeks in range(14):
        day = today - datetime.timedelta(weeks=weeks)
        ContactFactory(service=service, received_on=day)
        ContactFactory(service=service, received_on=day, failure=True, cause="Room changes")
        if weeks % 3 == 0:
            ContactFactory(service=service, received_on=day, failure=True)
    ChangeNoteFactory(service=service, made_on=today - datetime.timedelta(weeks=4))
    board = BoardFactory(organisation=scene.group, name="Our ideas", slug="our-ideas")
    proposal = ProposalFactory(board=board, author=scene.person, title="Tea after the group")
    ProposalFactory(
        board=board,
        title="Dates on one page",
        status=ProposalStatus.DONE,
        outcome="All the dates are on one page now.",
        outcome_service=service,
    )
    return {"service": service, "board": board, "proposal": proposal}


def _service(name: str):
    def build(scene: Scene) -> str:
        return reverse(f"demand:{name}", args=[_world(scene)["service"].slug])

    return build


def _board(name: str, proposal: bool = False):
    def build(scene: Scene) -> str:
        world = _world(scene)
        args = [world["board"].slug] + ([world["proposal"].pk] if proposal else [])
        return reverse(f"demand:{name}", args=args)

    return build


PAGES = [
    Page("demand index", MEMBER, lambda scene: (_world(scene), reverse("demand:index"))[1]),
    Page("demand service chart", MEMBER, _service("service")),
    Page("demand quick log", MEMBER, _service("log")),
    Page("demand note a change", MEMBER, _service("note_new")),
    Page("demand import", MEMBER, _service("import")),
    Page("demand tally sheet", MEMBER, _service("tally_sheet")),
    Page("demand board", MEMBER, _board("board")),
    Page("demand proposal", MEMBER, _board("proposal", proposal=True)),
    Page("demand you said we did", MEMBER, _board("you_said")),
    Page("demand boards", MEMBER, lambda scene: (_world(scene), reverse("demand:boards"))[1]),
]
