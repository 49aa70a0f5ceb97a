"""Audit actions recorded by the ledger."""

ACCOUNT_OPENED = "ledger.account_opened"
TRANSACTION_POSTED = "ledger.transaction_posted"
TRANSACTION_REVERSED = "ledger.transaction_reversed"
ACCOUNT_LIMITS_SET = "ledger.account_limits_set"
ACCOUNT_UNLINKED = "ledger.account_unlinked"
