"""Authenticator secrets and recovery-code seeds are encrypted at rest, and rotate with the keys."""

import importlib
import json

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from flourish.accounts.tests.conftest import authenticator_code

KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()
encrypt_migration = importlib.import_module(
    "flourish.accounts.migrations.0003_encrypt_authenticator_secrets"
)


def stored(authenticator: Authenticator) -> str:
    """What the database really holds in the authenticator's row."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT data FROM mfa_authenticator WHERE id = %s", [authenticator.pk])
        raw = cursor.fetchone()[0]
    return raw if isinstance(raw, str) else json.dumps(raw)


def turn_on_authenticator(client, person) -> tuple[str, list[str]]:
    """Set up an authenticator app through the pages; returns its secret and recovery codes."""
    client.force_login(person)
    secret = client.get(reverse("mfa_activate_totp")).context["form"].secret
    client.post(reverse("mfa_activate_totp"), {"code": authenticator_code(secret)})
    codes = list(client.get(reverse("mfa_view_recovery_codes")).context["unused_codes"])
    return secret, codes


def test_the_database_holds_neither_the_app_secret_nor_the_recovery_code_seed(client, funder_staff):
    secret, codes = turn_on_authenticator(client, funder_staff)

    totp = Authenticator.objects.get(user=funder_staff, type=Authenticator.Type.TOTP)
    recovery = Authenticator.objects.get(user=funder_staff, type=Authenticator.Type.RECOVERY_CODES)
    assert secret not in stored(totp)
    seed = RecoveryCodes(recovery).instance.data["seed"]
    assert seed.startswith("gAAAAA")  # a Fernet token, not the 80 hex digits of the seed
    assert TOTP(totp).validate_code(authenticator_code(secret))
    assert RecoveryCodes(recovery).validate_code(codes[0])


def test_rotating_the_keys_re_encrypts_authenticator_secrets_so_the_old_key_can_go(
    client, funder_staff, settings
):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    secret, codes = turn_on_authenticator(client, funder_staff)
    totp = Authenticator.objects.get(user=funder_staff, type=Authenticator.Type.TOTP)
    before = stored(totp)

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    call_command("rotate_encryption_keys", stdout=(output := Output()))
    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]

    assert stored(totp) != before
    assert "mfa.Authenticator: re-encrypted 2 values in 2 rows" in output.text
    totp.refresh_from_db()
    assert TOTP(totp).validate_code(authenticator_code(secret))
    recovery = Authenticator.objects.get(user=funder_staff, type=Authenticator.Type.RECOVERY_CODES)
    assert RecoveryCodes(recovery).validate_code(codes[1])


@pytest.mark.django_db
def test_secrets_stored_in_plain_text_before_encryption_are_encrypted_by_the_migration(
    funder_staff,
):
    plain_secret = "JBSWY3DPEHPK3PXP"
    totp = Authenticator.objects.create(
        user=funder_staff, type=Authenticator.Type.TOTP, data={"secret": plain_secret}
    )
    recovery = Authenticator.objects.create(
        user=funder_staff,
        type=Authenticator.Type.RECOVERY_CODES,
        data={"seed": "ab" * 40, "used_mask": 0, "migrated_codes": ["12345678"]},
    )

    encrypt_migration.encrypt_secrets(apps, None)
    encrypt_migration.encrypt_secrets(apps, None)  # safe to run twice

    assert plain_secret not in stored(totp)
    assert "ab" * 40 not in stored(recovery) and "12345678" not in stored(recovery)
    totp.refresh_from_db()
    assert TOTP(totp).validate_code(authenticator_code(plain_secret))
    recovery.refresh_from_db()
    assert RecoveryCodes(recovery).validate_code("12345678")


class Output:
    def __init__(self) -> None:
        self.text = ""

    def write(self, message: str, *args: object, **kwargs: object) -> None:
        self.text += message

    def flush(self) -> None:
        pass
