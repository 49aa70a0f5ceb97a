"""Pages with an applicant's decrypted contact details, and their uploads, are never cached."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from flourish.core.tests.test_security_headers import no_store
from flourish.grants.factories import application_with_lines
from flourish.grants.services.applications import application_attach
from flourish.grants.tests.test_uploads import VOICE_NOTE

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_staff_reading_an_application_and_its_upload_leave_no_copy_in_a_cache(
    client, staff, programme, group, owner
):
    application = application_with_lines(
        programme=programme,
        group=group,
        submitted_by=owner,
        status="draft",
        contact_detail="07700 900982",
    )
    upload = SimpleUploadedFile("our plan.mp3", VOICE_NOTE)
    application_attach(application=application, actor=owner, upload=upload)
    application.refresh_from_db()
    application.status = "submitted"
    application.submitted_at = application.created_at
    application.save()
    client.force_login(staff)

    review = client.get(reverse("grants:review", args=[application.pk]))
    download = client.get(reverse("grants:attachment", args=[application.pk]))

    assert "07700 900982" in review.content.decode()
    assert no_store(review)
    assert b"".join(download.streaming_content) == VOICE_NOTE
    assert no_store(download)


def test_an_applicants_answers_are_never_cached(client, programme, group, owner):
    application = application_with_lines(
        programme=programme,
        group=group,
        submitted_by=owner,
        status="draft",
        contact_detail="07700 900982",
    )
    client.force_login(owner)

    assert no_store(client.get(reverse("grants:check_answers", args=[application.pk])))
    question = reverse("grants:question", args=[application.pk, "how-to-reach-you"])
    assert no_store(client.get(question))
