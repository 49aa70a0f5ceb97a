"""What groups and panels write about people is stored encrypted, uploads too, and a key
rotation moves all of it to the new key."""

from pathlib import Path

import pytest
from cryptography.fernet import Fernet
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from flourish.accounts.factories import UserFactory
from flourish.core.fields import encrypt_stored_values
from flourish.grants.factories import AwardFactory, application_with_lines
from flourish.grants.models import (
    Application,
    ConflictDeclaration,
    Decision,
    GrantReport,
    Panel,
    PanelVote,
    Recommendation,
)
from flourish.grants.services.applications import application_attach

pytestmark = pytest.mark.django_db

# An ID3 tag and MPEG audio frames (so libmagic knows it for an MP3), then words that
# must never be readable on disk.
VOICE_NOTE = (
    b"ID3\x03\x00\x00\x00\x00\x00\x00"
    + (b"\xff\xfb\x90\x64" + b"\x00" * 413) * 3
    + b"I hear voices and this group helps"
)
KEY_A = Fernet.generate_key().decode()
KEY_B = Fernet.generate_key().decode()


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def stored(model, pk, column) -> str:
    """What the database really holds in one column of one row."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def _everything_written_about_one_group(programme):
    application = application_with_lines(
        programme=programme,
        communities="Black women, LGBTQ+",
        what_you_want_to_do="Peer support for women who self-harm",
        who_it_helps="Women living with psychosis",
    )
    award = AwardFactory(application=application, programme=programme)
    writer = UserFactory()
    panel = Panel.objects.create(programme=programme, title="May panel", meets_on="2026-05-01")
    return [
        (application, ["communities", "what_you_want_to_do", "who_it_helps"]),
        (
            Recommendation.objects.create(
                application=application,
                author=writer,
                background="The lead has bipolar disorder",
                verdict="yes",
                conditions="Only if her health allows",
            ),
            ["background", "conditions"],
        ),
        (
            Decision.objects.create(
                application=application,
                outcome="award",
                reasons="A trans-led group",
                feedback="We hope your health holds up",
                decided_by=writer,
            ),
            ["reasons", "feedback"],
        ),
        (
            ConflictDeclaration.objects.create(
                panel=panel,
                application=application,
                member=writer,
                has_conflict=True,
                details="My sister uses this group for her depression",
            ),
            ["details"],
        ),
        (
            PanelVote.objects.create(
                panel=panel,
                application=application,
                member=writer,
                verdict="fund",
                comment="Vital for Muslim men with anxiety",
            ),
            ["comment"],
        ),
        (
            GrantReport.objects.create(
                award=award, what_happened="Twelve people with PTSD met", recorded_by=writer
            ),
            ["what_happened"],
        ),
    ]


def test_special_category_text_is_never_stored_in_plain_text(programme):
    for record, columns in _everything_written_about_one_group(programme):
        fresh = type(record).objects.get(pk=record.pk)
        for column in columns:
            raw = stored(type(record), record.pk, column)
            assert raw.startswith("gAAAAA"), f"{type(record).__name__}.{column} is plain text"
            assert getattr(fresh, column) == getattr(record, column)


def test_rows_written_before_encryption_are_encrypted_by_the_migration(programme):
    application = application_with_lines(programme=programme)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE grants_application SET who_it_helps = %s WHERE id = %s",
            ["Women living with psychosis", application.pk],
        )

    changed = encrypt_stored_values(Application, ["who_it_helps", "what_you_want_to_do"])

    assert changed == 1  # the other value was already encrypted and is left alone
    assert stored(Application, application.pk, "who_it_helps").startswith("gAAAAA")
    assert Application.objects.get(pk=application.pk).who_it_helps == "Women living with psychosis"


def test_an_upload_is_encrypted_on_disk_and_staff_still_download_the_original(
    client, programme, owner, staff
):
    draft = application_with_lines(programme=programme, submitted_by=owner, status="draft")
    draft = application_attach(
        application=draft, actor=owner, upload=SimpleUploadedFile("plan.mp3", VOICE_NOTE)
    )
    Application.objects.filter(pk=draft.pk).update(
        status="submitted", submitted_at=draft.created_at
    )

    on_disk = Path(default_storage.path(draft.attachment.name)).read_bytes()
    assert b"I hear voices" not in on_disk
    client.force_login(staff)
    download = client.get(reverse("grants:attachment", args=[draft.pk]))
    assert b"".join(download.streaming_content) == VOICE_NOTE


def test_an_upload_stored_before_encryption_is_sealed_where_it_lies(programme):
    application = application_with_lines(programme=programme)
    path = Path(default_storage.path("grants/applications/old.mp3"))
    path.parent.mkdir(parents=True)
    path.write_bytes(VOICE_NOTE)
    Application.objects.filter(pk=application.pk).update(attachment="grants/applications/old.mp3")

    assert default_storage.seal_in_place("grants/applications/old.mp3")
    assert not default_storage.seal_in_place("grants/applications/old.mp3")  # safe to run again

    assert b"I hear voices" not in path.read_bytes()
    assert Application.objects.get(pk=application.pk).attachment.read() == VOICE_NOTE


def test_key_rotation_covers_the_new_fields_and_the_uploads(settings, programme, owner):
    settings.FIELD_ENCRYPTION_KEYS = [KEY_A]
    written = _everything_written_about_one_group(programme)
    draft = application_with_lines(programme=programme, submitted_by=owner, status="draft")
    application_attach(
        application=draft, actor=owner, upload=SimpleUploadedFile("plan.mp3", VOICE_NOTE)
    )

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B, KEY_A]
    call_command("rotate_encryption_keys", stdout=_Quiet())

    settings.FIELD_ENCRYPTION_KEYS = [KEY_B]
    for record, columns in written:
        fresh = type(record).objects.get(pk=record.pk)
        for column in columns:
            assert getattr(fresh, column) == getattr(record, column)
    assert Application.objects.get(pk=draft.pk).attachment.read() == VOICE_NOTE


class _Quiet:
    def write(self, message: str, *args: object, **kwargs: object) -> None:
        pass

    def flush(self) -> None:
        pass
