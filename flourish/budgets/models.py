"""Personal budgets: the council's record of a person's budget, their support plan in their
own words, and each period's money arriving on the ledger.

The money itself lives only in the ledger: a budget has one ledger account, and every
payment in or out is a ledger transaction whose key names the business event.
"""

import calendar
import datetime
from uuid import uuid4

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel


class Period(models.TextChoices):
    WEEKLY = "weekly", _("Every week")
    FOUR_WEEKLY = "four_weekly", _("Every four weeks")
    MONTHLY = "monthly", _("Every month")
    YEARLY = "yearly", _("Every year")


class HeldAs(models.TextChoices):
    DIRECT_PAYMENT = "direct_payment", _("Direct payment to the person")
    NOMINATED = "nominated", _("Direct payment to a nominated person acting for them")
    MANAGED_ACCOUNT = "managed_account", _("Managed account held by an organisation")
    SERVICE_FUND = "service_fund", _("Individual service fund held by a provider")
    COUNCIL_MANAGED = "council_managed", _("Managed by the council")


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day so many months on, or the month's last day when it is shorter."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


class Budget(TimeStampedModel):
    """A person's personal budget, recorded by their council."""

    council = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="personal_budgets"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="personal_budgets"
    )
    amount_pence = models.PositiveIntegerField(_("amount each period"))
    period = models.CharField(_("how often it is paid"), max_length=20, choices=Period.choices)
    starts_on = models.DateField(_("start date"))
    ends_on = models.DateField(_("end date"), null=True, blank=True)
    held_as = models.CharField(_("how it is held"), max_length=20, choices=HeldAs.choices)
    held_by = models.CharField(
        _("who holds it"),
        max_length=200,
        blank=True,
        help_text=_("The nominated person, or the organisation or provider that holds it."),
    )
    # Set in the same database transaction as the budget is saved (the account is owned by
    # the budget, so it needs the budget's key first).
    account = models.OneToOneField(
        "ledger.LedgerAccount",
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="personal_budget",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["council", "id"], name="budgets_budget_council_id")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="budgets_budget_amount_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="budgets_budget_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return str(_("Personal budget %(number)s") % {"number": self.pk})

    def period_start(self, number: int) -> datetime.date:
        """The first day of period `number` (0 is the first period)."""
        if self.period == Period.WEEKLY:
            return self.starts_on + datetime.timedelta(weeks=number)
        if self.period == Period.FOUR_WEEKLY:
            return self.starts_on + datetime.timedelta(weeks=4 * number)
        if self.period == Period.MONTHLY:
            return add_months(self.starts_on, number)
        return add_months(self.starts_on, 12 * number)

    def period_for(self, day: datetime.date) -> int | None:
        """The number of the period a day falls in, or None before the start or after the end."""
        if day < self.starts_on or (self.ends_on is not None and day > self.ends_on):
            return None
        if self.period == Period.WEEKLY:
            return (day - self.starts_on).days // 7
        if self.period == Period.FOUR_WEEKLY:
            return (day - self.starts_on).days // 28
        step = 1 if self.period == Period.MONTHLY else 12
        number = ((day.year - self.starts_on.year) * 12 + day.month - self.starts_on.month) // step
        while number > 0 and self.period_start(number) > day:
            number -= 1
        return number


class SupportPlan(TimeStampedModel):
    """The person's support plan, in their own words. Health information: encrypted."""

    budget = models.OneToOneField(Budget, on_delete=models.CASCADE, related_name="plan")
    what_matters = EncryptedTextField(_("What matters to you"), blank=True)
    outcomes = EncryptedTextField(
        _("The outcomes you want"),
        blank=True,
        help_text=_("One on each line, in your own words."),
    )
    not_paid_for = EncryptedTextField(_("What the council will not pay for"), blank=True)

    def __str__(self) -> str:
        return str(_("Support plan for %(budget)s") % {"budget": self.budget})

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]


class SpendingKind(models.Model):
    """A kind of spending agreed in the plan, with an amount each period or a share."""

    plan = models.ForeignKey(SupportPlan, on_delete=models.CASCADE, related_name="spending_kinds")
    name = models.CharField(_("kind of spending"), max_length=200)
    amount_pence = models.PositiveIntegerField(_("amount each period"), null=True, blank=True)
    share_percent = models.PositiveSmallIntegerField(
        _("share of the budget"), null=True, blank=True
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(share_percent__isnull=True) | models.Q(share_percent__lte=100),
                name="budgets_spending_share_at_most_all",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PaidPeriod(models.Model):
    """One period's money, paid into the budget once, by the scheduled task."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="paid_periods")
    number = models.PositiveIntegerField()
    starts_on = models.DateField()
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction", on_delete=models.PROTECT, related_name="budget_period"
    )

    class Meta:
        ordering = ["budget", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["budget", "number"], name="budgets_one_payment_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.budget} #{self.number}"


class BookingStatus(models.TextChoices):
    ASKED = "asked", _("Waiting for the group")
    CONFIRMED = "confirmed", _("Confirmed and paid")
    DECLINED = "declined", _("Declined by the group")
    CANCELLED = "cancelled", _("Cancelled")


class Repeat(models.TextChoices):
    ONCE = "once", _("Just once")
    WEEKLY = "weekly", _("Every week")
    TWO_WEEKLY = "two_weekly", _("Every two weeks")
    FOUR_WEEKLY = "four_weekly", _("Every four weeks")


REPEAT_DAYS: dict[str, int] = {Repeat.WEEKLY: 7, Repeat.TWO_WEEKLY: 14, Repeat.FOUR_WEEKLY: 28}
MIN_SESSIONS, MAX_SESSIONS = 2, 52


class Booking(TimeStampedModel):
    """A budget holder (or their broker) books a group's offer; money moves only when the
    group confirms, as one ledger transaction, and a cancellation before the session
    reverses it."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="bookings")
    offer = models.ForeignKey(
        "directory.Offer", on_delete=models.PROTECT, related_name="budget_bookings"
    )
    group = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="budget_bookings"
    )
    session_on = models.DateField(_("date of the first session"))
    quantity = models.PositiveSmallIntegerField(_("how many"), default=1)
    price_pence = models.PositiveIntegerField()
    sessions_per_price = models.PositiveSmallIntegerField(default=1)
    amount_pence = models.PositiveIntegerField()
    # A recurring booking pays `each_pence` once per session, `sessions` times in all, so
    # `amount_pence` is the whole; a one-off booking is one session costing the whole.
    repeat = models.CharField(
        _("how often"), max_length=20, choices=Repeat.choices, default=Repeat.ONCE
    )
    sessions = models.PositiveSmallIntegerField(_("how many sessions"), default=1)
    each_pence = models.PositiveIntegerField(default=0)
    spending_kind = models.ForeignKey(
        SpendingKind, null=True, blank=True, on_delete=models.SET_NULL, related_name="bookings"
    )
    share_name = models.BooleanField(_("the group may see my name"), default=True)
    # The booking form's own mark: the same form sent twice (a double click, a page sent
    # again from the browser's history) books once.
    asked_with = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        max_length=20, choices=BookingStatus.choices, default=BookingStatus.ASKED, db_index=True
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="budget_bookings_made"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The group, or the holding partner that holds money for it (set when paid).
    paid_to = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    payment = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_booking",
    )
    reversal = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_booking_reversed",
    )

    class Meta:
        ordering = ["-session_on", "-id"]
        indexes = [
            models.Index(fields=["budget", "status"], name="budgets_booking_budget_status"),
            models.Index(fields=["group", "status", "id"], name="budgets_booking_group_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0, quantity__gte=1),
                name="budgets_booking_costs_something",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="confirmed") | models.Q(payment__isnull=False),
                name="budgets_confirmed_booking_is_paid",
            ),
            models.CheckConstraint(
                condition=models.Q(repeat="once", sessions=1)
                | (~models.Q(repeat="once") & models.Q(sessions__gte=2, sessions__lte=52)),
                name="budgets_booking_sessions_fit_repeat",
            ),
            models.UniqueConstraint(
                fields=["budget", "asked_with"],
                condition=~models.Q(asked_with=""),
                name="budgets_booking_asked_once",
            ),
        ]

    def __str__(self) -> str:
        return str(self.offer)

    @property
    def by_broker(self) -> bool:
        return self.booked_by_id != self.budget.person_id

    @property
    def is_recurring(self) -> bool:
        return self.repeat != Repeat.ONCE

    @property
    def held_by_partner(self) -> bool:
        return self.paid_to_id is not None and self.paid_to_id != self.group_id

    def session_dates(self) -> list[datetime.date]:
        """The day of each session, the first on `session_on`."""
        step = datetime.timedelta(days=REPEAT_DAYS.get(self.repeat, 0))
        return [self.session_on + step * number for number in range(self.sessions)]


class BookingSession(models.Model):
    """One session of a recurring booking: paid once, on the day it falls due (the first on
    confirmation); if the rest are cancelled, only sessions still to come are refunded."""

    booking = models.ForeignKey(Booking, on_delete=models.PROTECT, related_name="session_list")
    number = models.PositiveSmallIntegerField()
    session_on = models.DateField()
    payment = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_session",
    )
    reversal = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_session_reversed",
    )
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["booking", "number"]
        indexes = [models.Index(fields=["session_on"], name="budgets_session_due")]
        constraints = [
            models.UniqueConstraint(fields=["booking", "number"], name="budgets_one_row_a_session")
        ]

    def __str__(self) -> str:
        return f"{self.booking} #{self.number + 1}"

    @property
    def state(self) -> str:
        if self.reversal_id is not None or self.cancelled_at is not None:
            return str(_("Cancelled"))
        if self.payment_id is not None:
            return str(_("Paid"))
        return str(_("To be paid on the day"))


class BrokerConsent(TimeStampedModel):
    """The budget holder's permission for a broker (an independent broker, a group acting as
    one, family or a friend) to see the budget and plan and, if chosen, book and pay up to a
    limit each month, until a date. The person can withdraw it at any time."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="broker_consents")
    broker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="budget_consents"
    )
    may_book = models.BooleanField(_("may book and pay"), default=True)
    may_vote = models.BooleanField(_("may vote in pools for me"), default=False)
    monthly_limit_pence = models.PositiveIntegerField(_("most they may spend each month"))
    ends_on = models.DateField(_("until"))
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    given_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["broker", "ends_on"], name="budgets_consent_broker")]

    def __str__(self) -> str:
        return f"{self.broker} → {self.budget}"

    def is_active(self, today: datetime.date) -> bool:
        return self.withdrawn_at is None and self.ends_on >= today


class PoolRule(models.TextChoices):
    CONSENT = "consent", _("Consent: it passes unless someone objects in time")
    MAJORITY = "majority", _("Majority: more than half the members say yes")


class Pool(TimeStampedModel):
    """Two or more budget holders pooling part of their budgets for something they share,
    deciding together how it is spent."""

    name = models.CharField(_("name of the pool"), max_length=200)
    purpose = models.TextField(_("what it is for"))
    rule = models.CharField(_("how you decide"), max_length=20, choices=PoolRule.choices)
    quorum = models.PositiveSmallIntegerField(_("fewest votes for a decision"), default=2)
    decide_days = models.PositiveSmallIntegerField(_("days to decide"), default=7)
    invite_code = models.UUIDField(default=uuid4, unique=True, editable=False)
    account = models.OneToOneField(
        "ledger.LedgerAccount",
        null=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="budget_pool",
    )

    class Meta:
        ordering = ["name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(quorum__gte=1, decide_days__gte=1),
                name="budgets_pool_quorum_and_days",
            )
        ]

    def __str__(self) -> str:
        return self.name


class PoolMember(TimeStampedModel):
    """A budget in a pool: its agreed contribution each period, tied to one of the person's
    own outcomes, with their consent recorded."""

    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="members")
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="pool_places")
    contribution_pence = models.PositiveIntegerField(_("your contribution each period"))
    outcome = models.CharField(_("which of your outcomes it serves"), max_length=300)
    consented_at = models.DateTimeField()
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["pool", "budget"], name="budgets_one_place_a_pool"),
            models.CheckConstraint(
                condition=models.Q(contribution_pence__gt=0),
                name="budgets_pool_contribution_positive",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget} in {self.pool}"


class PoolContribution(models.Model):
    """One period's contribution from a member's budget into the pool."""

    member = models.ForeignKey(PoolMember, on_delete=models.PROTECT, related_name="contributions")
    number = models.PositiveIntegerField()
    amount_pence = models.PositiveIntegerField()
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction", on_delete=models.PROTECT, related_name="pool_contribution"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["member", "number"], name="budgets_one_contribution_a_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} #{self.number}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open for votes")
    PAID = "paid", _("Agreed and paid")
    REJECTED = "rejected", _("Not agreed")
    NOT_PAID = "not_paid", _("Agreed, but the pool could not cover it")


class Proposal(TimeStampedModel):
    """A member proposes paying a group from the pool: what, how much, why, and which
    outcomes it serves."""

    pool = models.ForeignKey(Pool, on_delete=models.PROTECT, related_name="proposals")
    proposed_by = models.ForeignKey(PoolMember, on_delete=models.PROTECT, related_name="+")
    offer = models.ForeignKey("directory.Offer", on_delete=models.PROTECT, related_name="+")
    group = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    amount_pence = models.PositiveIntegerField(_("how much"))
    why = models.TextField(_("why"))
    outcomes = models.TextField(_("which outcomes it serves"), blank=True)
    closes_at = models.DateTimeField()
    status = models.CharField(
        max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN, db_index=True
    )
    what_happened = models.TextField(_("what came of it"), blank=True)
    # The group, or the holding partner that holds money for it (set when paid).
    paid_to = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    payment = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pool_proposal",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="budgets_proposal_amount_positive"
            )
        ]

    def __str__(self) -> str:
        return str(self.offer)

    @property
    def held_by_partner(self) -> bool:
        return self.paid_to_id is not None and self.paid_to_id != self.group_id


class Vote(TimeStampedModel):
    """One member, one vote, cast by the member or a broker they allowed to vote."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="votes")
    member = models.ForeignKey(PoolMember, on_delete=models.PROTECT, related_name="votes")
    in_favour = models.BooleanField()
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "member"], name="budgets_one_vote_each")
        ]


class PoolShare(models.Model):
    """A member's share of one pool payment, in proportion to what they had put in and not
    yet spent."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="shares")
    member = models.ForeignKey(PoolMember, on_delete=models.PROTECT, related_name="shares")
    amount_pence = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.member}: {self.amount_pence}"


def _receipt_path(spending: "OutsideSpending", filename: str) -> str:
    # A random name: the original file name can carry personal details.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    return f"budgets/receipts/{uuid4().hex}.{extension}"


class OutsideSpending(TimeStampedModel):
    """Money spent outside Flourish (a personal assistant's wages, a bus pass), recorded so
    the statement is complete: it leaves the budget's ledger account like any purchase."""

    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="outside_spending")
    spent_on = models.DateField(_("date spent"))
    amount_pence = models.PositiveIntegerField(_("amount"))
    spending_kind = models.ForeignKey(
        SpendingKind,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="outside_spending",
    )
    what = models.CharField(_("what it was for"), max_length=200, blank=True)
    receipt = models.FileField(_("receipt"), upload_to=_receipt_path, blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction", on_delete=models.PROTECT, related_name="outside_spending"
    )

    class Meta:
        ordering = ["-spent_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_pence__gt=0), name="budgets_outside_spend_positive"
            )
        ]

    def __str__(self) -> str:
        return self.what or str(_("Spent outside Flourish"))


def _statement_path(statement: "MonthlyStatement", filename: str) -> str:
    return f"budgets/statements/{uuid4().hex}.csv"


class MonthlyStatement(models.Model):
    """A council's statements for one month, made automatically once the month has ended,
    kept as CSV in private storage for council staff to download."""

    council = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="budget_statements"
    )
    period = models.CharField(max_length=7)
    file = models.FileField(upload_to=_statement_path)
    rows = models.PositiveIntegerField(default=0)
    made_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["council", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "period"], name="budgets_one_statement_a_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.period}"


class StatementNote(TimeStampedModel):
    """The person's (or their broker's) note on one line of a statement, added before the
    month's statement is sent to the council. Their own words: encrypted."""

    entry = models.OneToOneField(
        "ledger.LedgerEntry", on_delete=models.PROTECT, related_name="statement_note"
    )
    budget = models.ForeignKey(Budget, on_delete=models.PROTECT, related_name="statement_notes")
    text = EncryptedTextField(_("note"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return str(_("Note on line %(number)s") % {"number": self.entry_id})


class StatementSettings(TimeStampedModel):
    """A council's choices for its statements: the unspent amount above which a budget is
    flagged, and its own column layout for downloads."""

    council = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="budget_statement_settings",
    )
    unspent_threshold_pence = models.PositiveIntegerField(
        _("threshold for unspent money"), null=True, blank=True
    )
    # The council's own column layout for downloads: [[column key, heading], ...] in order;
    # empty when it uses only the presets.
    columns = models.JSONField(default=list, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name_plural = "statement settings"

    def __str__(self) -> str:
        return str(self.council)

    def over_threshold(self, unspent: int) -> int:
        """How much of an unspent amount is over the threshold (0 when none is set)."""
        if self.unspent_threshold_pence is None:
            return 0
        return max(unspent - self.unspent_threshold_pence, 0)
