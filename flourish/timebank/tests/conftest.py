"""The people of a timebank: two members, their coordinator, and people from elsewhere."""

import pytest

from flourish.accounts.factories import UserFactory
from flourish.timebank.factories import TimebankFactory, coordinator_make, member_make


@pytest.fixture
def timebank(db):
    return TimebankFactory(name="Kirkstall Timebank")


@pytest.fixture
def coordinator(timebank):
    return coordinator_make(timebank, UserFactory(email="coordinator@example.org", name="Cora Ord"))


@pytest.fixture
def coordinator_signed_in(client, coordinator):
    client.force_login(coordinator)
    return coordinator


@pytest.fixture
def alice(timebank):
    return member_make(timebank, UserFactory(email="alice@example.org", name="Alice Giver"))


@pytest.fixture
def bob(timebank):
    return member_make(timebank, UserFactory(email="bob@example.org", name="Bob Receiver"))


@pytest.fixture
def carol(timebank):
    return member_make(timebank, UserFactory(email="carol@example.org", name="Carol Other"))


@pytest.fixture
def other_timebank(db):
    return TimebankFactory(name="Armley Timebank")


@pytest.fixture
def other_coordinator(other_timebank):
    return coordinator_make(other_timebank, UserFactory(email="elsewhere@example.org"))
