"""The people of learning: a writer (an administrator, with two-step sign-in), and the
shared owner, colleague and stranger from the project's conftest."""

import pytest

from flourish.accounts.tests.two_step import with_authenticator
from flourish.learning.factories import writer_make


@pytest.fixture
def writer(db):
    return with_authenticator(writer_make(email="writer@example.org", name="Wyn Writer"))
