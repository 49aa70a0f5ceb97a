"""Timebank pages for the browser suite (tests/browser): axe-core, reflow at 320px, Urdu.

The member persona belongs to a timebank run by their group, with an exchange, a listing
and a mentoring pair; for the coordinator's pages they are made its coordinator too."""

from django.urls import reverse

from tests.browser.pages import MEMBER, Page, Scene


def _world(scene: Scene, coordinator: bool = False):
    from flourish.accounts.factories import MembershipFactory, UserFactory
    from flourish.accounts.models import Role
    from flourish.timebank.factories import (
        ListingFactory,
        TimebankFactory,
        member_make,
        mentee_make,
        mentor_make,
        scheme_make,
    )
    from flourish.timebank.services.exchanges import exchange_ask
    from flourish.timebank.services.mentoring import pair_propose

    timebank = TimebankFactory(
        organisation=scene.group, name="Leeds Timebank", slug="leeds-timebank"
    )
    me = member_make(timebank, scene.person)
    neighbour = member_make(
        timebank, UserFactory(email="neighbour@example.org", name="Nadia Neighbour")
    )
    listing = ListingFactory(member=neighbour, timebank=timebank)
    exchange = exchange_ask(
        asker=me, listing=listing, message="Could you help?", actor=scene.person
    )
    scheme = scheme_make(timebank)
    pair = pair_propose(
        mentor=mentor_make(scheme, member=neighbour),
        mentee=mentee_make(scheme, member=me),
        actor=neighbour.user,
    )
    if coordinator:
        MembershipFactory(
            user=scene.person, organisation=scene.group, role=Role.TIMEBANK_COORDINATOR
        )
        mentee_make(scheme, member=member_make(timebank))
    return {
        "timebank": timebank,
        "listing": listing,
        "exchange": exchange,
        "scheme": scheme,
        "pair": pair,
        "me": me,
    }


def _url(name: str, *things: str, coordinator: bool = False):
    def build(scene: Scene) -> str:
        world = _world(scene, coordinator)
        args = [world["timebank"].slug]
        for thing in things:
            args += [world["scheme"].slug] if thing == "scheme" else [world[thing].pk]
        return reverse(f"timebank:{name}", args=args)

    return build


PAGES = [
    Page("timebank home", MEMBER, _url("home")),
    Page("timebank offers and requests", MEMBER, _url("search")),
    Page("timebank listing", MEMBER, _url("listing", "listing")),
    Page("timebank exchange", MEMBER, _url("exchange", "exchange")),
    Page("timebank record help", MEMBER, _url("record")),
    Page("timebank statement", MEMBER, _url("statement")),
    Page("timebank mentoring pair", MEMBER, _url("pair", "scheme", "pair")),
    Page("timebank coordinator dashboard", MEMBER, _url("dashboard", coordinator=True)),
    Page("timebank members", MEMBER, _url("members", coordinator=True)),
    Page("timebank report", MEMBER, _url("report", coordinator=True)),
    Page("timebank import", MEMBER, _url("import", coordinator=True)),
    Page("timebank pot draw", MEMBER, _url("pot_draw", "me", coordinator=True)),
    Page("timebank refer for a mentor", MEMBER, _url("refer", "me", coordinator=True)),
    Page("timebank partners", MEMBER, _url("partners", coordinator=True)),
    Page("timebank mentoring scheme", MEMBER, _url("scheme", "scheme", coordinator=True)),
]
