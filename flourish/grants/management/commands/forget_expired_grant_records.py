"""Clear erased people's names from grant records whose retention period has ended.

Run daily (cron or the task scheduler). When a person is erased, an awarded
application is kept whole for GRANT_RECORD_RETENTION_YEARS; the erasure's
audit event lists those applications, and this command finishes the job.
"""

from typing import Any

from django.core.management.base import BaseCommand

from flourish.accounts.events import PERSON_ERASED
from flourish.core.models import AuditEvent
from flourish.grants.privacy import kept_records_forget


class Command(BaseCommand):
    help = "Remove erased people's details from grant records kept until now."

    def handle(self, *args: Any, **options: Any) -> None:
        kept: list[int] = []
        for data in AuditEvent.objects.filter(action=PERSON_ERASED).values_list("data", flat=True):
            kept += data.get("kept_applications", [])
        cleared = kept_records_forget(application_ids=kept)
        self.stdout.write(f"Cleared the erased person's details from {cleared} grant records.")
