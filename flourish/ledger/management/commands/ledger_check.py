"""Check the whole ledger: `python manage.py ledger_check [--database ALIAS]`.

Prints the number of accounts and entries and a fingerprint of every balance, and
exits non-zero if any balance differs from the sum of its entries or any transaction
does not sum to zero. The restore drill (ops/restore_drill.sh) runs it on a database
and on its restored backup and compares the fingerprints.
"""

from django.core.management.base import BaseCommand, CommandError

from flourish.ledger.selectors import ledger_integrity


class Command(BaseCommand):
    help = "Check that every ledger balance equals its entries and every transaction balances."

    def handle(self, *args: object, **options: object) -> None:
        found = ledger_integrity()
        self.stdout.write(
            f"accounts={found.accounts} entries={found.entries} fingerprint={found.fingerprint}"
        )
        if not found.sound:
            raise CommandError(
                f"The ledger does not balance: accounts {found.mismatched_accounts[:20]} differ "
                f"from their entries; transactions {found.unbalanced_transactions[:20]} do not "
                "sum to zero."
            )
        self.stdout.write(self.style.SUCCESS("Every balance equals its entries."))
