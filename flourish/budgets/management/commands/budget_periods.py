"""Pay personal budgets the periods that have begun (run once a day, for example from cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from flourish.budgets.services.budgets import budget_periods_pay
from flourish.budgets.services.pools import proposals_settle


class Command(BaseCommand):
    help = "Pay each personal budget every period that has begun and is not yet paid."

    def handle(self, *args: Any, **options: Any) -> None:
        paid = budget_periods_pay(today=timezone.localdate())
        settled = proposals_settle(now=timezone.now())
        self.stdout.write(f"Paid {paid} budget periods; decided {settled} pool proposals.")
