"""Background tasks for personal budgets (the Django 6 tasks API, through the backport)."""

from django.utils import timezone
from django_tasks import task

from flourish.budgets.services.bookings import booking_sessions_pay
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.budgets.services.pools import proposals_settle
from flourish.budgets.services.statements import statements_month_end


@task()
def budget_periods() -> int:
    """Run daily: pay each budget the periods that have begun, catching up any missed run."""
    return budget_periods_pay(today=timezone.localdate())


@task()
def booking_sessions() -> int:
    """Run daily, after `budget_periods`: pay each recurring booking's sessions that have
    fallen due, once each, catching up any missed run."""
    return booking_sessions_pay(today=timezone.localdate())


@task()
def pool_proposals() -> int:
    """Run daily: decide the pool proposals whose time for objections or votes is up."""
    return proposals_settle(now=timezone.now())


@task()
def monthly_statements() -> int:
    """Run daily: make each council's statements for a month once it has ended."""
    return statements_month_end(today=timezone.localdate())
