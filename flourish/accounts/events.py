"""Audit actions recorded by accounts."""

PREFERENCES_UPDATED = "accounts.preferences_updated"
CONSENT_RECORDED = "accounts.consent_recorded"
CONSENT_WITHDRAWN = "accounts.consent_withdrawn"
