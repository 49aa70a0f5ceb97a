"""What needs a coordinator now, read as the dashboard shows it: each list and figure as
values, in statements written once for each timebank and day (`core/prepared.py`).

Django took 0.5–1.0 ms to write each of the dashboard's six statements and PostgreSQL
about 0.2 ms to run one, and the members, people and checks made from their rows were
read only for a name, a date or a balance. The lists are drawn once for what they show
(`timebank/drawn.py`).
"""

import datetime
from dataclasses import dataclass
from typing import Any, NamedTuple

from django.conf import settings
from django.db.models import Count, Model
from django.utils import timezone

from flourish.accounts.models import person_named
from flourish.core.prepared import rows_written_once
from flourish.ledger.models import LedgerAccount
from flourish.timebank.models import (
    CheckKind,
    Exchange,
    ExchangeStatus,
    MemberCheck,
    MemberStatus,
    Timebank,
    TimebankMember,
)
from flourish.timebank.models.exchanges import exchange_headline
from flourish.timebank.selectors.exchanges import members_past_soft_limit
from flourish.timebank.services.accounts import ORGANISATION_PURPOSE, POT_PURPOSE
from flourish.timebank.services.checks import current_checks

DASHBOARD_ROWS = 20


def _named(name: str | None, email: str | None) -> str | None:
    """A person as every page names them; None where there is no one (nobody recorded
    the request for them)."""
    return None if email is None else person_named(name or "", email)


class Asking(NamedTuple):
    """Someone asking to join, and who recorded it for them if anyone did."""

    pk: int
    area: str
    name: str
    email: str
    recorder_name: str | None
    recorder_email: str | None

    def __str__(self) -> str:
        return _named(self.name, self.email) or ""

    @property
    def recorded_by(self) -> str | None:
        return _named(self.recorder_name, self.recorder_email)


class ExchangeLine(NamedTuple):
    """An exchange on the dashboard (disputed, or waiting to be confirmed): what it was,
    and who gave it."""

    pk: int
    kind: str
    mentoring: bool
    description: str
    giver_name: str | None
    giver_email: str | None

    @property
    def headline(self) -> str:
        return exchange_headline(self.kind, self.mentoring, self.description)

    @property
    def giver(self) -> str | None:
        return _named(self.giver_name, self.giver_email)


class PastWarning(NamedTuple):
    """A member who has received more than the timebank's warning level."""

    pk: int
    name: str
    email: str
    balance: int

    def __str__(self) -> str:
        return _named(self.name, self.email) or ""


class RunningOut(NamedTuple):
    """A member's check that runs out soon, and whether the reminder for it has gone."""

    member_id: int
    name: str
    email: str
    kind: str
    expires_on: datetime.date
    reminded_for: datetime.date | None
    reminded_at: datetime.datetime | None

    @property
    def member(self) -> str:
        return _named(self.name, self.email) or ""

    def get_kind_display(self) -> str:
        return str(CheckKind(self.kind).label)


@dataclass(frozen=True)
class Dashboard:
    members: int
    asking: list[Asking]
    disputed: list[ExchangeLine]
    # Recorded, waiting for the people helped: oldest first, to follow up by phone.
    waiting: list[ExchangeLine]
    over_soft_limit: list[PastWarning]
    checks_expiring: list[RunningOut]
    reminder_days: int
    pot_balance: int
    organisation_balance: int


def _first_in_status(
    model: type[Model],
    *,
    timebank_pk: int,
    status: str,
    order: str,
    reads: tuple[str, ...],
) -> list[Any]:
    """The timebank's first rows of `model` in `status`, each as the values `reads`."""
    return rows_written_once(
        lambda: (
            model.objects.filter(timebank_id=timebank_pk)  # type: ignore[attr-defined]
            .filter(status=status)
            .order_by(order)
            .values_list(*reads)[:DASHBOARD_ROWS]
        ),
        [timebank_pk, status],
        name=f"dashboard: {model._meta.label} {status}",
        model=model,
    )


def coordinator_dashboard(*, timebank: Timebank, today: datetime.date | None = None) -> Dashboard:
    """What needs the coordinator now: people asking to join, disputes, exchanges waiting
    for the people helped to confirm, members past the
    soft limit, and checks running out within the reminder window (30 days unless set),
    with whether the reminder has gone. Each list reads only what the dashboard shows of
    each person: their name."""
    today = today or timezone.localdate()
    days = settings.TIMEBANK_CHECK_REMINDER_DAYS
    pk = timebank.pk
    counted = rows_written_once(
        lambda: (
            TimebankMember.objects.filter(timebank_id=pk)
            .filter(status=MemberStatus.APPROVED)
            .order_by()  # a count needs no order, nor the joins a member's order takes
            .values("timebank")
            .annotate(n=Count("pk"))
            .values_list("n")
        ),
        [pk, MemberStatus.APPROVED],
        name="dashboard: members",
        model=TimebankMember,
    )
    asking = _first_in_status(
        TimebankMember,
        timebank_pk=pk,
        status=MemberStatus.ASKED,
        order="created_at",
        reads=(
            *("pk", "area", "user__name", "user__email"),
            *("recorded_by__name", "recorded_by__email"),
        ),
    )
    exchange_line = (
        *("pk", "kind", "mentoring", "description"),
        *("giver__user__name", "giver__user__email"),
    )
    disputed = _first_in_status(
        Exchange, timebank_pk=pk, status=ExchangeStatus.DISPUTED, order="id", reads=exchange_line
    )
    waiting = _first_in_status(
        Exchange, timebank_pk=pk, status=ExchangeStatus.RECORDED, order="id", reads=exchange_line
    )
    over = rows_written_once(
        lambda: members_past_soft_limit(timebank=timebank).values_list(
            "pk", "user__name", "user__email", "account__balance"
        )[:DASHBOARD_ROWS],
        [pk, MemberStatus.APPROVED],
        name="dashboard: past the warning level",
        model=TimebankMember,
    )
    soon = today + datetime.timedelta(days=days)
    expiring = rows_written_once(
        lambda: (
            current_checks()
            .filter(member__timebank_id=pk)
            .filter(member__status=MemberStatus.APPROVED, expires_on__lte=soon)
            .order_by("expires_on")
            .values_list(
                "member_id",
                "member__user__name",
                "member__user__email",
                "kind",
                "expires_on",
                "reminded_for",
                "reminded_at",
            )[:DASHBOARD_ROWS]
        ),
        # The 1 is Django's own: "SELECT 1" in "no newer check of this kind exists".
        [1, pk, soon, MemberStatus.APPROVED],
        name="dashboard: checks running out",
        model=MemberCheck,
    )
    balances = dict(
        rows_written_once(
            lambda: (
                LedgerAccount.objects.filter(
                    owner_type__app_label="timebank", owner_type__model="timebank"
                )
                .filter(owner_id=str(pk), purpose__in=[POT_PURPOSE, ORGANISATION_PURPOSE])
                .values_list("purpose", "balance")
            ),
            ["timebank", "timebank", str(pk), POT_PURPOSE, ORGANISATION_PURPOSE],
            name="dashboard: balances",
            model=LedgerAccount,
        )
    )
    return Dashboard(
        members=counted[0][0] if counted else 0,
        asking=[Asking(*row) for row in asking],
        disputed=[ExchangeLine(*row) for row in disputed],
        waiting=[ExchangeLine(*row) for row in waiting],
        over_soft_limit=[PastWarning(*row) for row in over],
        checks_expiring=[RunningOut(*row) for row in expiring],
        reminder_days=days,
        pot_balance=balances.get(POT_PURPOSE, 0),
        organisation_balance=balances.get(ORGANISATION_PURPOSE, 0),
    )
