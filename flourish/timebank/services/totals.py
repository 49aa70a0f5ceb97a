"""The running totals reports read: confirmed exchanges by timebank, day, kind and area."""

from django.db import transaction
from django.db.models import Count, F, QuerySet, Sum

from flourish.timebank.models import Exchange, ExchangeStatus, ExchangeTotal, Timebank


def exchange_totals_add(*, exchange: Exchange, sign: int = 1) -> None:
    """Count an exchange as it is confirmed (sign 1), or take it off when it is corrected
    (sign -1). Called inside the transaction that changes the exchange's status."""
    if exchange.happened_on is None or not exchange.minutes:
        return
    total, _created = ExchangeTotal.objects.get_or_create(
        timebank_id=exchange.timebank_id,
        day=exchange.happened_on,
        help_kind=exchange.help_kind,
        area=exchange.area,
    )
    ExchangeTotal.objects.filter(pk=total.pk).update(
        exchanges=F("exchanges") + sign, minutes=F("minutes") + sign * exchange.minutes
    )


def totals_from_exchanges(exchanges: QuerySet[Exchange]) -> list[ExchangeTotal]:
    """The totals as the confirmed exchanges themselves add up (for a rebuild, or a check)."""
    rows = (
        exchanges.filter(status=ExchangeStatus.CONFIRMED, happened_on__isnull=False)
        .values_list("timebank_id", "happened_on", "help_kind", "area")
        .annotate(n=Count("pk"), m=Sum("minutes"))
        .order_by()
    )
    return [
        ExchangeTotal(
            timebank_id=timebank_id, day=day, help_kind=kind, area=area, exchanges=n, minutes=m or 0
        )
        for timebank_id, day, kind, area, n, m in rows
    ]


@transaction.atomic
def exchange_totals_rebuild(*, timebanks: QuerySet[Timebank] | None = None) -> int:
    """Make the totals again from the exchanges (after a bulk load, or to check them)."""
    chosen = timebanks if timebanks is not None else Timebank.objects.all()
    ExchangeTotal.objects.filter(timebank__in=chosen).delete()
    made = ExchangeTotal.objects.bulk_create(
        totals_from_exchanges(Exchange.objects.filter(timebank__in=chosen)), batch_size=5_000
    )
    return len(made)
