"""Audit actions recorded by accounts."""

PREFERENCES_UPDATED = "accounts.preferences_updated"
CONSENT_RECORDED = "accounts.consent_recorded"
CONSENT_WITHDRAWN = "accounts.consent_withdrawn"
PERSON_DATA_COPIED = "accounts.person_data_copied"
PERSON_ERASED = "accounts.person_erased"
