"""Accounts most ledger tests need: the outside world, a programme budget, a group's funds."""

import itertools

import pytest

from flourish.ledger.factories import LedgerAccountFactory, SystemAccountFactory
from flourish.ledger.services import transaction_post

_keys = itertools.count(1)


def new_key() -> str:
    return f"test-key-{next(_keys)}"


@pytest.fixture
def outside(db):
    """Where money comes from: no owner, no floor."""
    return SystemAccountFactory(name="Outside world")


@pytest.fixture
def budget(db):
    return LedgerAccountFactory(name="Community Minds Fund budget", purpose="programme-budget")


@pytest.fixture
def group_funds(group):
    return LedgerAccountFactory(owner=group, name="Hearing Voices Leeds funds", purpose="funds")


def move(source, destination, amount, *, key=None, actor=None):
    """Post `amount` from one account to another through the real service."""
    return transaction_post(
        idempotency_key=key or new_key(),
        lines=[(source, -amount), (destination, amount)],
        description=f"Move {amount} from {source} to {destination}",
        actor=actor,
    )
