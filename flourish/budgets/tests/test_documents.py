"""Receipts and invoices, as a printable page and as a PDF."""

import pytest
from django.urls import reverse
from django.utils import formats, translation

from flourish.budgets import documents
from flourish.budgets.services.bookings import booking_ask, booking_confirm


@pytest.fixture
def paid(budget, offer, jo, owner, next_week):
    return booking_confirm(
        booking=booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo),
        actor=owner,
    )


def test_the_group_downloads_a_receipt_and_an_invoice_as_pdf(client, paid, owner):
    client.force_login(owner)
    page = client.get(reverse("budgets:receipt", args=[paid.pk])).content.decode()
    assert "Download the receipt as a PDF" in page and "£20" in page
    for name in ("budgets:receipt", "budgets:invoice"):
        response = client.get(reverse(name, args=[paid.pk]), {"format": "pdf"})
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF-")
        assert "attachment" in response["Content-Disposition"]


def test_an_invoice_can_be_had_before_the_group_confirms(client, budget, offer, jo, next_week):
    asked = booking_ask(budget=budget, offer=offer, session_on=next_week, actor=jo)
    client.force_login(jo)
    page = client.get(reverse("budgets:invoice", args=[asked.pk])).content.decode()
    assert "When the group confirms the booking" in page
    assert client.get(reverse("budgets:receipt", args=[asked.pk])).status_code == 404


def test_a_welsh_pdf_embeds_dejavu_when_the_machine_has_it(client, paid, jo):
    client.force_login(jo)
    client.cookies["django_language"] = "cy"
    response = client.get(reverse("budgets:receipt", args=[paid.pk]), {"format": "pdf"})
    if documents.DEJAVU.joinpath("DejaVuSans.ttf").exists():
        assert b"DejaVu" in response.content
    else:
        assert b"Helvetica" in response.content


def test_a_welsh_receipt_names_the_month_in_welsh(client, paid, jo):
    client.force_login(jo)
    client.cookies["django_language"] = "cy"
    page = client.get(reverse("budgets:receipt", args=[paid.pk])).content.decode()
    with translation.override("cy"):
        session_day = formats.date_format(paid.session_on, "j F Y")
    with translation.override("en"):
        assert session_day != formats.date_format(paid.session_on, "j F Y")
    assert session_day in page


def test_without_dejavu_the_pdf_uses_helvetica_and_keeps_welsh_readable(monkeypatch, paid):
    monkeypatch.setattr(documents, "DEJAVU", documents.Path("/nowhere"))
    document = documents.Document(title="Derbynneb", lines=[("amount", "Dŵr", "£20")], note="ŷ")
    made = documents.document_pdf(document)
    assert made.startswith(b"%PDF-") and b"Helvetica" in made
    assert documents._latin1("Dŵr ŷ") == "Dwr y"


def test_an_urdu_reader_gets_an_english_pdf_and_the_page_says_so(client, paid, jo):
    client.force_login(jo)
    client.cookies["django_language"] = "ur"
    page = client.get(reverse("budgets:receipt", args=[paid.pk])).content.decode()
    assert 'id="pdf-language"' in page
    assert documents.pdf_language("ur") == "en"
    assert documents.pdf_language("cy") == "cy"
    client.cookies["django_language"] = "en"
    page = client.get(reverse("budgets:receipt", args=[paid.pk])).content.decode()
    assert 'id="pdf-language"' not in page


def test_a_stranger_gets_no_invoice(client, paid, stranger):
    client.force_login(stranger)
    assert client.get(reverse("budgets:invoice", args=[paid.pk])).status_code == 404
    response = client.get(reverse("budgets:invoice", args=[paid.pk]), {"format": "pdf"})
    assert response.status_code == 404
