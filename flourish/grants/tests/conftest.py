"""The people around a programme: its funder's staff, an associate, a panel member,
and staff of another funder, who must see nothing of it."""

import pytest

from flourish.accounts.factories import MembershipFactory, UserFactory
from flourish.accounts.models import Role
from flourish.accounts.tests.two_step import with_authenticator
from flourish.grants.factories import FunderFactory, ProgrammeFactory


@pytest.fixture
def funder(db):
    return FunderFactory(name="Community Minds Fund", slug="community-minds-fund")


@pytest.fixture
def programme(funder):
    return ProgrammeFactory(
        funder=funder,
        title="Covid Fund",
        slug="covid-fund",
        max_grant_pence=200_000,
        budget_pence=12_000_000,
        identifier_prefix="cmf",
    )


@pytest.fixture
def staff(funder):
    person = UserFactory(email="funder@example.org", name="Grace Funder")
    MembershipFactory(user=person, organisation=funder, role=Role.FUNDER_STAFF)
    return with_authenticator(person)


@pytest.fixture
def associate(funder):
    person = UserFactory(email="associate@example.org", name="Dev Associate")
    MembershipFactory(user=person, organisation=funder, role=Role.ASSOCIATE)
    return with_authenticator(person)


@pytest.fixture
def panel_member(funder):
    person = UserFactory(email="panel@example.org", name="Ruth Panel")
    MembershipFactory(user=person, organisation=funder, role=Role.PANEL_MEMBER)
    return with_authenticator(person)


@pytest.fixture
def other_staff(db):
    other = FunderFactory(name="Another Trust", slug="another-trust")
    person = UserFactory(email="other.funder@example.org", name="Olu Other")
    MembershipFactory(user=person, organisation=other, role=Role.FUNDER_STAFF)
    return with_authenticator(person)
