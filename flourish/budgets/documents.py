"""Receipts and invoices for bookings paid from personal budgets: the same lines on the
printable page and in the PDF, so nobody types them twice.

PDFs are written with fpdf2 (pure Python). DejaVu Sans is embedded when the machine has it
(CI installs fonts-dejavu-core), so Welsh letters such as ŵ and ŷ print; otherwise the
core Helvetica font is used, which knows only Latin-1, and letters outside it lose their
accents. fpdf2 cannot yet shape right-to-left Urdu script, so an Urdu reader gets the PDF
in English, and the page says so.
"""

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from flourish.budgets.models import Booking, BookingSession
from flourish.core.formatting import format_day, format_pence

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
# Languages fpdf2 cannot set without a text-shaping engine: their PDF is in English.
PDF_IN_ENGLISH = frozenset({"ur"})


@dataclass(frozen=True)
class Document:
    title: str
    lines: list[tuple[str, str, str]]  # a key for the page's ids, the label, the value
    note: str


def _paid_from(booking: Booking, show_name: bool) -> str:
    council = booking.budget.council.name
    if show_name:
        return _("The personal budget of %(person)s, from %(council)s") % {
            "person": booking.budget.person.get_full_name(),
            "council": council,
        }
    return _("A personal budget from %(council)s") % {"council": council}


def _payee(booking: Booking) -> str:
    if booking.held_by_partner:
        assert booking.paid_to is not None
        return _("%(partner)s, who hold it for %(group)s") % {
            "partner": booking.paid_to.name,
            "group": booking.group.name,
        }
    return booking.group.name


_day = format_day  # the month in the language the document is written in


def booking_document(
    *, booking: Booking, show_name: bool, kind: str, sessions: list[BookingSession]
) -> Document:
    """The lines of a receipt (what was paid) or an invoice (what the booking costs)."""
    invoice = kind == "invoice"
    title = (_("Invoice %(number)s") if invoice else _("Receipt %(number)s")) % {
        "number": booking.pk
    }
    lines = [
        # "From" and "To" as on a letter: the same English is a report's dates elsewhere.
        ("payee", pgettext("invoice", "From") if invoice else _("Paid to"), _payee(booking)),
        (
            "payer",
            pgettext("invoice", "To") if invoice else _("Paid from"),
            _paid_from(booking, show_name),
        ),
        (
            "for",
            _("For"),
            _("%(offer)s (%(quantity)s × %(price)s), from %(day)s")
            % {
                "offer": booking.offer.name,
                "quantity": booking.quantity,
                "price": format_pence(booking.price_pence),
                "day": _day(booking.session_on),
            },
        ),
        ("amount", _("Amount"), format_pence(booking.amount_pence)),
    ]
    if booking.is_recurring:
        paid = [s for s in sessions if s.payment_id and not s.reversal_id]
        lines.append(
            (
                "sessions",
                _("Sessions"),
                ngettext(
                    "%(each)s each, %(paid)s of %(count)s session paid so far",
                    "%(each)s each, %(paid)s of %(count)s sessions paid so far",
                    booking.sessions,
                )
                % {
                    "each": format_pence(booking.each_pence),
                    "paid": len(paid),
                    "count": booking.sessions,
                },
            )
        )
    if booking.payment is not None:
        lines.append(("paid-on", _("Paid on"), _day(booking.payment.posted_at)))
        lines.append(("reference", _("Ledger reference"), booking.payment.idempotency_key))
    elif invoice:
        lines.append(("due", _("Due"), _("When the group confirms the booking")))
    if booking.reversal is not None:
        lines.append(("refunded-on", _("Refunded on"), _day(booking.reversal.posted_at)))
    note = (
        _("Paid from a personal budget through Flourish. Nothing more to pay.")
        if booking.payment is not None
        else _("Paid from a personal budget through Flourish when the group confirms.")
    )
    return Document(title=title, lines=lines, note=note)


def _latin1(text: str) -> str:
    """Helvetica knows only Latin-1: keep what it can print, drop accents it cannot."""
    out = []
    for char in text:
        try:
            char.encode("latin-1")
        except UnicodeEncodeError:
            plain = unicodedata.normalize("NFKD", char).encode("latin-1", "ignore").decode()
            out.append(plain or "?")
        else:
            out.append(char)
    return "".join(out)


def _fonts(pdf: FPDF) -> tuple[str, bool]:
    regular, bold = DEJAVU / "DejaVuSans.ttf", DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists():
        pdf.add_font("DejaVu", "", str(regular))
        pdf.add_font("DejaVu", "B", str(bold if bold.exists() else regular))
        return "DejaVu", True
    return "Helvetica", False


def document_pdf(document: Document) -> bytes:
    """The document as a one-page A4 PDF."""
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 20, 20)
    pdf.add_page()
    family, unicode = _fonts(pdf)

    def text(value: str) -> str:
        return value if unicode else _latin1(value)

    pdf.set_title(text(document.title))
    pdf.set_lang(translation.get_language() or "en")
    pdf.set_font(family, "B", 20)
    pdf.cell(0, 12, text(document.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)
    for _key, label, value in document.lines:
        pdf.set_font(family, "B", 11)
        pdf.cell(50, 7, text(label), new_x=XPos.RIGHT, new_y=YPos.TOP)
        pdf.set_font(family, "", 11)
        pdf.multi_cell(0, 7, text(value), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(family, "", 10)
    pdf.multi_cell(0, 6, text(document.note), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def pdf_in_english(language: str | None) -> bool:
    """True when the reader's language cannot be written in a PDF yet (Urdu)."""
    return (language or "en").split("-")[0] in PDF_IN_ENGLISH


def pdf_language(language: str | None) -> str:
    """The language a PDF can be written in: the reader's, or English for Urdu."""
    return "en" if pdf_in_english(language) else (language or "en")


def booking_pdf(
    *, booking: Booking, show_name: bool, kind: str, sessions: list[BookingSession]
) -> bytes:
    with translation.override(pdf_language(translation.get_language())):
        return document_pdf(
            booking_document(booking=booking, show_name=show_name, kind=kind, sessions=sessions)
        )
