"""Write awarded grants as 360Giving JSON, CSV or XLSX, for scripts and publishing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from flourish.grants.models import Programme
from flourish.grants.threesixtygiving import (
    classification_columns_needed,
    grant_records,
    has_grants,
    stream_csv,
    stream_json,
    write_xlsx,
)


class Command(BaseCommand):
    help = "Export awarded grants in the 360Giving Data Standard (1.4.3), streaming to a file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True, help="The file to write, e.g. grants.json")
        parser.add_argument("--programme", default="", help="Only this programme (its slug)")
        parser.add_argument("--format", choices=["csv", "json", "xlsx"], default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["programme"]
        if slug and not Programme.objects.filter(slug=slug, is_published=True).exists():
            raise CommandError(f"There is no published programme called {slug!r}.")
        if not has_grants(programme_slug=slug):
            # A 360Giving file must hold at least one grant: write nothing rather than an
            # invalid file.
            raise CommandError("There are no published grants yet, so no file was written.")
        count = 0

        def counted() -> Any:
            nonlocal count
            for record in grant_records(programme_slug=slug):
                count += 1
                yield record

        columns = classification_columns_needed(programme_slug=slug)
        if options["format"] == "xlsx":
            write_xlsx(counted(), options["output"], classifications=columns)
        else:
            newline = "" if options["format"] == "csv" else None
            with open(options["output"], "w", encoding="utf-8", newline=newline) as output:
                if options["format"] == "csv":
                    chunks = stream_csv(counted(), classifications=columns)
                else:
                    chunks = stream_json(counted())
                for text in chunks:
                    output.write(text)
        self.stdout.write(f"Wrote {count} grants to {options['output']}.")
