"""Live-server tests empty every table with DELETE on PostgreSQL, and the ledger stays append-only.

The quick way of emptying tables (flourish/core/testing_postgresql/) switches the
ledger's append-only trigger off for one statement inside the flush; these check
that the tables really are empty afterwards and that the guard is back on.
"""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from flourish.ledger.factories import LedgerAccountFactory, SystemAccountFactory
from flourish.ledger.models import LedgerEntry, LedgerTransaction
from flourish.ledger.tests.conftest import move

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the DELETE flush is PostgreSQL's"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_emptying_the_tables_removes_ledger_rows_and_leaves_the_ledger_append_only():
    move(SystemAccountFactory(), LedgerAccountFactory(name="Peer support"), 1500)
    assert LedgerEntry.objects.exists()

    call_command("flush", verbosity=0, interactive=False)

    assert not LedgerEntry.objects.exists()
    assert not LedgerTransaction.objects.exists()
    move(SystemAccountFactory(), LedgerAccountFactory(name="Art group"), 900)
    # The database's own guard, beneath the model's: a raw DELETE is still refused.
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {LedgerEntry._meta.db_table}")
    assert LedgerEntry.objects.count() == 2
