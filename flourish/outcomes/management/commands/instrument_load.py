"""python manage.py instrument_load FILE: load a wellbeing instrument's definition file."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from flourish.outcomes.instruments import InstrumentError, definition_read
from flourish.outcomes.services.checkins import instrument_load


class Command(BaseCommand):
    help = "Load (or replace) a wellbeing instrument from a definition file (docs/outcomes.md)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            definition = definition_read(path)
        except InstrumentError as error:
            raise CommandError(f"{path} was not loaded. {error}") from error
        instrument = instrument_load(definition=definition)
        items = len(definition["items"])
        self.stdout.write(f"Loaded {instrument.name} ({instrument.slug}), {items} items.")
