"""Spending outside Flourish, recorded in under a minute, so the statement is complete."""

import datetime
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from flourish.budgets.models import OutsideSpending
from flourish.budgets.statements import statement_rows
from flourish.core.models import AuditEvent
from flourish.ledger.selectors import account_balance, ledger_integrity

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n%%EOF\n"


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\xff\xff")
    body = chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


@pytest.fixture(autouse=True)
def private_uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _post(client, budget, *, amount="12.50", day=None, receipt=None, token="t1", kind=""):
    day = day or timezone.localdate()
    data = {
        "amount_pence": amount,
        "spent_on_0": day.day,
        "spent_on_1": day.month,
        "spent_on_2": day.year,
        "spending_kind": kind,
        "what": "Bus pass",
        "token": token,
    }
    if receipt is not None:
        data["receipt"] = receipt
    return client.post(reverse("budgets:spent_outside", args=[budget.pk]), data)


def test_a_person_records_a_bus_pass_with_a_photo_and_it_is_on_the_statement(
    client, budget, jo, council, council_staff
):
    client.force_login(jo)
    page = client.get(reverse("budgets:spent_outside", args=[budget.pk])).content.decode()
    assert 'enctype="multipart/form-data"' in page
    response = _post(client, budget, receipt=SimpleUploadedFile("bus.png", _png()))
    assert response.status_code == 302
    spending = OutsideSpending.objects.get()
    assert account_balance(account=budget.account) == 40_000 - 1_250
    assert ledger_integrity().sound
    today = timezone.localdate()
    start = today.replace(day=1)
    end = start + datetime.timedelta(days=32)
    rows = list(statement_rows(council=council, start=start, end=end))
    outside = [row for row in rows if row[5] == "Spent outside Flourish"]
    assert outside and outside[0][7] == "Bus pass" and outside[0][10] == 1_250
    statement = client.get(reverse("budgets:statement", args=[budget.pk])).content.decode()
    assert "Spent outside Flourish: Bus pass" in statement
    client.force_login(council_staff)
    opened = client.get(reverse("budgets:outside_receipt", args=[budget.pk, spending.pk]))
    assert b"".join(opened.streaming_content).startswith(b"\x89PNG")
    assert AuditEvent.objects.filter(action="budgets.receipt_opened").count() == 1


def test_a_double_click_records_it_once(client, budget, jo):
    client.force_login(jo)
    _post(client, budget, receipt=SimpleUploadedFile("bill.pdf", PDF))
    _post(client, budget, receipt=SimpleUploadedFile("bill.pdf", PDF))
    assert OutsideSpending.objects.count() == 1
    assert account_balance(account=budget.account) == 40_000 - 1_250


def test_it_refuses_a_receipt_whose_content_is_not_what_its_name_says(client, budget, jo):
    client.force_login(jo)
    response = _post(client, budget, receipt=SimpleUploadedFile("bus.png", b"MZ\x90\x00 program"))
    assert "does not match its name" in response.content.decode()
    assert not OutsideSpending.objects.exists()
    assert account_balance(account=budget.account) == 40_000


def test_it_refuses_a_receipt_of_another_kind(client, budget, jo):
    client.force_login(jo)
    response = _post(client, budget, receipt=SimpleUploadedFile("bus.txt", b"hello"))
    assert "JPG or PNG" in response.content.decode()
    assert not OutsideSpending.objects.exists()


def test_it_refuses_more_than_is_left(client, budget, jo):
    client.force_login(jo)
    response = _post(client, budget, amount="401")
    assert "more than the £400 left" in response.content.decode()
    assert not OutsideSpending.objects.exists()


def test_it_refuses_a_date_in_the_future(client, budget, jo):
    client.force_login(jo)
    response = _post(client, budget, day=timezone.localdate() + datetime.timedelta(days=2))
    assert response.status_code == 200
    assert not OutsideSpending.objects.exists()


def test_a_stranger_cannot_record_or_open_a_receipt(client, budget, jo, stranger):
    client.force_login(jo)
    _post(client, budget, receipt=SimpleUploadedFile("bill.pdf", PDF))
    spending = OutsideSpending.objects.get()
    client.force_login(stranger)
    assert client.get(reverse("budgets:spent_outside", args=[budget.pk])).status_code == 404
    url = reverse("budgets:outside_receipt", args=[budget.pk, spending.pk])
    assert client.get(url).status_code == 404
