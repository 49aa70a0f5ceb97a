"""The people of outcomes: a person with goals, the mentor they may invite, and a stranger."""

import importlib

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


@pytest.fixture
def world(db, settings, tmp_path):
    """The route sweep's world: a member with a budget in a pool with a proposal, a mentoring
    pair, and a group application the funder's staff read."""
    settings.MEDIA_ROOT = tmp_path
    return route_world().build()


def route_world():
    # Imported by name so the type checker stays on the app's code, not the sweep's.
    return importlib.import_module("tests.routes.world")
