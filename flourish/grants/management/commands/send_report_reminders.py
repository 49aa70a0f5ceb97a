"""Queue today's report reminders (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from flourish.grants.tasks import report_reminders


class Command(BaseCommand):
    help = "Queue the reminders to funded groups whose short report is due or overdue."

    def handle(self, *args: Any, **options: Any) -> None:
        result = report_reminders.enqueue()
        self.stdout.write(f"Queued report reminders ({result.id}).")
