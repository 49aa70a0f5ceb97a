"""Write a month's personal budget statements to a file, for one council or every council."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from flourish.accounts.models import Organisation, OrganisationKind
from flourish.budgets.services.councils import statement_settings
from flourish.budgets.statements import LAYOUTS, OWN, month_bounds, statement_rows
from flourish.core.spreadsheets import csv_lines, xlsx_write


class Command(BaseCommand):
    help = "Write a month's personal budget statements as CSV or XLSX."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--council", help="The council's slug; every council's if left out.")
        parser.add_argument("--period", required=True, help="The month, as YYYY-MM.")
        parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
        parser.add_argument("--output", required=True, help="The file to write.")
        parser.add_argument(
            "--layout",
            choices=[*LAYOUTS, OWN],
            help="The columns: a preset, or the council's own (the default when it has saved "
            "one; needs --council). Everything in pence otherwise.",
        )

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
        layout, mapping = self._layout(council, options["layout"])
        rows = statement_rows(council=council, start=start, end=end, layout=layout, mapping=mapping)
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

    def _layout(self, council: Organisation | None, asked: str | None) -> tuple[str, Any]:
        """The preset asked for, or the council's own columns when asked for or saved."""
        mapping = statement_settings(council=council).columns if council is not None else []
        if asked == OWN and not mapping:
            raise CommandError(
                "Only a council that has saved its own columns has that layout: give --council "
                "with the slug of one that has, or choose a preset."
            )
        if asked in (None, OWN) and mapping:
            return OWN, mapping
        return asked or "full", None
