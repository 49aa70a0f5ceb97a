"""Queue the circles' email digests (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand

from flourish.learning.tasks import circle_digests


class Command(BaseCommand):
    help = (
        "Queue the email digests of what is new in each circle, for members who chose "
        "daily or weekly (weekly ones go a week after the last)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        result = circle_digests.enqueue()
        self.stdout.write(f"Queued the circle digests ({result.id}).")
