"""Write a month's personal budget statements to a file, for one council or every council."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from flourish.accounts.models import Organisation, OrganisationKind
from flourish.budgets.statements import month_bounds, statement_rows
from flourish.core.spreadsheets import csv_lines, xlsx_write


class Command(BaseCommand):
    help = "Write a month's personal budget statements as CSV or XLSX."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--council", help="The council's slug; every council's if left out.")
        parser.add_argument("--period", required=True, help="The month, as YYYY-MM.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True, help="The file to write.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start, end = month_bounds(options["period"])
        except ValueError as error:
            raise CommandError("Give the month as YYYY-MM, for example 2026-03.") from error
        council = None
        if options["council"]:
            council = Organisation.objects.filter(
                slug=options["council"], kind=OrganisationKind.COUNCIL
            ).first()
            if council is None:
                raise CommandError(f"No council has the slug {options['council']!r}.")
        rows = statement_rows(council=council, start=start, end=end)
        count = -1
        if options["format"] == "xlsx":

            def counted() -> Any:
                nonlocal count
                for row in rows:
                    count += 1
                    yield row

            xlsx_write(counted(), options["output"], title=options["period"])
        else:
            with open(options["output"], "w", encoding="utf-8", newline="") as output:
                for count, line in enumerate(csv_lines(rows)):  # noqa: B007
                    output.write(line)
        self.stdout.write(f"Wrote {max(count, 0)} rows to {options['output']}.")
