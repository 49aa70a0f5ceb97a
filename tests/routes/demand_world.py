"""The sweep's demand: a group's private service with a contact and a change note."""

from typing import Any

from flourish.demand.factories import ChangeNoteFactory, ContactFactory, ServiceFactory


def add_demand(things: dict[str, Any], group: Any) -> None:
    service = ServiceFactory(organisation=group, name="Route phone line", slug="route-phone-line")
    ContactFactory(service=service)
    ContactFactory(service=service, failure=True, cause="Slow post")
    ChangeNoteFactory(service=service)
    things.update(demand_service=service)
