"""Demo ledger: a funder's programme budget and a timebank. Made up; safe to run again."""

from typing import TextIO

from flourish.accounts.models import Organisation, User
from flourish.ledger.models import LedgerAccount, Unit
from flourish.ledger.selectors import account_balance
from flourish.ledger.services import account_open, transaction_post

# Fixed idempotency keys: running the demo again posts nothing new.
TOP_UP_KEY = "demo:community-minds-fund:top-up:2026"
TIMEBANK_EXCHANGES = [
    # key, giver email, receiver email, minutes, what happened
    ("demo:timebank:1", "organiser@example.org", "member@example.org", 120, "Help with a form"),
    ("demo:timebank:2", "member@example.org", "organiser@example.org", 90, "Cooking together"),
    ("demo:timebank:3", "member@example.org", "organiser@example.org", 60, "Walk and talk"),
]


def build(stdout: TextIO) -> None:
    funder = Organisation.objects.get(slug="community-minds-fund")
    outside_money = account_open(
        owner=None,
        purpose="outside-world",
        unit=Unit.GBP,
        name="Outside world (money coming in and going out)",
        floor=None,
    )
    budget = account_open(
        owner=funder,
        purpose="programme-budget",
        unit=Unit.GBP,
        name="Community Minds Fund programme budget",
    )
    transaction_post(
        idempotency_key=TOP_UP_KEY,
        lines=[(outside_money, -12_000_000), (budget, 12_000_000)],
        description="Community Minds Fund: money for the 2026 small grants round",
        actor=None,
    )
    stdout.write(f"Ledger: {budget.name} holds {budget.format(account_balance(account=budget))}.")
    for key, giver_email, receiver_email, minutes, what in TIMEBANK_EXCHANGES:
        giver = _timebank_account(User.objects.get(email=giver_email))
        receiver = _timebank_account(User.objects.get(email=receiver_email))
        # An hour given is an hour received: the giver earns time, the receiver spends it.
        transaction_post(
            idempotency_key=key,
            lines=[(giver, minutes), (receiver, -minutes)],
            description=f"Timebank: {what}",
            actor=None,
        )
    for email in ("organiser@example.org", "member@example.org"):
        account = _timebank_account(User.objects.get(email=email))
        balance = account_balance(account=account)
        # Say it as members do: time given and not yet received back, or the reverse.
        standing = "given more than received" if balance >= 0 else "received more than given"
        stdout.write(f"Ledger: {account.name}: {account.format(abs(balance))} {standing}.")


def _timebank_account(person: User) -> LedgerAccount:
    # Members may owe up to 5 hours before a coordinator is prompted to check in.
    return account_open(
        owner=person,
        purpose="timebank",
        unit=Unit.TIME,
        name=f"{person.name}'s timebank hours",
        floor=None,
        soft_limit=-300,
    )
