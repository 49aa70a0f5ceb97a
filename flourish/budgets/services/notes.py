"""Notes on statement lines: the person (or a broker who may see the budget) explains a line
in their own words before the month's statement is sent; once it is sent, it stays as sent."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.budgets import events
from flourish.budgets.models import Budget, MonthlyStatement, StatementNote
from flourish.core.services import audit_record
from flourish.ledger.models import LedgerEntry

NOTE_MAX_LENGTH = 500


def entry_period(entry: LedgerEntry) -> str:
    """The month (YYYY-MM) whose statement a line is on, in local time like the statements."""
    return str(timezone.localtime(entry.transaction.posted_at).strftime("%Y-%m"))


def statement_sent(*, budget: Budget, period: str) -> MonthlyStatement | None:
    """The council's statement for the month, if it has been made and sent."""
    return MonthlyStatement.objects.filter(council_id=budget.council_id, period=period).first()


def statement_note_save(
    *, budget: Budget, entry: LedgerEntry, text: str, actor: Any
) -> StatementNote | None:
    """Add, change or (with empty text) remove a note on a line, only before the month's
    statement is sent."""
    text = text.strip()
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationError(
            {
                "text": _("Keep the note to %(most)s characters or fewer.")
                % {"most": NOTE_MAX_LENGTH}
            }
        )
    period = entry_period(entry)
    with transaction.atomic():
        # The budget's row lock makes two saves of the same line take turns. A statement
        # being made at this very moment may miss a note saved in the same second: the
        # month ended a day before, so we accept that.
        Budget.objects.select_for_update().filter(pk=budget.pk).first()
        if statement_sent(budget=budget, period=period) is not None:
            raise ValidationError(
                _(
                    "The statement for this month has been sent to the council, so its lines "
                    "can no longer have notes. Add a note to a line on this month’s statement "
                    "instead."
                )
            )
        note = StatementNote.objects.filter(entry=entry).first()
        if not text:
            if note is not None:
                note.delete()
                _audit(actor, budget, entry, period, removed=True)
            return None
        if note is None:
            note = StatementNote(entry=entry, budget=budget)
        note.text = text
        note.written_by = actor
        note.full_clean()
        note.save()
        _audit(actor, budget, entry, period, removed=False)
    return note


def _audit(actor: Any, budget: Budget, entry: LedgerEntry, period: str, *, removed: bool) -> None:
    # The note's words stay out of the audit log: they can be about the person's health.
    audit_record(
        actor=actor,
        action=events.STATEMENT_NOTE_SAVED,
        target=budget,
        data={"entry": entry.pk, "period": period, "removed": removed},
    )
