"""The sweep's timebank: the group lead coordinates it (so has an authenticator app), the
group member belongs to it and has an exchange and a mentor, and someone else is waiting
for a mentor."""

from typing import Any

from flourish.accounts.factories import AuthenticatorFactory, MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.timebank.factories import (
    ListingFactory,
    TimebankFactory,
    member_make,
    mentee_make,
    mentor_make,
    scheme_make,
)
from flourish.timebank.models import MentorApplication, PartnershipRequest
from flourish.timebank.services.exchanges import exchange_ask
from flourish.timebank.services.mentoring import pair_propose


def add_timebank(things: dict[str, Any], group: Any, lead: Any, member: Any) -> None:
    timebank = TimebankFactory(organisation=group, name="Route Timebank", slug="route-timebank")
    MembershipFactory(user=lead, organisation=group, role=Role.TIMEBANK_COORDINATOR)
    # A coordinator reads members' safeguarding checks, so the lead signs in in two steps.
    AuthenticatorFactory(user=lead)
    mine = member_make(timebank, member)
    neighbour = member_make(timebank, UserFactory(email="route.neighbour@example.org"))
    listing = ListingFactory(member=neighbour, timebank=timebank)
    exchange = exchange_ask(asker=mine, listing=listing, message="", actor=member)
    scheme = scheme_make(timebank)
    pair = pair_propose(
        mentor=mentor_make(scheme, member=neighbour),
        mentee=mentee_make(scheme, member=mine),
        actor=lead,
    )
    waiting = mentee_make(scheme, member=member_make(timebank))
    applied = MentorApplication.objects.create(
        scheme=scheme, member=member_make(timebank), why="I would like to."
    )
    elsewhere = TimebankFactory(name="Route Partner Timebank", slug="route-partner-timebank")
    partnership = PartnershipRequest.objects.create(
        from_timebank=elsewhere, to_timebank=timebank, asked_by=member
    )
    things.update(
        partnership_request=partnership,
        timebank=timebank,
        timebank_member=mine,
        timebank_listing=listing,
        exchange=exchange,
        scheme=scheme,
        pair=pair,
        waiting_mentee=waiting,
        mentor_application=applied,
    )
