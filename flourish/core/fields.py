"""Encrypted-at-rest model fields for sensitive data (health, contact details).

Values are encrypted with Fernet (AES-128-CBC + HMAC-SHA256, from the
`cryptography` package) using the keys in settings.FIELD_ENCRYPTION_KEYS,
newest first. Decryption tries every key, so old rows keep working while a new
key is rolled out. Key rotation, step by step, is in docs/encryption.md.

Encrypted values cannot be searched or sorted by the database: keep anything
you need to filter on in a separate, non-sensitive field.
"""

from functools import lru_cache
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models.functions import Cast


@lru_cache(maxsize=4)
def _fernet_for(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEYS must be Fernet keys (32 url-safe base64-encoded bytes); "
            "make one with `python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'`."
        ) from error


def field_fernet() -> MultiFernet:
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt_text(value: str) -> str:
    return field_fernet().encrypt(value.encode()).decode()


def decrypt_text(token: str) -> str:
    try:
        return field_fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        raise ImproperlyConfigured(
            "An encrypted value could not be read with any key in FIELD_ENCRYPTION_KEYS. "
            "Was a key removed before `rotate_encryption_keys` was run?"
        ) from error


def rotate_token(token: str) -> str:
    """Re-encrypt a stored value under the newest key."""
    return field_fernet().rotate(token.encode()).decode()


class EncryptedTextField(models.TextField):
    """A text field stored encrypted; reads and writes plain text in Python."""

    description = "Text encrypted at rest"

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return encrypt_text(str(value))

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return decrypt_text(value)

    def get_lookup(self, lookup_name: str) -> Any:
        # Equality on ciphertext would silently never match: refuse it loudly.
        if lookup_name not in {"isnull"}:
            return None
        return super().get_lookup(lookup_name)


def is_token(value: str) -> bool:
    """True when a stored value is already ciphertext that a current key can read."""
    try:
        field_fernet().decrypt(value.encode())
    except (InvalidToken, ValueError):
        return False
    return True


def _in_batches(rows: models.QuerySet[Any], size: int = 500) -> Any:
    """Walk a table by primary key, a batch at a time, so memory stays flat however big."""
    last_pk = None
    while True:
        batch = (
            rows.order_by("pk") if last_pk is None else rows.order_by("pk").filter(pk__gt=last_pk)
        )
        found = list(batch[:size])
        if not found:
            return
        yield from found
        last_pk = found[-1]["pk"]


def _rewrite_stored_values(model: type[models.Model], names: list[str], encrypt: bool) -> int:
    # Cast to plain text so the model hands back what is stored, not a decrypted value.
    raw = {f"raw_{name}": Cast(name, models.TextField()) for name in names}
    changed = 0
    for row in _in_batches(model._default_manager.values("pk", **raw)):
        updates = {}
        for name in names:
            value = row[f"raw_{name}"]
            if not value or is_token(value) == encrypt:
                continue
            new = encrypt_text(value) if encrypt else decrypt_text(value)
            updates[name] = models.Value(new, output_field=models.TextField())
        if updates:
            model._default_manager.filter(pk=row["pk"]).update(**updates)
            changed += len(updates)
    return changed


def encrypt_stored_values(model: type[models.Model], names: list[str]) -> int:
    """Encrypt values stored in plain text before a field became encrypted (for data
    migrations). Values already encrypted are left alone, so it is safe to run again."""
    return _rewrite_stored_values(model, names, encrypt=True)


def decrypt_stored_values(model: type[models.Model], names: list[str]) -> int:
    """The reverse, for a migration that is rolled back: store the values in plain text."""
    return _rewrite_stored_values(model, names, encrypt=False)
