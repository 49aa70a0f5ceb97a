"""A member's statement, each line drawn once and kept, and the coordinator's dashboard
lists, drawn once for what they show (`core/fragments.py`).

Fifty lines, each with a date, a description in the reader's language and two lengths
of time in words, were half of the statement page's time. The ledger never changes a
line once written, so a line is found again by what tells it apart
(`selectors.exchanges.statement_lines`), and its entry and transaction are read only
when a line is not kept: for the first reader of a new exchange, or in a new language.

The dashboard's four lists (twenty members past the warning level, each with a link
and a balance in words) were half of its drawing; they change far less often than a
coordinator looks.
"""

from collections.abc import Sequence
from typing import Any

from django.utils.safestring import SafeString

from flourish.core.fragments import drawn_once
from flourish.ledger.models import LedgerEntry
from flourish.timebank.selectors.dashboard import Dashboard


def drawn_statement_rows(lines: Sequence[Any]) -> list[SafeString]:
    """The statement's lines as table rows, in order."""
    entries: dict[int, LedgerEntry] = {}

    def context(line: Any) -> dict[str, Any]:
        if not entries:
            # The first line not kept reads the whole page's entries, in one query.
            wanted = [each.pk for each in lines]
            entries.update(LedgerEntry.objects.select_related("transaction").in_bulk(wanted))
        return {"entry": entries[line.pk]}

    return drawn_once(
        lines,
        kind="timebank-statement-row",
        templates=("timebank/_statement_row.html",),
        content=list,
        context=context,
    )


def drawn_dashboard_lists(dashboard: Dashboard, *, timebank_slug: str) -> SafeString:
    """Who is asking to join, disputes, exchanges waiting to be confirmed, members who may
    like a check-in and checks running out, as the dashboard shows them."""

    def shown(lists: Dashboard) -> list[Any]:
        return [
            timebank_slug,
            lists.reminder_days,
            # Every row as read: each is only what its line shows.
            lists.asking,
            lists.disputed,
            lists.waiting,
            lists.over_soft_limit,
            lists.checks_expiring,
        ]

    [drawn] = drawn_once(
        [dashboard],
        kind="timebank-dashboard-lists",
        templates=("timebank/_dashboard_lists.html",),
        content=shown,
        context=lambda lists: {"dashboard": lists, "timebank": {"slug": timebank_slug}},
    )
    return drawn
