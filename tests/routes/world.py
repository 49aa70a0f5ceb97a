"""A small world with one of everything a URL can name, and the nine kinds of person who
might ask for it. Built once per test module, from the same factories as the demo data."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from allauth.mfa.models import Authenticator
from django.core.files.base import ContentFile
from django.utils import timezone

from flourish.accounts.factories import (
    ConsentFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)
from flourish.accounts.models import ROLES_REQUIRING_MFA, OrganisationKind, Role, User
from flourish.directory.factories import ListingFactory, offer_meeting_at
from flourish.directory.models import Listing, TaxonomyTerm
from flourish.directory.services.listings import listing_claim_token
from flourish.grants.factories import (
    AwardFactory,
    EligibilityQuestionFactory,
    FunderFactory,
    GroupFactory,
    ProgrammeFactory,
    application_with_lines,
    holding_partner_for,
)
from flourish.grants.models import Application, ApplicationStatus, PlanningSession
from flourish.grants.services.panels import panel_create
from tests.routes.budgets_world import add_budgets
from tests.routes.demand_world import add_demand
from tests.routes.learning_world import add_learning
from tests.routes.outcomes_world import add_outcomes
from tests.routes.timebank_world import add_timebank

ANONYMOUS = "anonymous"
LEAD = "group lead"
MEMBER = "group member"
OTHER_GROUP = "lead of a different group"
STRANGER = "stranger with no group"
ASSOCIATE = "associate"
PANEL = "panel member"
STAFF = "funder staff"
ADMIN = "administrator"
PEOPLE = (ANONYMOUS, LEAD, MEMBER, OTHER_GROUP, STRANGER, ASSOCIATE, PANEL, STAFF, ADMIN)


class Things(dict[str, Any]):
    """The world's things by name. Each area adds its own, so a name used twice would send
    one area's URLs to another's object, and the sweep would pass only while their ids
    happened to match: a second thing under a name already taken is refused."""

    def __setitem__(self, name: str, thing: Any) -> None:
        if name in self:
            raise KeyError(f"The sweep's world already has a {name!r}: give this one its own name")
        super().__setitem__(name, thing)

    def update(self, *others: Any, **things: Any) -> None:  # type: ignore[override]
        for name, thing in dict(*others, **things).items():
            self[name] = thing


@dataclass
class World:
    people: dict[str, User | None]
    things: Things = field(default_factory=Things)

    def __getattr__(self, name: str) -> Any:
        try:
            return self.things[name]
        except KeyError as error:
            raise AttributeError(name) from error


def _person(email: str, organisation: Any = None, role: str = "", **fields: Any) -> User:
    person: User = UserFactory(email=email, **fields)
    if organisation is not None:
        MembershipFactory(user=person, organisation=organisation, role=role)
    if role in ROLES_REQUIRING_MFA:
        # Everyone who reads sensitive data must have two-step sign-in before they see anything.
        Authenticator.objects.create(
            user=person, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
        )
    return person


def _people(group: Any, other_group: Any, funder: Any) -> dict[str, User | None]:
    operators = OrganisationFactory(
        slug="route-operators", name="Operators", kind=OrganisationKind.OPERATOR
    )
    return {
        ANONYMOUS: None,
        LEAD: _person("lead@example.org", group, Role.GROUP_LEAD),
        MEMBER: _person("member@example.org", group, Role.GROUP_MEMBER),
        OTHER_GROUP: _person("other.lead@example.org", other_group, Role.GROUP_LEAD),
        STRANGER: _person("stranger@example.org"),
        ASSOCIATE: _person("associate@example.org", funder, Role.ASSOCIATE),
        PANEL: _person("panel@example.org", funder, Role.PANEL_MEMBER),
        STAFF: _person("staff@example.org", funder, Role.FUNDER_STAFF),
        ADMIN: _person(
            "admin@example.org", operators, Role.ADMINISTRATOR, is_staff=True, is_superuser=True
        ),
    }


def _grants(world: World, group: Any, funder: Any) -> None:
    people = world.people
    programme = ProgrammeFactory(
        funder=funder,
        title="Route programme",
        slug="route-programme",
        business_plan_questions=["What is your idea?"],
    )
    EligibilityQuestionFactory(programme=programme, position=1)
    session = PlanningSession.objects.create(
        programme=programme,
        starts_at=timezone.now() + datetime.timedelta(days=7),
        place="online",
    )
    draft = application_with_lines(
        programme=programme, group=group, submitted_by=people[LEAD], status=ApplicationStatus.DRAFT
    )
    shortlisted = application_with_lines(
        programme=programme,
        group=group,
        submitted_by=people[LEAD],
        associate=people[ASSOCIATE],
        status=ApplicationStatus.SHORTLISTED,
    )
    shortlisted.attachment.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    # Held by a holding partner, so the partner's pages have an award to show.
    partner = holding_partner_for(funder)
    awarded: Application = AwardFactory(
        holding_partner=partner,
        application__programme=programme,
        application__group=group,
        application__submitted_by=people[LEAD],
        programme=programme,
    ).application
    panel = panel_create(
        programme=programme,
        actor=people[STAFF],
        title="Route panel",
        meets_on=datetime.date(2026, 6, 3),
        quorum=1,
        members=[people[PANEL]],
    )
    world.things.update(
        programme=programme,
        session=session,
        draft=draft,
        spend_line=draft.spend_lines.get(),
        shortlisted=shortlisted,
        awarded=awarded,
        panel=panel,
        partner=partner,
    )


def _directory(world: World, group: Any, other_group: Any) -> None:
    offer = offer_meeting_at(
        postcode="LS6 1AA",
        name="Route peer circle",
        listing=ListingFactory(name="Route group listing", organisation=group),
    )
    unclaimed: Listing = ListingFactory(name="A listing nobody has claimed yet")
    world.things.update(
        listing=offer.listing,
        offer=offer,
        offer_place=offer.offer_places.get(),
        term=TaxonomyTerm.objects.select_related("taxonomy").first(),
        claim_token=listing_claim_token(listing=unclaimed),
    )


def build() -> World:
    group = GroupFactory(name="Route Group", slug="route-group")
    other_group = GroupFactory(name="Another Route Group", slug="another-route-group")
    funder = FunderFactory(name="Route Fund", slug="route-fund")
    world = World(people=_people(group, other_group, funder))
    _grants(world, group, funder)
    _directory(world, group, other_group)
    add_timebank(world.things, group, world.people[LEAD], world.people[MEMBER])
    add_learning(world.things, world.people, group)
    add_budgets(world.things, world.people, group, STAFF, MEMBER)
    add_demand(world.things, group, world.people[MEMBER])
    add_outcomes(world.things, world.people[LEAD], world.people[MEMBER])
    world.things["consent"] = ConsentFactory(
        given_by=world.people[MEMBER], granted_to=world.people[LEAD]
    )
    return world
