"""The whole-ledger check the restore drill relies on."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from flourish.ledger.models import LedgerAccount
from flourish.ledger.selectors import ledger_integrity
from flourish.ledger.tests.conftest import move


def test_a_ledger_moved_only_by_its_services_is_sound(outside, budget, group_funds):
    move(outside, budget, 500_00)
    move(budget, group_funds, 120_00)

    found = ledger_integrity()

    assert found.sound
    assert found.accounts == 3
    assert found.entries == 4


def test_a_balance_changed_behind_the_ledgers_back_is_found(outside, budget, group_funds):
    move(outside, budget, 500_00)
    LedgerAccount.objects.filter(pk=budget.pk).update(balance=499_00)

    found = ledger_integrity()

    assert found.mismatched_accounts == [budget.pk]
    with pytest.raises(CommandError, match="does not balance"):
        call_command("ledger_check")


def test_a_count_of_entries_changed_behind_the_ledgers_back_is_found(outside, budget, group_funds):
    move(outside, budget, 500_00)
    move(budget, group_funds, 120_00)
    assert LedgerAccount.objects.get(pk=budget.pk).entry_count == 2
    LedgerAccount.objects.filter(pk=group_funds.pk).update(entry_count=2)

    found = ledger_integrity()

    assert found.mismatched_accounts == [group_funds.pk]
    with pytest.raises(CommandError, match="does not balance"):
        call_command("ledger_check")


def test_the_fingerprint_changes_with_any_balance(outside, budget, group_funds):
    move(outside, budget, 500_00)
    before = ledger_integrity().fingerprint

    move(budget, group_funds, 1)

    assert ledger_integrity().fingerprint != before
