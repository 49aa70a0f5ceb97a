"""Background tasks for the timebank (the Django 6 tasks API, through the django-tasks
backport)."""

from django_tasks import task

from flourish.timebank.services.checks import check_reminders_send


@task(queue_name="email")
def check_reminders() -> int:
    """Run daily: remind coordinators and members before a safeguarding check runs out."""
    return check_reminders_send()
