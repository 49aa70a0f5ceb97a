"""A member's statement, each line drawn once for what it shows and kept
(`core/fragments.py`).

Fifty lines, each with a date, a description in the reader's language and two lengths
of time in words, were half of the statement page's time. The ledger never changes a
line once written, so a line's content (its amounts, its balance after, when it was
posted and the words that describe it) is the same every time the member looks.
"""

from typing import Any

from django.utils.safestring import SafeString

from flourish.core.fragments import drawn_once
from flourish.ledger.models import LedgerEntry


def drawn_statement_rows(entries: list[LedgerEntry]) -> list[SafeString]:
    """The statement's lines as table rows, in order."""

    def shown(entry: LedgerEntry) -> list[Any]:
        posted = entry.transaction
        return [
            entry.pk,
            entry.amount,
            entry.balance_after,
            posted.posted_at,
            posted.description,
            posted.description_message,
            posted.description_values,
        ]

    return drawn_once(
        entries,
        kind="timebank-statement-row",
        templates=("timebank/_statement_row.html",),
        content=shown,
        context=lambda entry: {"entry": entry},
    )
