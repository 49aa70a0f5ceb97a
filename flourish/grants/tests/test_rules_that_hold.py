"""Promises to groups and funders: an unsent draft stays the group's own, a grant is never
overpaid, every award is audited, only published programmes are open data, and a program
dressed up as a text file is refused."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from flourish.core.models import AuditEvent
from flourish.grants import events
from flourish.grants.factories import (
    AwardFactory,
    GroupFactory,
    ProgrammeFactory,
    application_with_lines,
)
from flourish.grants.models import ApplicationStatus, Award, Payment, Stage
from flourish.grants.services.applications import application_attach
from flourish.grants.services.decisions import award_make
from flourish.grants.services.payments import award_pay, programme_budget_account
from flourish.grants.tests import test_uploads
from flourish.ledger.selectors import account_balance

pytestmark = pytest.mark.django_db

# The upload tests' own fixtures: uploads kept in a temporary folder, and a group's draft.
private_uploads = test_uploads.private_uploads
draft = test_uploads.draft

NOTES = b"Notes from our Tuesday meeting.\nWe talked about the garden.\n"


def test_a_funder_never_sees_a_draft_the_group_has_not_sent(client, programme, owner, staff, draft):
    application_attach(
        application=draft, actor=owner, upload=SimpleUploadedFile("notes.txt", NOTES)
    )
    sent = application_with_lines(
        programme=programme, group=GroupFactory(name="Tuesday Walkers", slug="tuesday-walkers")
    )
    client.force_login(staff)

    listing = client.get(reverse("grants:programme_applications", args=[programme.slug]))
    review = client.get(reverse("grants:review", args=[draft.pk]))
    download = client.get(reverse("grants:attachment", args=[draft.pk]))

    assert "Tuesday Walkers" in listing.content.decode()
    assert "Hearing Voices Leeds" not in listing.content.decode()
    assert review.status_code == 404
    assert download.status_code == 404
    assert client.get(reverse("grants:review", args=[sent.pk])).status_code == 200


def test_a_grant_is_never_paid_more_than_was_awarded_across_instalments(staff, funder):
    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION], budget_pence=500_000)
    application = application_with_lines(programme=programme)
    award = award_make(application=application, actor=staff, amount_pence=150_000)
    award_pay(award=award, actor=staff, idempotency_key="first", amount_pence=100_000)
    budget = programme_budget_account(programme=programme)
    balance_before = account_balance(account=budget)

    with pytest.raises(ValidationError) as refused:
        award_pay(award=award, actor=staff, idempotency_key="second", amount_pence=100_000)

    assert refused.value.message_dict == {"amount": ["Pay between £0.01 and £500."]}
    award.refresh_from_db()
    assert award.paid_pence == 100_000
    assert Payment.objects.filter(award=award).count() == 1
    assert account_balance(account=budget) == balance_before == 400_000


def test_every_award_leaves_one_audit_record_naming_who_decided_and_how_much(client, staff, funder):
    programme = ProgrammeFactory(funder=funder, stages=[Stage.DECISION])
    application = application_with_lines(programme=programme)
    client.force_login(staff)

    client.post(
        reverse("grants:decide", args=[application.pk]),
        {"outcome": "award", "amount": "1,500", "conditions": "Tell us how it went."},
    )

    assert Award.objects.get().amount_pence == 150_000
    record = AuditEvent.objects.get(action=events.AWARD_MADE)
    assert record.action == "grants.award_made"
    assert record.actor == staff
    assert record.target_id == str(application.pk)
    assert record.data["amount_pence"] == 150_000


def _award_in(programme, group_name):
    group = GroupFactory(name=group_name)
    application = application_with_lines(
        programme=programme, group=group, status=ApplicationStatus.AWARDED
    )
    return AwardFactory(application=application, programme=programme)


def test_open_data_publishes_awards_only_from_published_programmes(client, tmp_path, funder):
    public = ProgrammeFactory(funder=funder, identifier_prefix="pub")
    hidden = ProgrammeFactory(funder=funder, identifier_prefix="hid", is_published=False)
    shown = _award_in(public, "Tuesday Walkers")
    secret = _award_in(hidden, "Quiet Trial Group")
    workbook = tmp_path / "grants.xlsx"

    response = client.get(reverse("grants:threesixtygiving_json"))
    text = b"".join(response.streaming_content).decode()
    call_command("export_360giving", output=str(workbook), format="xlsx", stdout=io.StringIO())
    book = load_workbook(workbook, read_only=True)
    cells = " ".join(
        str(cell) for row in book.worksheets[0].iter_rows(values_only=True) for cell in row
    )
    book.close()

    grant_ids = [grant["id"] for grant in json.loads(text)["grants"]]
    assert grant_ids == [f"360G-pub-{shown.application_id}"]
    assert f"360G-hid-{secret.application_id}" not in text
    assert "Quiet Trial Group" not in text
    assert f"360G-pub-{shown.application_id}" in cells and "Tuesday Walkers" in cells
    assert f"360G-hid-{secret.application_id}" not in cells
    assert "Quiet Trial Group" not in cells


def _upload(client, application, content):
    url = reverse("grants:question", args=[application.pk, "what-you-want-to-do"])
    upload = SimpleUploadedFile("notes.txt", content)
    return client.post(url, {"what_you_want_to_do": "", "attachment": upload})


@pytest.mark.parametrize("start", [b"MZ", b"#!"], ids=["windows-program", "script"])
def test_a_text_file_that_starts_like_a_program_is_refused_and_nothing_is_saved(
    client, owner, draft, start
):
    client.force_login(owner)

    response = _upload(client, draft, start + b" " + NOTES)

    assert "does not match its name, so it was not saved" in response.content.decode()
    draft.refresh_from_db()
    assert not draft.attachment
    assert draft.attachment_name == ""


def test_plain_notes_as_a_text_file_are_accepted(client, owner, draft):
    client.force_login(owner)

    response = _upload(client, draft, NOTES)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.attachment_name == "notes.txt"
