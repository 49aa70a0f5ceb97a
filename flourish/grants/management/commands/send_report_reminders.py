"""Queue today's report reminders (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from flourish.grants.tasks import report_due_prompts, report_reminders


class Command(BaseCommand):
    help = (
        "Queue the reminders to funded groups whose short report is due or overdue, and "
        "the guide to telling a funder what happened for reports due within two weeks."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = report_reminders.enqueue()
        self.stdout.write(f"Queued report reminders ({result.id}).")
        result = report_due_prompts.enqueue()
        self.stdout.write(f"Queued the guide for reports due soon ({result.id}).")
