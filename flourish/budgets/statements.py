"""Statements instead of returns: every movement on a budget in a month, from the ledger,
so nobody keeps accounts by hand and nobody asks for receipts for what was bought here.

Rows are read with a server-side iterator and written one at a time, so a council's
month (or every council's) streams in constant memory however many budgets there are.
"""

import datetime
from collections.abc import Iterator
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts.models import Organisation
from flourish.budgets.models import add_months
from flourish.ledger.models import LedgerEntry

CHUNK = 2_000


def month_bounds(period: str) -> tuple[datetime.date, datetime.date]:
    """The first day of a month given as YYYY-MM, and the first day of the next. Raises
    ValueError for anything else."""
    year, _dash, month = period.partition("-")
    if len(year) != 4 or len(month) != 2 or not (year + month).isdigit():
        raise ValueError(period)
    start = datetime.date(int(year), int(month), 1)
    return start, add_months(start, 1)


def header() -> list[str]:
    return [
        _("Council"),
        _("Budget"),
        _("Person"),
        _("How it is held"),
        _("Date"),
        _("What"),
        _("Group"),
        _("Offer"),
        _("Kind of spending"),
        _("Money in (pence)"),
        _("Money out (pence)"),
        _("Balance after (pence)"),
        _("Description"),
        _("Ledger reference"),
    ]


FIELDS = (
    "account__personal_budget__council__name",
    "account__personal_budget__id",
    "account__personal_budget__person__name",
    "account__personal_budget__held_as",
    "transaction__posted_at",
    "transaction__budget_period__id",
    "transaction__outside_spending__id",
    "purchase",
    "refund",
    "transaction__pool_contribution__member__pool__name",
    "group_name",
    "outside_what",
    "offer_name",
    "kind_name",
    "amount",
    "balance_after",
    "transaction__description",
    "transaction__idempotency_key",
)


def statement_entries(
    *, council: Organisation | None, start: datetime.date, end: datetime.date
) -> QuerySet[LedgerEntry]:
    """Every entry on a personal budget's account in the month, budget by budget."""
    # A range on the stored time (not its date) lets the database use the index.
    entries = LedgerEntry.objects.filter(
        account__personal_budget__isnull=False,
        transaction__posted_at__gte=_midnight(start),
        transaction__posted_at__lt=_midnight(end),
    )
    if council is not None:
        entries = entries.filter(account__personal_budget__council=council)
    return entries.order_by("account_id", "id")


def _either(field: str) -> Coalesce:
    """A purchase is a one-off booking's payment or one session of a recurring booking."""
    return Coalesce(
        F(f"transaction__budget_booking__{field}"),
        F(f"transaction__budget_session__booking__{field}"),
    )


def _annotated(entries: QuerySet[LedgerEntry]) -> QuerySet[LedgerEntry]:
    return entries.annotate(
        purchase=_either("id"),
        refund=Coalesce(
            F("transaction__reverses__budget_booking__id"),
            F("transaction__reverses__budget_session__booking__id"),
        ),
        group_name=_either("group__name"),
        offer_name=_either("offer__name"),
        kind_name=Coalesce(
            F("transaction__budget_booking__spending_kind__name"),
            F("transaction__budget_session__booking__spending_kind__name"),
            F("transaction__outside_spending__spending_kind__name"),
        ),
        outside_what=F("transaction__outside_spending__what"),
    )


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


def _what(period: Any, outside: Any, booking: Any, refund: Any, pool: Any, amount: int) -> str:
    if period:
        return _("Money in")
    if outside:
        return _("Spent outside Flourish")
    if booking:
        return _("Purchase")
    if refund:
        return _("Refund of a cancelled booking")
    if pool:
        return _("Contribution to a pool") if amount < 0 else _("Back from a pool")
    return _("Other")


def statement_rows(
    *, council: Organisation | None, start: datetime.date, end: datetime.date
) -> Iterator[list[Any]]:
    """The header, then one row per movement, streamed."""
    yield header()
    held = dict(_held_choices())
    for row in (
        _annotated(statement_entries(council=council, start=start, end=end))
        .values_list(*FIELDS)
        .iterator(chunk_size=CHUNK)
    ):
        (
            council_name,
            budget,
            person,
            held_as,
            posted_at,
            period,
            outside,
            booking,
            refund,
            pool,
            group,
            outside_what,
            offer,
            kind,
            amount,
            balance,
            description,
            key,
        ) = row
        yield [
            council_name,
            budget,
            person,
            held.get(held_as, held_as),
            posted_at.date().isoformat(),
            _what(period, outside, booking, refund, pool, amount),
            group or pool or "",
            offer or outside_what or "",
            kind or "",
            amount if amount > 0 else 0,
            -amount if amount < 0 else 0,
            balance,
            description,
            key,
        ]


def _held_choices() -> list[tuple[str, str]]:
    from flourish.budgets.models import HeldAs

    return [(value, str(label)) for value, label in HeldAs.choices]
