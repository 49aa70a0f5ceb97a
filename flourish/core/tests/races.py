"""Running several writes at the same moment, each on its own connection, for the tests
of what a double click or two people at once may do (PostgreSQL: SQLite locks the file)."""

import threading
from collections.abc import Callable

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

ONLY_ON_POSTGRESQL = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="row locks need PostgreSQL; SQLite locks the file"
    ),
]


def on_postgresql(test: Callable[..., None]) -> Callable[..., None]:
    """One test of a module whose others run on both databases, marked as ONLY_ON_POSTGRESQL."""
    for mark in reversed(ONLY_ON_POSTGRESQL):
        test = mark(test)
    return test


def at_once(*actions: Callable[[], object]) -> list[str]:
    """Each action started at the same moment; "done" or "refused" for each, sorted."""
    start = threading.Barrier(len(actions))
    outcomes: list[str] = []

    def run(action: Callable[[], object]) -> None:
        try:
            start.wait()
            action()
            outcomes.append("done")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(action,)) for action in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sorted(outcomes)
