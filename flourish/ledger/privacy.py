"""The ledger's part in a person's erasure: their accounts stay, with every entry, so all
money and time still balances, but no longer carry their name or point to them."""

from typing import Any

from django.db import transaction

from flourish.core.services import audit_record
from flourish.ledger import events
from flourish.ledger.models import format_amount
from flourish.ledger.selectors import accounts_for_owner


def accounts_held_by(*, person: Any) -> list[dict[str, str]]:
    """A person's own ledger accounts and their balances, as they read them in an export."""
    return [
        {"account": account.name, "balance": format_amount(account.balance, account.unit)}
        for account in accounts_for_owner(owner=person)
    ]


@transaction.atomic
def accounts_unlink_person(*, person: Any, actor: Any) -> int:
    """Erasing a person renames and unlinks their accounts; entries are never touched."""
    accounts = list(accounts_for_owner(owner=person).select_for_update())
    for account in accounts:
        # The purpose must stay unique among ownerless accounts, so it takes the id.
        account.purpose = f"erased-{account.pk}"
        account.name = f"Erased person's account {account.pk}"
        account.owner_type = None
        account.owner_id = ""
        account.full_clean()
        # Only these columns: the balance is kept by postings, never by this save.
        account.save(update_fields=["purpose", "name", "owner_type", "owner_id", "updated_at"])
        audit_record(actor=actor, action=events.ACCOUNT_UNLINKED, target=account)
    return len(accounts)
