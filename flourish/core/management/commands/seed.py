"""Load the demo data: made-up people, groups and money. Safe to run again."""

from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Each app that has demo data offers `demo.build(stdout)`; order matters,
# because grants need groups and funders, and payments need ledger accounts.
DEMO_MODULES = [
    "flourish.accounts.demo",
    "flourish.ledger.demo",
    "flourish.directory.demo",
    "flourish.grants.demo",
    "flourish.timebank.demo",
    "flourish.learning.demo",
    "flourish.budgets.demo",
    "flourish.demand.demo",
    "flourish.outcomes.demo",
]


class Command(BaseCommand):
    help = "Load demo data built from the factories (made-up people only). Idempotent."

    def handle(self, *args: object, **options: object) -> None:
        if settings.IS_PRODUCTION:
            raise CommandError("Demo data is for development only; FLOURISH_ENV is production.")
        for module_name in DEMO_MODULES:
            try:
                module = import_module(module_name)
            except ModuleNotFoundError as error:
                if error.name != module_name:
                    raise
                continue  # that area has no demo data yet
            with transaction.atomic():
                module.build(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        import_module("flourish.accounts.demo").sign_ins(self.stdout)
