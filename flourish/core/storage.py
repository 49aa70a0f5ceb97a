"""Uploads encrypted at rest: what lands on disk (and in its backups) is ciphertext.

Files are sealed with the same Fernet keys as the encrypted fields
(settings.FIELD_ENCRYPTION_KEYS, newest first), so one key rotation covers
both: `rotate_encryption_keys` re-seals every stored file too. Fernet works on
whole values in memory, which is fine for uploads capped at 25 MB.
"""

import os
from pathlib import Path
from typing import Any

from cryptography.fernet import InvalidToken
from django.core.files.base import ContentFile, File
from django.core.files.storage import FileSystemStorage
from storages.backends.s3 import S3Storage

from flourish.core.fields import field_fernet

# Every Fernet token starts with its version byte 0x80, which is "gAAAAA" in base64.
TOKEN_PREFIX = b"gAAAAA"


def is_sealed(raw: bytes) -> bool:
    """True when the bytes are a Fernet token any current key can open."""
    if not raw.startswith(TOKEN_PREFIX):
        return False
    try:
        field_fernet().decrypt(raw)
    except InvalidToken:
        return False
    return True


class EncryptingStorageMixin:
    """Encrypts on save and decrypts on open, over any Django storage backend."""

    def _save(self, name: str, content: File[Any]) -> str:
        content.seek(0)
        sealed = field_fernet().encrypt(content.read())
        return super()._save(name, ContentFile(sealed))  # type: ignore[misc, no-any-return]

    def _open(self, name: str, mode: str = "rb") -> File[Any]:
        raw = self.read_raw(name)
        plain = field_fernet().decrypt(raw) if raw.startswith(TOKEN_PREFIX) else raw
        opened = ContentFile(plain, name=name)
        opened.mode = mode
        return opened

    def size(self, name: str) -> int:
        # What a reader gets, not what is stored: downloads state their length.
        with self._open(name) as opened:
            return opened.size

    def read_raw(self, name: str) -> bytes:
        """The bytes as stored (for sealing old files and rotating keys)."""
        with super()._open(name, "rb") as stored:  # type: ignore[misc]
            raw: bytes = stored.read()
        return raw

    def write_raw(self, name: str, raw: bytes) -> None:
        """Replace a stored file's bytes, keeping its name."""
        raise NotImplementedError

    def exists(self, name: str) -> bool:
        return super().exists(name)  # type: ignore[misc, no-any-return]

    def seal_in_place(self, name: str) -> bool:
        """Encrypt a file stored before encryption at rest; False if it already was."""
        raw = self.read_raw(name)
        if is_sealed(raw):
            return False
        self.write_raw(name, field_fernet().encrypt(raw))
        return True

    def rotate_in_place(self, name: str) -> bool:
        """Re-encrypt a stored file under the newest key; False if it was not sealed."""
        raw = self.read_raw(name)
        if not raw.startswith(TOKEN_PREFIX):
            return False
        self.write_raw(name, field_fernet().rotate(raw))
        return True


class EncryptedFileSystemStorage(EncryptingStorageMixin, FileSystemStorage):
    """Uploads on the local disk, encrypted."""

    def write_raw(self, name: str, raw: bytes) -> None:
        # Write beside it, then swap: a crash part-way never leaves half a file.
        target = Path(self.path(name))
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(raw)
        os.replace(partial, target)


class EncryptedS3Storage(EncryptingStorageMixin, S3Storage):
    """Uploads in S3-compatible object storage, encrypted before they leave."""

    def write_raw(self, name: str, raw: bytes) -> None:
        # S3 writes a key whole or not at all; _save skips the new-name search.
        S3Storage._save(self, name, ContentFile(raw))
