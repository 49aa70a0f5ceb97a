"""Statements instead of returns: every movement on a budget in a month, from the ledger,
so nobody keeps accounts by hand and nobody asks for receipts for what was bought here.

Rows are read with a server-side iterator and written one at a time, so a council's
month (or every council's) streams in constant memory however many budgets there are.
"""

import datetime
from collections.abc import Iterator
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db.models import F, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from flourish.accounts.models import Organisation
from flourish.budgets.models import add_months
from flourish.ledger.descriptions import in_words
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
        _("Note"),
        _("Unspent over the council’s threshold (pence)"),
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
    "transaction__description_message",
    "transaction__description_values",
    "transaction__idempotency_key",
    "statement_note__text",
    "account__personal_budget__council_id",
)


def statement_entries(
    *, council: Organisation | None, start: datetime.date, end: datetime.date
) -> QuerySet[LedgerEntry]:
    """Every entry on a personal budget's account in the month, budget by budget."""
    # A range on the stored time (not its date) lets the database use the index.
    entries = LedgerEntry.objects.filter(
        account__personal_budget__isnull=False,
        transaction__posted_at__gte=midnight(start),
        transaction__posted_at__lt=midnight(end),
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


def midnight(day: datetime.date) -> datetime.datetime:
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
    *,
    council: Organisation | None,
    start: datetime.date,
    end: datetime.date,
    layout: str = "full",
    mapping: list[list[str]] | None = None,
) -> Iterator[list[Any]]:
    """The header, then one row per movement, streamed, in a preset column layout or (with
    `mapping`, a list of [column, heading]) in the council's own."""
    if mapping:
        columns = [(heading, COLUMNS[key][1]) for key, heading in mapping]
    elif layout == "full":
        yield header()
        yield from _full_rows(council=council, start=start, end=end)
        return
    else:
        columns = [COLUMNS[key] for key in LAYOUTS[layout][1]]
    yield [str(label) for label, _pick in columns]
    for row in _full_rows(council=council, start=start, end=end):
        yield [pick(row) for _label, pick in columns]


def _pounds(pence: int) -> Decimal:
    return (Decimal(pence) / 100).quantize(Decimal("0.01"))


# Each column a layout may use: its heading, and how it is read from a full row.
COLUMNS: dict[str, tuple[Any, Any]] = {
    "council": (gettext_lazy("Council"), itemgetter(0)),
    "budget": (gettext_lazy("Budget"), itemgetter(1)),
    "person": (gettext_lazy("Person"), itemgetter(2)),
    "held_as": (gettext_lazy("How it is held"), itemgetter(3)),
    "date": (gettext_lazy("Date"), itemgetter(4)),
    "what": (gettext_lazy("What"), itemgetter(5)),
    "group": (gettext_lazy("Group"), itemgetter(6)),
    "offer": (gettext_lazy("Offer"), itemgetter(7)),
    "kind": (gettext_lazy("Kind of spending"), itemgetter(8)),
    "in_pence": (gettext_lazy("Money in (pence)"), itemgetter(9)),
    "out_pence": (gettext_lazy("Money out (pence)"), itemgetter(10)),
    "balance_pence": (gettext_lazy("Balance after (pence)"), itemgetter(11)),
    "in_pounds": (gettext_lazy("Money in (£)"), lambda row: _pounds(row[9])),
    "out_pounds": (gettext_lazy("Money out (£)"), lambda row: _pounds(row[10])),
    "balance_pounds": (gettext_lazy("Balance after (£)"), lambda row: _pounds(row[11])),
    "net_pounds": (
        gettext_lazy("Amount (£, money out is negative)"),
        lambda row: _pounds(row[9] - row[10]),
    ),
    "description": (gettext_lazy("Description"), itemgetter(12)),
    "reference": (gettext_lazy("Ledger reference"), itemgetter(13)),
    "note": (gettext_lazy("Note"), itemgetter(14)),
    "over_threshold_pence": (
        gettext_lazy("Unspent over the council’s threshold (pence)"),
        itemgetter(15),
    ),
    "over_threshold_pounds": (
        gettext_lazy("Unspent over the council’s threshold (£)"),
        lambda row: _pounds(row[15]) if row[15] != "" else "",
    ),
}

# The name of the council's own saved layout, beside the presets.
OWN = "own"

# The presets a council chooses from: a name, and its columns in order.
LAYOUTS: dict[str, tuple[Any, tuple[str, ...]]] = {
    "full": (gettext_lazy("Everything, amounts in pence"), ()),
    "finance": (
        gettext_lazy("For a finance system: one amount in pounds, money out negative"),
        (
            "budget",
            "person",
            "date",
            "what",
            "kind",
            "net_pounds",
            "reference",
            "note",
            "over_threshold_pounds",
        ),
    ),
    "care": (
        gettext_lazy("For care records: who, what, in and out in pounds"),
        (
            "person",
            "budget",
            "held_as",
            "date",
            "what",
            "group",
            "offer",
            "kind",
            "in_pounds",
            "out_pounds",
            "balance_pounds",
            "note",
            "over_threshold_pounds",
        ),
    ),
}


def _full_rows(
    *, council: Organisation | None, start: datetime.date, end: datetime.date
) -> Iterator[list[Any]]:
    """Each movement, budget by budget; a budget's last line in the month also says how much
    of its balance is over its council's threshold for unspent money (empty elsewhere)."""
    thresholds = _thresholds(council)
    previous: list[Any] | None = None
    previous_council = 0
    for row, council_id in _movements(council=council, start=start, end=end):
        if previous is not None:
            last = row[1] != previous[1]
            yield _with_over(previous, thresholds.get(previous_council), last=last)
        previous, previous_council = row, council_id
    if previous is not None:
        yield _with_over(previous, thresholds.get(previous_council), last=True)


def _with_over(row: list[Any], threshold: int | None, *, last: bool) -> list[Any]:
    over: Any = ""
    if last and threshold is not None:
        over = max(row[11] - threshold, 0)
    return [*row, over]


def _thresholds(council: Organisation | None) -> dict[int, int | None]:
    from flourish.budgets.models import StatementSettings

    found = StatementSettings.objects.filter(unspent_threshold_pence__isnull=False)
    if council is not None:
        found = found.filter(council=council)
    return dict(found.values_list("council_id", "unspent_threshold_pence"))


def _movements(
    *, council: Organisation | None, start: datetime.date, end: datetime.date
) -> Iterator[tuple[list[Any], int]]:
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
            message,
            values,
            key,
            note,
            council_id,
        ) = row
        yield (
            [
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
                # In the language the statement is asked for, like every other word on it.
                in_words(message, values) if message else description,
                key,
                note or "",
            ],
            council_id,
        )


def _held_choices() -> list[tuple[str, str]]:
    from flourish.budgets.models import HeldAs

    return [(value, str(label)) for value, label in HeldAs.choices]
