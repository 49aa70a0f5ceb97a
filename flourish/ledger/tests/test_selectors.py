from flourish.ledger.factories import LedgerAccountFactory
from flourish.ledger.models import Unit
from flourish.ledger.selectors import (
    account_balance,
    account_balance_from_entries,
    account_statement,
    accounts_for_owner,
    accounts_over_soft_limit,
)
from flourish.ledger.services import transaction_post, transaction_reverse
from flourish.ledger.tests.conftest import move, new_key


def test_reading_a_balance_is_one_query_however_many_entries_exist(
    outside, budget, django_assert_num_queries
):
    for _ in range(30):
        move(outside, budget, 100)
    with django_assert_num_queries(1):
        assert account_balance(account=budget) == 3_000


def test_posting_two_lines_takes_a_fixed_small_number_of_queries(
    outside, budget, django_assert_num_queries
):
    move(outside, budget, 100)  # warms the content type cache the audit trail uses
    # Look up the key, lock both accounts, insert the transaction, insert both entries in one
    # statement, update both balances in one statement, check and write the audit event, plus
    # two savepoints (the outer one is the test's; in production it is BEGIN/COMMIT).
    with django_assert_num_queries(11):
        move(outside, budget, 100)
    with django_assert_num_queries(11):
        move(outside, budget, 100)


def test_the_statement_lists_entries_oldest_first_with_the_balance_after_each(
    outside, budget, group_funds, django_assert_num_queries
):
    move(outside, budget, 5_000)
    move(budget, group_funds, 1_500)
    move(budget, group_funds, 500)
    with django_assert_num_queries(1):
        statement = [
            (entry.amount, entry.balance_after, entry.transaction.description)
            for entry in account_statement(account=budget)
        ]
    assert [row[:2] for row in statement] == [(5_000, 5_000), (-1_500, 3_500), (-500, 3_000)]
    assert statement[1][2].startswith("Move 1500")


def test_the_balance_from_entries_matches_the_maintained_balance(outside, budget):
    move(outside, budget, 2_000)
    move(budget, outside, 300)
    assert account_balance_from_entries(account=budget) == account_balance(account=budget) == 1_700
    assert account_balance_from_entries(account=LedgerAccountFactory()) == 0


def test_accounts_over_their_soft_limit_are_listed_for_follow_up(outside):
    overspent = LedgerAccountFactory(floor=None, soft_limit=0, name="Overspent budget")
    careful = LedgerAccountFactory(floor=None, soft_limit=0, name="Careful budget")
    LedgerAccountFactory(floor=None, soft_limit=None)
    move(overspent, outside, 100)
    move(outside, careful, 100)
    assert list(accounts_over_soft_limit()) == [overspent]


def test_an_owners_accounts_are_listed_together(group, group_funds, budget):
    hours = LedgerAccountFactory(owner=group, unit=Unit.TIME)
    assert list(accounts_for_owner(owner=group)) == [group_funds, hours]


def test_reversal_entries_appear_on_the_statement(outside, budget):
    posted = transaction_post(
        idempotency_key=new_key(),
        lines=[(outside, -100), (budget, 100)],
        description="Top up",
        actor=None,
    )
    transaction_reverse(transaction=posted, idempotency_key=new_key(), actor=None, reason="Typo")
    assert [entry.balance_after for entry in account_statement(account=budget)] == [100, 0]
