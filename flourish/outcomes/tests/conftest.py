"""The people of outcomes: a person with goals, the mentor they may invite, and a stranger."""

import pytest

from flourish.accounts.factories import UserFactory


@pytest.fixture
def person(db):
    return UserFactory(email="ruth@example.org", name="Ruth Person")


@pytest.fixture
def mentor(db):
    return UserFactory(email="mo@example.org", name="Mo Mentor")


@pytest.fixture
def other(db):
    return UserFactory(email="sam@example.org", name="Sam Elsewhere")
