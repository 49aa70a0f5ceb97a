"""Background tasks for grants (the Django 6 tasks API, through the django-tasks backport)."""

from django.utils import timezone
from django_tasks import task

from flourish.grants.services.reports import report_due_prompts_offer, report_reminders_send


@task(queue_name="email")
def report_reminders() -> int:
    """Run daily: remind funded groups, gently, about their short report."""
    return report_reminders_send(today=timezone.localdate())


@task(queue_name="default")
def report_due_prompts() -> int:
    """Run daily: put "telling your funder what happened" on the page of each group whose
    report is due within two weeks."""
    return report_due_prompts_offer(today=timezone.localdate())
