"""Background tasks for outcomes (the Django 6 tasks API, through the django-tasks backport)."""

from django_tasks import task

from flourish.outcomes.services.reminders import review_reminders_send


@task(queue_name="email")
def review_reminders() -> int:
    """Run daily: send the goal review reminders people set for themselves."""
    return review_reminders_send()
