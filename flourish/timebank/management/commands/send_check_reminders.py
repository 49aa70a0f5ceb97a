"""Queue today's reminders about safeguarding checks (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from flourish.timebank.tasks import check_reminders


class Command(BaseCommand):
    help = "Queue reminders to coordinators and members whose safeguarding check runs out soon."

    def handle(self, *args: Any, **options: Any) -> None:
        result = check_reminders.enqueue()
        self.stdout.write(f"Queued safeguarding check reminders ({result.id}).")
