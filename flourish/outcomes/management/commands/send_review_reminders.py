"""Queue today's goal review reminders (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from flourish.outcomes.tasks import review_reminders


class Command(BaseCommand):
    help = "Queue the reminders people set to review their goals, once for each date."

    def handle(self, *args: Any, **options: Any) -> None:
        result = review_reminders.enqueue()
        self.stdout.write(f"Queued goal review reminders ({result.id}).")
