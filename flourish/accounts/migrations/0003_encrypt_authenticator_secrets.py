"""Encrypt the authenticator secrets and recovery-code seeds allauth stored in plain text.

From now on the MFA adapter encrypts them as they are written; this moves the
rows written before that. A value that already decrypts is left alone, so the
migration is safe to run on a database where some rows are encrypted.
"""

from cryptography.fernet import InvalidToken
from django.db import migrations

from flourish.core.fields import field_fernet

SECRET_KEYS = ("secret", "seed")
SECRET_LISTS = ("migrated_codes",)


def _is_encrypted(value: str) -> bool:
    try:
        field_fernet().decrypt(value.encode())
    except InvalidToken:
        return False
    return True


def _encrypt(value: str) -> str:
    if _is_encrypted(value):
        return value
    return field_fernet().encrypt(value.encode()).decode()


def _decrypt(value: str) -> str:
    if not _is_encrypted(value):
        return value
    return field_fernet().decrypt(value.encode()).decode()


def _convert_all(apps, convert) -> None:
    authenticator_model = apps.get_model("mfa", "Authenticator")
    for authenticator in authenticator_model.objects.order_by("pk").iterator(chunk_size=500):
        data = dict(authenticator.data)
        for key in SECRET_KEYS:
            if data.get(key):
                data[key] = convert(data[key])
        for key in SECRET_LISTS:
            if data.get(key):
                data[key] = [convert(value) for value in data[key]]
        if data != authenticator.data:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt_secrets(apps, schema_editor) -> None:
    _convert_all(apps, _encrypt)


def decrypt_secrets(apps, schema_editor) -> None:
    _convert_all(apps, _decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_encrypt_consent_notes"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt_secrets, decrypt_secrets)]
