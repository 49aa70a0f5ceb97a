"""The sweep's demand: a group's private service with contacts and a change note, and its
private board with a member's open proposal."""

from typing import Any

from flourish.demand.factories import (
    BoardFactory,
    ChangeNoteFactory,
    ContactFactory,
    ProposalFactory,
    ServiceFactory,
)


def add_demand(things: dict[str, Any], group: Any, member: Any) -> None:
    service = ServiceFactory(organisation=group, name="Route phone line", slug="route-phone-line")
    ContactFactory(service=service)
    ContactFactory(service=service, failure=True, cause="Slow post")
    ChangeNoteFactory(service=service)
    board = BoardFactory(organisation=group, name="Route ideas", slug="route-ideas")
    proposal = ProposalFactory(board=board, author=member, title="Route idea")
    things.update(demand_service=service, board=board, proposal=proposal)
