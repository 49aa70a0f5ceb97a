"""A service and a board run by the owner's group, and a different group's lead."""

import pytest

from flourish.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from flourish.accounts.models import OrganisationKind, Role
from flourish.demand.factories import BoardFactory, ServiceFactory


@pytest.fixture
def service(group):
    return ServiceFactory(organisation=group, name="Our phone line")


@pytest.fixture
def board(group):
    return BoardFactory(organisation=group, name="Our ideas")


@pytest.fixture
def other_lead(db):
    other = OrganisationFactory(kind=OrganisationKind.GROUP, name="Another Group")
    person = UserFactory(email="other.lead@example.org", name="Dee Elsewhere")
    MembershipFactory(user=person, organisation=other, role=Role.GROUP_LEAD)
    return person
