"""Write a timebank report for funders as CSV, small counts hidden.

    python manage.py timebank_report [--timebank SLUG] --from 2026-01-01 --to 2026-12-31 \
        --output report.csv
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from flourish.core.spreadsheets import csv_lines
from flourish.timebank.models import Timebank
from flourish.timebank.selectors.reports import report_rows


def _date(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(
            f"Give dates as YYYY-MM-DD, for example 2026-01-31 (not {text!r})."
        ) from error


class Command(BaseCommand):
    help = "Write a report of members, hours and mentoring as CSV (every timebank's by default)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--timebank", help="the timebank's slug; every timebank's if left out")
        parser.add_argument("--from", dest="start", required=True, type=_date)
        parser.add_argument("--to", dest="end", required=True, type=_date)
        parser.add_argument("--output", required=True, help="the CSV file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        timebanks = Timebank.objects.all()
        if options["timebank"]:
            timebanks = timebanks.filter(slug=options["timebank"])
            if not timebanks.exists():
                raise CommandError(f"There is no timebank called {options['timebank']!r}.")
        if options["start"] > options["end"]:
            raise CommandError("--from must be on or before --to.")
        rows = 0
        with open(options["output"], "w", encoding="utf-8", newline="") as output:
            for line in csv_lines(
                report_rows(timebanks=timebanks, start=options["start"], end=options["end"])
            ):
                output.write(line)
                rows += 1
        self.stdout.write(f"Wrote {rows - 1} rows to {options['output']}.")
