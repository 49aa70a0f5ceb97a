"""Write awarded grants as 360Giving JSON, CSV or XLSX, for scripts and publishing."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from flourish.grants.models import Programme
from flourish.grants.threesixtygiving import grant_records, stream_csv, stream_json, write_xlsx

TEXT_FORMATS = {"json": stream_json, "csv": stream_csv}


class Command(BaseCommand):
    help = "Export awarded grants in the 360Giving Data Standard (1.4.3), streaming to a file."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--output", required=True, help="The file to write, e.g. grants.json")
        parser.add_argument("--programme", default="", help="Only this programme (its slug)")
        parser.add_argument("--format", choices=sorted([*TEXT_FORMATS, "xlsx"]), default="json")

    def handle(self, *args: Any, **options: Any) -> None:
        slug = options["programme"]
        if slug and not Programme.objects.filter(slug=slug).exists():
            raise CommandError(f"There is no programme called {slug!r}.")
        count = 0

        def counted() -> Any:
            nonlocal count
            for record in grant_records(programme_slug=slug):
                count += 1
                yield record

        if options["format"] == "xlsx":
            write_xlsx(counted(), options["output"])
        else:
            newline = "" if options["format"] == "csv" else None
            with open(options["output"], "w", encoding="utf-8", newline=newline) as output:
                for text in TEXT_FORMATS[options["format"]](counted()):
                    output.write(text)
        self.stdout.write(f"Wrote {count} grants to {options['output']}.")
