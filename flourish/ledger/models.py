"""The one double-entry ledger: accounts, transactions and their entries.

Every movement of money (integer pence) or time (integer minutes) is a
transaction whose entries sum to zero per unit. Entries and transactions are
append-only; a mistake is corrected by a reversing transaction. Each account
keeps its balance, and its number of entries, in columns updated in the same database
transaction as its entries, so reading either never depends on how many entries exist.
"""

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.core.formatting import format_minutes, format_pence
from flourish.core.models import AppendOnlyError, TimeStampedModel
from flourish.ledger.descriptions import Described, in_words


class Unit(models.TextChoices):
    GBP = "GBP", _("Pounds (counted in pence)")
    TIME = "TIME", _("Time (counted in minutes)")


def format_amount(amount: int, unit: str) -> str:
    """An amount in words a person reads: £12.50 or 2 hours 30 minutes."""
    return format_pence(amount) if unit == Unit.GBP else format_minutes(amount)


class LedgerAccount(TimeStampedModel):
    """Somewhere money or time is held: a programme's budget, a group's funds, a
    personal budget, a pool, a timebank member's hours. System accounts (the
    outside world that money comes from) have no owner."""

    owner_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Text, not an integer, so any model can own an account whatever its key.
    owner_id = models.CharField(max_length=64, blank=True)
    owner = GenericForeignKey("owner_type", "owner_id")
    purpose = models.SlugField(
        max_length=50, help_text=_("What the account is for, e.g. programme-budget or timebank.")
    )
    unit = models.CharField(max_length=4, choices=Unit.choices)
    name = models.CharField(max_length=200)
    floor = models.BigIntegerField(
        null=True,
        blank=True,
        default=0,
        help_text=_("The lowest the balance may go. 0 means no overdraft; empty means no floor."),
    )
    soft_limit = models.BigIntegerField(
        null=True,
        blank=True,
        help_text=_(
            "A balance below this is allowed but recorded as going past the limit, "
            "so someone can follow it up."
        ),
    )
    balance = models.BigIntegerField(default=0, editable=False)
    # How many entries the account has, kept with the balance in the same transaction: a
    # member's statement pages through them without counting them first.
    entry_count = models.BigIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["id"]
        indexes = [
            # Only the accounts past their soft limit, most overdrawn first: a timebank
            # coordinator's dashboard lists a few of them, and otherwise read every
            # member's account to find them (17 ms at 10,000 members; 0.2 ms with it).
            models.Index(
                fields=["balance", "id"],
                condition=models.Q(soft_limit__isnull=False, balance__lt=models.F("soft_limit")),
                name="ledger_account_past_soft_limit",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_type", "owner_id", "purpose", "unit"],
                condition=models.Q(owner_type__isnull=False),
                name="ledger_one_account_per_owner_purpose_unit",
            ),
            models.UniqueConstraint(
                fields=["purpose", "unit"],
                condition=models.Q(owner_type__isnull=True),
                name="ledger_one_system_account_per_purpose_unit",
            ),
            models.CheckConstraint(
                condition=models.Q(owner_type__isnull=True, owner_id="")
                | (models.Q(owner_type__isnull=False) & ~models.Q(owner_id="")),
                name="ledger_account_owner_complete_or_absent",
            ),
            models.CheckConstraint(
                condition=models.Q(floor__isnull=True) | models.Q(balance__gte=models.F("floor")),
                name="ledger_balance_not_below_floor",
                violation_error_message=_("The balance cannot go below the account's floor."),
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=Unit.values), name="ledger_account_unit_known"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def format(self, amount: int) -> str:
        return format_amount(amount, self.unit)


class AppendOnlyQuerySet(models.QuerySet[Any]):
    """Bulk changes are refused too, so no code path can rewrite history."""

    def update(self, **kwargs: object) -> int:
        raise AppendOnlyError("Ledger records cannot be changed; post a reversing transaction.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Ledger records cannot be deleted; post a reversing transaction.")


class AppendOnlyModel(models.Model):
    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise AppendOnlyError("Ledger records cannot be changed; post a reversing transaction.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Ledger records cannot be deleted; post a reversing transaction.")


class LedgerTransaction(AppendOnlyModel):
    """One movement of money or time, made of two or more entries that sum to zero per unit."""

    idempotency_key = models.CharField(
        max_length=200,
        unique=True,
        help_text=_("Chosen by the caller; posting again with the same key posts nothing."),
    )
    # The words as first written; `described` puts them in the reader's language.
    description = models.CharField(max_length=500)
    # For a description Flourish wrote itself: its message and values (`descriptions.py`).
    description_message = models.CharField(max_length=500, blank=True)
    description_values = models.JSONField(default=dict, blank=True)
    posted_at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty when the system posted it on its own."),
    )
    # One-to-one, so the database itself refuses a second reversal.
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    went_past_soft_limit = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.description

    @property
    def described(self) -> str:
        """The description in the active language, when Flourish wrote it; otherwise as
        the person who wrote it typed it."""
        if not self.description_message:
            return self.description
        return in_words(self.description_message, self.description_values)

    def as_described(self) -> "Described | str":
        """The description as another description's value (a reversal names what it reverses)."""
        if not self.description_message:
            return self.description
        return Described(self.description_message, self.description_values)


class LedgerEntry(AppendOnlyModel):
    """One line of a transaction: an amount into (positive) or out of (negative) one account."""

    transaction = models.ForeignKey(
        LedgerTransaction, on_delete=models.PROTECT, related_name="entries"
    )
    # Indexed together with id below, which serves statements and sums.
    account = models.ForeignKey(
        LedgerAccount, on_delete=models.PROTECT, related_name="entries", db_index=False
    )
    amount = models.BigIntegerField()
    balance_after = models.BigIntegerField()
    went_past_soft_limit = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "ledger entries"
        indexes = [models.Index(fields=["account", "id"], name="ledger_entry_account_id")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(amount=0), name="ledger_entry_amount_not_zero"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.account}: {self.amount:+d}"
