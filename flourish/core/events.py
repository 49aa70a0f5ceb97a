"""Audit actions recorded by core."""

ENCRYPTION_KEYS_ROTATED = "core.encryption_keys_rotated"
SENSITIVE_RECORD_READ = "core.sensitive_record_read"
