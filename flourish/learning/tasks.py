"""Background tasks for learning (the Django 6 tasks API, through the django-tasks backport)."""

from django_tasks import task

from flourish.learning.services.digests import digests_send


@task(queue_name="email")
def circle_digests() -> int:
    """Run daily: email circle members who asked for a daily or weekly digest."""
    return digests_send()
