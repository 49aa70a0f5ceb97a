import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection
from django.db import transaction as db_transaction
from django.db.models import QuerySet

from flourish.core.models import AppendOnlyError, AuditEvent
from flourish.ledger import events
from flourish.ledger.factories import LedgerAccountFactory
from flourish.ledger.models import LedgerAccount, LedgerEntry, LedgerTransaction, Unit
from flourish.ledger.selectors import account_balance, account_balance_from_entries
from flourish.ledger.services import (
    LedgerFloorBreached,
    account_open,
    transaction_post,
    transaction_reverse,
)
from flourish.ledger.tests.conftest import move, new_key


def balances(*accounts):
    return [account_balance(account=account) for account in accounts]


# Opening accounts


def test_opening_an_account_twice_returns_the_same_account(group):
    first = account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Funds")
    again = account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Other name")
    assert again == first
    assert again.name == "Funds"
    assert LedgerAccount.objects.count() == 1


def test_an_account_opened_by_someone_else_since_we_looked_is_the_one_returned(group, monkeypatch):
    """Two confirmations paying one group for the first time at once: the second looked
    before the first committed, and found its new account refused as a duplicate."""
    theirs = account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Funds")
    real_first = QuerySet.first
    looks = []

    def first_look_finds_nothing(queryset):
        looks.append(queryset.model)
        return None if len(looks) == 1 else real_first(queryset)

    monkeypatch.setattr(QuerySet, "first", first_look_finds_nothing)

    ours = account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Funds")

    assert ours == theirs
    assert LedgerAccount.objects.count() == 1


def test_one_owner_can_hold_accounts_for_different_purposes_and_units(group):
    money = account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Funds")
    time = account_open(owner=group, purpose="funds", unit=Unit.TIME, name="Hours")
    pool = account_open(owner=group, purpose="pool", unit=Unit.GBP, name="Pool")
    assert len({money.pk, time.pk, pool.pk}) == 3
    assert money.owner == group


def test_a_system_account_has_no_owner_and_is_opened_only_once(db):
    first = account_open(owner=None, purpose="outside-world", unit=Unit.GBP, name="Out", floor=None)
    again = account_open(owner=None, purpose="outside-world", unit=Unit.GBP, name="Out", floor=None)
    assert again == first
    assert first.owner is None
    assert first.floor is None


def test_opening_an_account_is_audited(group):
    account = account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Funds")
    event = AuditEvent.objects.get(action=events.ACCOUNT_OPENED)
    assert event.target_id == str(account.pk)


def test_it_refuses_a_floor_above_zero_because_accounts_start_empty(group):
    with pytest.raises(ValidationError, match="floor must be 0 or less"):
        account_open(owner=group, purpose="funds", unit=Unit.GBP, name="Funds", floor=100)
    assert not LedgerAccount.objects.exists()


def test_it_refuses_an_unknown_unit(group):
    with pytest.raises(ValidationError):
        account_open(owner=group, purpose="funds", unit="EUR", name="Funds")


# Posting


def test_a_balanced_transaction_moves_money_between_accounts(outside, budget):
    move(outside, budget, 50_000)
    assert balances(outside, budget) == [-50_000, 50_000]
    assert LedgerEntry.objects.count() == 2


def test_it_refuses_an_unbalanced_transaction_with_a_clear_message(outside, budget):
    with pytest.raises(ValidationError, match=r"The money lines add up to £1, not zero"):
        transaction_post(
            idempotency_key=new_key(),
            lines=[(outside, -100), (budget, 200)],
            description="Wrong",
            actor=None,
        )
    assert not LedgerTransaction.objects.exists()
    assert balances(outside, budget) == [0, 0]


def test_it_refuses_a_transaction_without_a_key_or_a_description(outside, budget):
    with pytest.raises(ValidationError, match="key of 1 to 200 characters"):
        move(outside, budget, 100, key=" ")
    with pytest.raises(ValidationError, match="Describe the transaction"):
        transaction_post(
            idempotency_key=new_key(),
            lines=[(outside, -1), (budget, 1)],
            description="",
            actor=None,
        )
    assert not LedgerTransaction.objects.exists()


def test_it_refuses_a_single_line(budget):
    with pytest.raises(ValidationError, match="at least two lines"):
        transaction_post(
            idempotency_key=new_key(), lines=[(budget, 100)], description="One", actor=None
        )
    assert not LedgerTransaction.objects.exists()


def test_it_refuses_a_zero_amount(outside, budget, group_funds):
    with pytest.raises(ValidationError, match="amount other than zero"):
        transaction_post(
            idempotency_key=new_key(),
            lines=[(outside, -100), (budget, 100), (group_funds, 0)],
            description="Zero",
            actor=None,
        )
    assert not LedgerEntry.objects.exists()


def test_it_refuses_amounts_that_are_not_whole_numbers(outside, budget):
    with pytest.raises(ValidationError, match="whole numbers"):
        transaction_post(
            idempotency_key=new_key(),
            lines=[(outside, -1.5), (budget, 1.5)],
            description="Floats",
            actor=None,
        )
    assert not LedgerEntry.objects.exists()


def test_it_refuses_the_same_account_twice_in_one_transaction(outside, budget):
    with pytest.raises(ValidationError, match="different, open account"):
        transaction_post(
            idempotency_key=new_key(),
            lines=[(outside, -100), (budget, 60), (budget, 40)],
            description="Split",
            actor=None,
        )


def test_mixed_units_post_when_each_unit_balances(outside, budget):
    hours_out = LedgerAccountFactory(unit=Unit.TIME, floor=None)
    hours_in = LedgerAccountFactory(unit=Unit.TIME)
    transaction_post(
        idempotency_key=new_key(),
        lines=[(outside, -2000), (budget, 2000), (hours_out, -90), (hours_in, 90)],
        description="A session paid for in money and time",
        actor=None,
    )
    assert balances(budget, hours_in) == [2000, 90]


def test_mixed_units_are_refused_when_one_unit_does_not_balance(outside, budget):
    hours = LedgerAccountFactory(unit=Unit.TIME, floor=None)
    with pytest.raises(ValidationError, match=r"money lines add up to £0.60, not zero"):
        # The numbers cancel out overall, but pence and minutes are different things.
        transaction_post(
            idempotency_key=new_key(),
            lines=[(outside, -60), (budget, 120), (hours, -60)],
            description="Apples and pears",
            actor=None,
        )
    assert not LedgerEntry.objects.exists()


def test_it_refuses_to_take_an_account_below_its_floor_and_saves_nothing(
    outside, budget, group_funds
):
    move(outside, budget, 10_000)
    with pytest.raises(LedgerFloorBreached) as refusal:
        move(budget, group_funds, 15_000)
    assert str(refusal.value.message) == (
        "There is not enough in Community Minds Fund budget: it has £100, and taking out "
        "£150 would leave -£50, below its limit of £0. Use a smaller amount, or add to the "
        "account first."
    )
    assert isinstance(refusal.value, ValidationError)
    assert balances(budget, group_funds) == [10_000, 0]
    assert LedgerTransaction.objects.count() == 1
    assert account_balance_from_entries(account=budget) == 10_000


def test_an_account_with_an_overdraft_can_go_down_to_its_floor_and_no_further(outside):
    overdraft = LedgerAccountFactory(floor=-5_000)
    move(overdraft, outside, 5_000)
    assert account_balance(account=overdraft) == -5_000
    with pytest.raises(LedgerFloorBreached):
        move(overdraft, outside, 1)


def test_the_database_refuses_a_balance_below_the_floor_even_without_the_service(budget):
    with pytest.raises(IntegrityError), db_transaction.atomic():
        LedgerAccount.objects.filter(pk=budget.pk).update(balance=-1)


def test_going_past_a_soft_limit_is_allowed_and_recorded(outside):
    timebank = LedgerAccountFactory(unit=Unit.TIME, floor=None, soft_limit=-300)
    hours = LedgerAccountFactory(unit=Unit.TIME, floor=None)
    within = move(timebank, hours, 240)
    past = move(timebank, hours, 120)
    assert account_balance(account=timebank) == -360
    assert not within.went_past_soft_limit
    assert past.went_past_soft_limit
    assert past.entries.get(account=timebank).went_past_soft_limit
    assert not past.entries.get(account=hours).went_past_soft_limit


def test_every_post_is_audited_with_who_and_what(outside, budget, owner):
    posted = move(outside, budget, 2_500, actor=owner)
    event = AuditEvent.objects.get(action=events.TRANSACTION_POSTED)
    assert event.actor == owner
    assert event.target_id == str(posted.pk)
    assert event.data["lines"] == [[outside.pk, -2_500], [budget.pk, 2_500]]
    assert posted.actor == owner


# Idempotency


def test_a_retry_with_the_same_key_returns_the_same_transaction_and_posts_nothing(outside, budget):
    first = move(outside, budget, 700, key="grant-42-payment")
    retry = move(outside, budget, 700, key="grant-42-payment")
    assert retry.pk == first.pk
    assert balances(outside, budget) == [-700, 700]
    assert LedgerEntry.objects.count() == 2
    assert AuditEvent.objects.filter(action=events.TRANSACTION_POSTED).count() == 1


def test_the_same_key_with_different_lines_is_refused(outside, budget):
    move(outside, budget, 700, key="grant-42-payment")
    with pytest.raises(ValidationError, match="already used for a different transaction"):
        move(outside, budget, 800, key="grant-42-payment")
    assert balances(budget) == [700]


# Reversal


def test_a_reversal_restores_every_balance(outside, budget, group_funds, owner):
    move(outside, budget, 10_000)
    payment = move(budget, group_funds, 4_000)
    reversal = transaction_reverse(
        transaction=payment, idempotency_key=new_key(), actor=owner, reason="Wrong group"
    )
    assert balances(outside, budget, group_funds) == [-10_000, 10_000, 0]
    assert reversal.reverses == payment
    assert sorted(reversal.entries.values_list("amount", flat=True)) == [-4_000, 4_000]
    assert "Wrong group" in reversal.description
    assert AuditEvent.objects.filter(action=events.TRANSACTION_REVERSED).count() == 1


def test_a_transaction_is_reversed_only_once(outside, budget):
    payment = move(outside, budget, 1_000)
    transaction_reverse(transaction=payment, idempotency_key="undo-1", actor=None, reason="Typo")
    with pytest.raises(ValidationError, match="already been reversed"):
        transaction_reverse(
            transaction=payment, idempotency_key="undo-2", actor=None, reason="Again"
        )
    assert balances(budget) == [0]


def test_retrying_a_reversal_with_its_key_returns_the_same_reversal(outside, budget):
    payment = move(outside, budget, 1_000)
    first = transaction_reverse(transaction=payment, idempotency_key="undo", actor=None, reason="X")
    again = transaction_reverse(transaction=payment, idempotency_key="undo", actor=None, reason="X")
    assert again.pk == first.pk
    assert balances(budget) == [0]


def test_a_reversal_cannot_itself_be_reversed(outside, budget):
    payment = move(outside, budget, 1_000)
    reversal = transaction_reverse(
        transaction=payment, idempotency_key=new_key(), actor=None, reason="Typo"
    )
    with pytest.raises(ValidationError, match="itself a correction"):
        transaction_reverse(
            transaction=reversal, idempotency_key=new_key(), actor=None, reason="Undo the undo"
        )
    assert balances(budget) == [0]


def test_a_reversal_needs_a_reason(outside, budget):
    payment = move(outside, budget, 1_000)
    with pytest.raises(ValidationError, match="Say why"):
        transaction_reverse(transaction=payment, idempotency_key=new_key(), actor=None, reason=" ")
    assert balances(budget) == [1_000]


def test_a_reversal_is_refused_when_the_money_has_already_been_spent(outside, budget, group_funds):
    grant = move(outside, budget, 1_000)
    move(budget, group_funds, 1_000)
    with pytest.raises(LedgerFloorBreached):
        transaction_reverse(transaction=grant, idempotency_key=new_key(), actor=None, reason="X")
    assert balances(budget, group_funds) == [0, 1_000]


# History cannot be rewritten


def test_entries_cannot_be_changed_or_deleted(outside, budget):
    move(outside, budget, 1_000)
    entry = LedgerEntry.objects.first()
    entry.amount = 5
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.filter(account=budget).update(amount=5)
    with pytest.raises(AppendOnlyError):
        LedgerEntry.objects.all().delete()
    assert account_balance_from_entries(account=budget) == 1_000


def test_transactions_cannot_be_changed_or_deleted(outside, budget):
    posted = move(outside, budget, 1_000)
    posted.description = "Something else"
    with pytest.raises(AppendOnlyError):
        posted.save()
    with pytest.raises(AppendOnlyError):
        LedgerTransaction.objects.all().delete()
    assert LedgerTransaction.objects.get().description.startswith("Move 1000")


def test_an_account_with_entries_cannot_be_deleted(outside, budget):
    move(outside, budget, 1_000)
    with pytest.raises(IntegrityError), db_transaction.atomic():
        LedgerAccount.objects.filter(pk=budget.pk).delete()


@pytest.mark.postgres
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only"
)
def test_the_database_refuses_raw_sql_that_rewrites_entries(outside, budget):
    move(outside, budget, 1_000)
    for sql in ("UPDATE ledger_ledgerentry SET amount = 5", "DELETE FROM ledger_ledgerentry"):
        with (
            pytest.raises(IntegrityError, match="cannot be changed or deleted"),
            db_transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql)
    assert account_balance_from_entries(account=budget) == 1_000
