"""The people of learning: a writer (an administrator, with two-step sign-in), a circle
of group leaders with a moderator and a peer, and the shared owner, colleague and
stranger from the project's conftest."""

import pytest

from flourish.accounts.tests.two_step import with_authenticator
from flourish.learning.factories import CircleFactory, circle_member_make, writer_make


@pytest.fixture
def writer(db):
    return with_authenticator(writer_make(email="writer@example.org", name="Wyn Writer"))


@pytest.fixture
def circle(db):
    return CircleFactory(name="Leeds group leaders", slug="leeds-leaders")


@pytest.fixture
def moderator(circle):
    return circle_member_make(circle, moderator=True)


@pytest.fixture
def peer(circle):
    return circle_member_make(circle)
