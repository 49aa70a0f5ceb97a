"""Background tasks for personal budgets (the Django 6 tasks API, through the backport)."""

from django.utils import timezone
from django_tasks import task

from flourish.budgets.services.budgets import budget_periods_pay


@task()
def budget_periods() -> int:
    """Run daily: pay each budget the periods that have begun, catching up any missed run."""
    return budget_periods_pay(today=timezone.localdate())
