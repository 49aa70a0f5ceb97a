"""Re-encrypt every encrypted-at-rest value under the newest key.

Run after putting a new key at the front of FIELD_ENCRYPTION_KEYS; when it
finishes, the old key can be removed (docs/encryption.md).
"""

from typing import Any

from allauth.mfa.models import Authenticator
from django.apps import apps
from django.core.management.base import BaseCommand, CommandParser
from django.db import models, transaction
from django.db.models.functions import Cast

from flourish.accounts.services import authenticator_secrets_rotate
from flourish.core.events import ENCRYPTION_KEYS_ROTATED
from flourish.core.fields import EncryptedTextField, rotate_token
from flourish.core.services import audit_record
from flourish.core.storage import EncryptingStorageMixin


def encrypted_fields() -> list[tuple[type[models.Model], list[str]]]:
    """Every concrete model with encrypted fields, and the names of those fields."""
    found = []
    for model in apps.get_models():
        names = [
            field.name
            for field in model._meta.concrete_fields
            if isinstance(field, EncryptedTextField)
        ]
        if names and not model._meta.proxy:
            found.append((model, names))
    return found


def _rotate_batch(model: type[models.Model], names: list[str], pks: list[Any]) -> int:
    """Re-encrypt one batch of rows; returns how many values changed."""
    # Cast to plain text so the ORM hands back the stored token, not the
    # decrypted value; the row locks stop a concurrent save being overwritten.
    raw = {f"raw_{name}": Cast(name, models.TextField()) for name in names}
    rows = model._default_manager.select_for_update().filter(pk__in=pks).values("pk", **raw)
    rotated = 0
    for row in rows:
        updates = {
            name: models.Value(rotate_token(row[f"raw_{name}"]), output_field=models.TextField())
            for name in names
            if row[f"raw_{name}"]
        }
        if updates:
            model._default_manager.filter(pk=row["pk"]).update(**updates)
            rotated += len(updates)
    return rotated


def _rotate_model(model: type[models.Model], names: list[str], batch_size: int) -> tuple[int, int]:
    """Walk the table by primary key so memory stays the same whatever its size."""
    values = rows = 0
    last_pk = None
    while True:
        batch = model._default_manager.order_by("pk")
        if last_pk is not None:
            batch = batch.filter(pk__gt=last_pk)
        pks = list(batch.values_list("pk", flat=True)[:batch_size])
        if not pks:
            return values, rows
        # One transaction per batch: a failure part-way leaves every row
        # readable (under the old key or the new), and a re-run finishes the job.
        with transaction.atomic():
            values += _rotate_batch(model, names, pks)
        rows += len(pks)
        last_pk = pks[-1]


def encrypted_file_fields() -> list[tuple[type[models.Model], str, EncryptingStorageMixin]]:
    """Every file field whose files are stored encrypted, with its storage."""
    found = []
    for model in apps.get_models():
        if model._meta.proxy:
            continue
        for field in model._meta.concrete_fields:
            storage = getattr(field, "storage", None)
            if isinstance(field, models.FileField) and isinstance(storage, EncryptingStorageMixin):
                found.append((model, field.name, storage))
    return found


def _rotate_files(model: type[models.Model], name: str, storage: EncryptingStorageMixin) -> int:
    """Re-seal each stored file under the newest key; a missing file is skipped, not fatal."""
    rotated = 0
    paths = model._default_manager.exclude(**{name: ""}).values_list(name, flat=True)
    for path in paths.iterator():
        if path and storage.exists(path) and storage.rotate_in_place(path):
            rotated += 1
    return rotated


class Command(BaseCommand):
    help = "Re-encrypt every encrypted field value under the newest key in FIELD_ENCRYPTION_KEYS."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--batch-size", type=int, default=500)

    def handle(self, *args: Any, **options: Any) -> None:
        batch_size = options["batch_size"]
        counts: dict[str, int] = {}
        for model, names in encrypted_fields():
            label = model._meta.label
            counts[label], rows = _rotate_model(model, names, batch_size)
            self.stdout.write(f"{label}: re-encrypted {counts[label]} values in {rows} rows")
        for model, name, storage in encrypted_file_fields():
            label = f"{model._meta.label}.{name}"
            counts[label] = _rotate_files(model, name, storage)
            self.stdout.write(f"{label}: re-encrypted {counts[label]} files")
        # allauth keeps authenticator secrets in a JSON field, encrypted through
        # our MFA adapter rather than by an EncryptedTextField.
        label = Authenticator._meta.label
        counts[label], rows = authenticator_secrets_rotate(batch_size=batch_size)
        self.stdout.write(f"{label}: re-encrypted {counts[label]} values in {rows} rows")
        audit_record(actor=None, action=ENCRYPTION_KEYS_ROTATED, data={"values": counts})
        self.stdout.write(self.style.SUCCESS(f"Done: {sum(counts.values())} values re-encrypted."))
