"""Statements made automatically: once a month has ended, each council's statements for it
are written from the ledger and kept, so nobody has to remember to ask for them."""

import datetime
import tempfile

from django.core.files import File
from django.db import IntegrityError, transaction
from django.db.models import Min

from flourish.accounts.models import Organisation
from flourish.budgets import events
from flourish.budgets.models import Budget, MonthlyStatement, add_months
from flourish.budgets.statements import month_bounds, statement_rows
from flourish.core.services import audit_record
from flourish.core.spreadsheets import csv_lines

# A first run on an old database makes up to a year of statements, not every month since.
CATCH_UP_MONTHS = 12


def statement_month_make(*, council: Organisation, period: str) -> MonthlyStatement:
    """Write a council's month of statements as CSV to private storage, once."""
    found = MonthlyStatement.objects.filter(council=council, period=period).first()
    if found is not None:
        return found
    start, end = month_bounds(period)
    rows = -1
    # Spooled to disk past 1 MB, so a large council's month does not sit in memory.
    with tempfile.SpooledTemporaryFile(max_size=1024 * 1024, mode="w+b") as spool:
        for rows, line in enumerate(  # noqa: B007
            csv_lines(statement_rows(council=council, start=start, end=end))
        ):
            spool.write(line.encode("utf-8"))
        spool.seek(0)
        statement = MonthlyStatement(council=council, period=period, rows=max(rows, 0))
        statement.file.save(f"{council.slug}-{period}.csv", File(spool), save=False)
    try:
        with transaction.atomic():
            statement.save()
            audit_record(
                actor=None,
                action=events.STATEMENTS_MADE,
                target=council,
                data={"period": period, "rows": statement.rows},
            )
    except IntegrityError:
        # Another worker made it at the same moment: keep theirs, drop this copy.
        statement.file.storage.delete(statement.file.name)
        return MonthlyStatement.objects.get(council=council, period=period)
    return statement


def statements_month_end(*, today: datetime.date) -> int:
    """Run daily: every council gets the statements for each month that has ended and has
    none yet, so the first run after a month's end makes it and a missed run catches up."""
    this_month = today.replace(day=1)
    made = 0
    firsts = (
        Budget.objects.values("council")
        .annotate(first=Min("starts_on"))
        .values_list("council", "first")
    )
    for council_id, first in firsts:
        council = Organisation.objects.get(pk=council_id)
        month = max(first.replace(day=1), add_months(this_month, -CATCH_UP_MONTHS))
        done = set(
            MonthlyStatement.objects.filter(council=council).values_list("period", flat=True)
        )
        while month < this_month:
            period = month.strftime("%Y-%m")
            if period not in done:
                statement_month_make(council=council, period=period)
                made += 1
            month = add_months(month, 1)
    return made
