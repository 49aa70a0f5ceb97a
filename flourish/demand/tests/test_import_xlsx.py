"""Importing contacts from an XLSX workbook, beside CSV: the same checks, the same preview,
and every row or none."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from flourish.demand.models import Contact

HEADINGS = [
    "date",
    "words",
    "channel",
    "demand",
    "kind",
    "cause",
    "sorted at first contact",
    "count",
]
GOOD = [
    [datetime.date(2026, 3, 2), "Can I join on Thursday?", "P", "V", None, None, "Y", None],
    [
        datetime.datetime(2026, 3, 2, 10, 30),
        "Where is my grant?",
        "phone",
        "failure",
        "chasing",
        "Slow decisions",
        "no",
        3,
    ],
    [
        "03/03/2026",
        "I don't understand question 4",
        "Email",
        "Failure demand",
        "Didn't understand",
        "Q4",
        "n",
        1,
    ],
]


def workbook(rows):
    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def upload(client, service, content, name="sheet.xlsx"):
    file = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(reverse("demand:import", args=[service.slug]), {"file": file})


def test_a_workbook_is_shown_first_then_imported_whole(client, service, colleague):
    client.force_login(colleague)
    preview = upload(client, service, workbook([HEADINGS, *GOOD])).content.decode()
    assert "Import 5 contacts" in preview
    assert not Contact.objects.exists()
    client.post(reverse("demand:import_confirm", args=[service.slug]))
    assert Contact.objects.count() == 5
    assert (
        Contact.objects.filter(
            failure_kind="chasing", received_on=datetime.date(2026, 3, 2)
        ).count()
        == 3
    )


def test_a_workbook_with_an_error_row_names_the_row_and_imports_nothing(client, service, colleague):
    client.force_login(colleague)
    rows = [HEADINGS, *GOOD, ["2026-03-04", None, "P", "F", "lost", None, "y", None]]
    page = upload(client, service, workbook(rows)).content.decode()
    assert "1 row has a problem" in page
    assert "Enter what they asked, in their words." in page
    assert "“lost” is not a kind of failure demand we know" in page
    assert "Import 5 contacts" not in page
    client.post(reverse("demand:import_confirm", args=[service.slug]))
    assert not Contact.objects.exists()


def test_a_workbook_with_the_wrong_columns_says_which(client, service, colleague):
    client.force_login(colleague)
    page = upload(client, service, workbook([["name", "phone"], ["Sam", "07700900123"]]))
    assert "These columns are missing: date, words, channel, demand." in page.content.decode()
    assert not Contact.objects.exists()


def test_a_workbook_saved_with_the_wrong_name_is_still_read(client, service, colleague):
    client.force_login(colleague)
    page = upload(client, service, workbook([HEADINGS, *GOOD]), name="sheet.csv")
    assert "Import 5 contacts" in page.content.decode()


def test_a_damaged_workbook_gets_a_message(client, service, colleague):
    client.force_login(colleague)
    page = upload(client, service, b"PK\x03\x04 not really a workbook").content.decode()
    assert "This file could not be read as XLSX" in page
    assert not Contact.objects.exists()


def test_a_formula_is_never_run_only_its_last_value_read(client, service, colleague):
    client.force_login(colleague)
    rows = [HEADINGS, ["2026-03-02", '=HYPERLINK("http://evil.example","Hi")', "P", "V"]]
    page = upload(client, service, workbook(rows)).content.decode()
    # openpyxl keeps no cached value for a formula it wrote, so the words are empty.
    assert "Enter what they asked, in their words." in page
