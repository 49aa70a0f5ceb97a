"""The person (or their broker) adds a note to a line of a statement before it is sent; the
council reads it on the statement and in its downloads; once sent, the lines stay as sent."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from flourish.accounts.factories import UserFactory
from flourish.budgets.models import StatementNote
from flourish.budgets.services.notes import entry_period
from flourish.budgets.services.statements import statement_month_make
from flourish.core.models import AuditEvent
from flourish.ledger.models import LedgerEntry


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def line(budget):
    """The line for the month's money in on Jo's statement."""
    return (
        LedgerEntry.objects.filter(account_id=budget.account_id).select_related("transaction").get()
    )


def _note_url(budget, line):
    return reverse("budgets:statement_note", args=[budget.pk, line.pk])


def _download(client, council, line, **extra):
    return client.get(
        reverse("budgets:council_statements", args=[council.slug]),
        {"period": entry_period(line), **extra},
    )


def test_the_person_adds_a_note_the_council_reads_it_on_the_statement_and_downloads(
    client, jo, budget, line, council, council_staff
):
    client.force_login(jo)
    page = client.get(reverse("budgets:statement", args=[budget.pk])).content.decode()
    assert "Not sent yet" in page and "Add a note" in page
    response = client.post(_note_url(budget, line), {"text": "  My first month  "})
    assert response.status_code == 302
    assert StatementNote.objects.get(entry=line).text == "My first month"
    assert AuditEvent.objects.filter(action="budgets.statement_note_saved").count() == 1

    client.force_login(council_staff)
    statement = client.get(
        reverse("budgets:statement", args=[budget.pk]), {"period": entry_period(line)}
    ).content.decode()
    assert "My first month" in statement and "Add a note" not in statement
    response = _download(client, council, line, download="csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][14] == "Note" and rows[1][14] == "My first month"
    response = _download(client, council, line, download="xlsx", layout="care")
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    sheet = list(book.active.iter_rows(values_only=True))
    assert sheet[0][-2] == "Note" and sheet[1][-2] == "My first month"


def test_a_broker_who_may_see_the_budget_adds_a_note(client, sam, consent, budget, line):
    client.force_login(sam)
    client.post(_note_url(budget, line), {"text": "Booked with Jo"})
    note = StatementNote.objects.get(entry=line)
    assert note.text == "Booked with Jo" and note.written_by == sam


def test_an_empty_note_removes_it_and_a_long_one_is_refused(client, jo, budget, line):
    client.force_login(jo)
    client.post(_note_url(budget, line), {"text": "First"})
    page = client.post(_note_url(budget, line), {"text": "x" * 501}).content.decode()
    assert "500 characters" in page
    assert StatementNote.objects.get(entry=line).text == "First"
    client.post(_note_url(budget, line), {"text": ""})
    assert not StatementNote.objects.exists()


def test_once_the_statement_is_sent_its_lines_cannot_be_annotated(
    client, jo, budget, line, council
):
    statement_month_make(council=council, period=entry_period(line))
    client.force_login(jo)
    page = client.get(reverse("budgets:statement", args=[budget.pk])).content.decode()
    assert "This statement was sent to the council" in page and "Add a note" not in page
    page = client.post(_note_url(budget, line), {"text": "Too late"}).content.decode()
    assert "has been sent to the council" in page
    assert not StatementNote.objects.exists()
    assert not AuditEvent.objects.filter(action="budgets.statement_note_saved").exists()


def test_the_note_made_when_sent_is_in_the_statement_kept_for_the_council(
    client, jo, budget, line, council
):
    client.force_login(jo)
    client.post(_note_url(budget, line), {"text": "Kept"})
    made = statement_month_make(council=council, period=entry_period(line))
    with made.file.open("rb") as saved:
        assert "Kept" in saved.read().decode()


def test_nobody_else_may_annotate_a_line(client, budget, line, council_staff, other_staff, ali):
    for person in (council_staff, other_staff, UserFactory(), ali.person):
        client.force_login(person)
        assert client.get(_note_url(budget, line)).status_code == 404
        assert client.post(_note_url(budget, line), {"text": "No"}).status_code == 404
    # A line of another budget, asked for through Jo's, is not found either.
    other_line = LedgerEntry.objects.filter(account_id=ali.account_id).first()
    client.force_login(budget.person)
    assert client.get(_note_url(budget, other_line)).status_code == 404
    assert not StatementNote.objects.exists()


def test_each_lines_note_link_says_which_line_it_is_for(client, jo, budget, line):
    """Two lines on one day: a screen reader's list of links tells them apart."""
    import datetime
    import re

    from flourish.budgets.services.outside import outside_spending_record

    for what in ("Bus pass", "Swimming"):
        outside_spending_record(
            budget=budget,
            amount_pence=1_500,
            spent_on=datetime.date.today(),
            spending_kind=None,
            what=what,
            token=f"same-day-{what}",
            actor=jo,
        )
    client.force_login(jo)
    page = client.get(reverse("budgets:statement", args=[budget.pk])).content.decode()

    names = re.findall(r'govuk-visually-hidden"> (on the line of [^<]+)</span>', page)
    assert len(names) == 3
    assert len(set(names)) == 3
    assert any("Swimming" in name for name in names)
