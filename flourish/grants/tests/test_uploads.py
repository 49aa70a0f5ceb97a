"""Optional uploads instead of writing: type and size checked, stored privately."""

import os
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from flourish.core.models import AuditEvent
from flourish.grants import uploads
from flourish.grants.factories import application_with_lines
from flourish.grants.services.applications import application_attach

pytestmark = pytest.mark.django_db

# An ID3 tag then MPEG audio frames: what a voice note saved as MP3 starts with.
VOICE_NOTE = b"ID3\x03\x00\x00\x00\x00\x00\x00" + (b"\xff\xfb\x90\x64" + b"\x00" * 413) * 3
PHONE_CLIP = (24).to_bytes(4, "big") + b"ftypM4A \x00\x00\x00\x00M4A isom" + b"\x00" * 200
PDF = (
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
PAGE = b"<!DOCTYPE html><html><body><script>document.location='https://evil.example'</script>"
HOSTILE = {
    "a PDF header followed by a web page": ("plan.pdf", b"%PDF-1.4\n" + PAGE),
    "a web page named as text": ("plan.txt", PAGE),
    "a program with video marker bytes": ("clip.mp4", b"MZ\x90\x00ftypmp42" + b"\x00" * 300),
}


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def draft(programme, group, owner):
    return application_with_lines(
        programme=programme,
        group=group,
        submitted_by=owner,
        status="draft",
        what_you_want_to_do="",
    )


def _post(client, application, upload, text=""):
    url = reverse("grants:question", args=[application.pk, "what-you-want-to-do"])
    return client.post(url, {"what_you_want_to_do": text, "attachment": upload})


def test_a_voice_note_can_stand_in_for_writing_and_staff_can_open_it(client, owner, staff, draft):
    client.force_login(owner)

    response = _post(client, draft, SimpleUploadedFile("our plan.mp3", VOICE_NOTE))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.attachment_name == "our plan.mp3"
    assert "our plan" not in draft.attachment.name  # stored under a random name
    draft.status = "submitted"
    draft.submitted_at = draft.created_at
    draft.save()
    client.force_login(staff)
    download = client.get(reverse("grants:attachment", args=[draft.pk]))
    assert b"".join(download.streaming_content) == VOICE_NOTE
    assert AuditEvent.objects.filter(action="core.sensitive_record_read").exists()


def test_a_program_renamed_as_a_clip_is_refused_and_nothing_changes(client, owner, draft):
    client.force_login(owner)

    response = _post(
        client, draft, SimpleUploadedFile("clip.mp3", b"MZ\x90\x00 program"), text="Our plan"
    )

    assert "Send a PDF, Word or text document" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.attachment
    assert draft.what_you_want_to_do == ""


def test_an_unknown_kind_of_file_is_refused(owner, draft):
    with pytest.raises(ValidationError, match="Send a PDF"):
        application_attach(
            application=draft, actor=owner, upload=SimpleUploadedFile("run.exe", b"MZ")
        )


def test_an_oversized_file_is_refused_with_what_to_do(client, owner, draft, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_BYTES", 100)
    client.force_login(owner)

    response = _post(client, draft, SimpleUploadedFile("long.mp3", VOICE_NOTE))

    assert "25 MB or smaller. Try a shorter clip." in response.content.decode()
    draft.refresh_from_db()
    assert not draft.attachment


def test_nobody_outside_the_fund_can_download_an_upload(client, owner, stranger, draft):
    application_attach(
        application=draft, actor=owner, upload=SimpleUploadedFile("a.mp3", VOICE_NOTE)
    )
    client.force_login(stranger)

    assert client.get(reverse("grants:attachment", args=[draft.pk])).status_code == 404


def test_writing_or_a_clip_is_needed(client, owner, draft):
    client.force_login(owner)

    response = _post(client, draft, "")

    assert "Tell us what you want to do, or send a clip" in response.content.decode()


def test_saving_the_page_again_with_the_file_box_empty_keeps_the_upload(client, owner, draft):
    client.force_login(owner)
    _post(client, draft, SimpleUploadedFile("our plan.mp3", VOICE_NOTE), text="Our plan")
    draft.refresh_from_db()
    stored = draft.attachment.path

    # A browser sends the file box empty when nothing new was chosen.
    again = _post(client, draft, "", text="Our plan, with more detail")
    and_again = _post(client, draft, "", text="Our plan, with even more detail")

    assert again.status_code == 302
    assert and_again.status_code == 302
    draft.refresh_from_db()
    assert draft.attachment.path == stored
    assert draft.attachment_name == "our plan.mp3"
    # Read through the storage: uploads are encrypted on disk.
    with draft.attachment.open("rb") as kept:
        assert kept.read() == VOICE_NOTE
    assert draft.what_you_want_to_do == "Our plan, with even more detail"


def test_a_new_file_replaces_the_old_one_which_is_then_removed_from_disk(
    client, owner, draft, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, draft, SimpleUploadedFile("first.mp3", VOICE_NOTE))
    draft.refresh_from_db()
    first = draft.attachment.path

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, draft, SimpleUploadedFile("second.mp3", VOICE_NOTE))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.attachment_name == "second.mp3"
    assert os.path.exists(draft.attachment.path)
    assert not os.path.exists(first)


@pytest.mark.parametrize("label", HOSTILE)
def test_a_file_whose_content_is_not_what_its_name_says_is_refused(client, owner, draft, label):
    name, content = HOSTILE[label]
    client.force_login(owner)

    response = _post(client, draft, SimpleUploadedFile(name, content), text="Our plan")

    assert "does not match its name" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.attachment
    assert draft.what_you_want_to_do == ""


def test_web_page_code_deep_inside_a_document_is_refused(owner, draft):
    hidden = PDF + b"\x00" * (uploads.CHUNK_BYTES - 3) + PAGE

    with pytest.raises(ValidationError, match="does not match its name"):
        application_attach(
            application=draft, actor=owner, upload=SimpleUploadedFile("plan.pdf", hidden)
        )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("plan.pdf", PDF),
        ("voice note.m4a", PHONE_CLIP),
        ("our plan.txt", "We will meet on Tuesdays at the café.\n".encode()),
    ],
)
def test_ordinary_documents_and_clips_are_accepted(owner, draft, name, content):
    application_attach(application=draft, actor=owner, upload=SimpleUploadedFile(name, content))

    draft.refresh_from_db()
    assert draft.attachment_name == name


def test_a_machine_without_libmagic_is_told_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "magic", None)  # what a failed import leaves behind

    errors = uploads.libmagic_check()

    assert [error.id for error in errors] == ["grants.E001"]
    assert "apt-get install libmagic1" in errors[0].hint
