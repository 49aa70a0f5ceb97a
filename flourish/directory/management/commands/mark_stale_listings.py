"""Mark listings unconfirmed for six months as stale (and ask them), and hide long-stale ones."""

from django.core.management.base import BaseCommand
from django.utils import timezone

from flourish.directory.services.listings import listings_mark_stale


class Command(BaseCommand):
    help = (
        "Listings unconfirmed for six months become stale and their contact is asked to "
        "confirm; listings stale for three more months are hidden. Nothing is deleted. "
        "Run daily (for example from cron)."
    )

    def handle(self, *args: object, **options: object) -> None:
        stale, hidden = listings_mark_stale(now=timezone.now())
        self.stdout.write(f"Marked {stale} listings stale and hid {hidden}.")
