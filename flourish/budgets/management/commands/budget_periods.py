"""Pay personal budgets the periods that have begun (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from flourish.budgets.services.bookings import booking_sessions_pay
from flourish.budgets.services.budgets import budget_periods_pay
from flourish.budgets.services.pools import proposals_settle
from flourish.budgets.services.statements import statements_month_end


class Command(BaseCommand):
    help = (
        "Pay each personal budget every period that has begun and is not yet paid, then "
        "each booked session that has fallen due, and the statements for months that ended."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        paid = budget_periods_pay(today=today)
        # After the money in, so a session due today can be paid from today's period.
        sessions = booking_sessions_pay(today=today)
        settled = proposals_settle(now=timezone.now())
        statements = statements_month_end(today=today)
        self.stdout.write(
            f"Paid {paid} budget periods and {sessions} booked sessions; "
            f"decided {settled} pool proposals; made {statements} months of statements."
        )
