"""Holding partners: organisations that agree to hold a funder's grants for groups without a
bank account, and what they pass on to each group or spend for it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import Organisation
from flourish.core.formatting import format_pence
from flourish.core.models import TimeStampedModel
from flourish.grants.models.decisions import Award
from flourish.ledger.models import LedgerTransaction

User = settings.AUTH_USER_MODEL


class HoldingPartnership(TimeStampedModel):
    """A funder and a holding partner have agreed that the partner holds grants for groups."""

    funder = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="holding_partnerships"
    )
    partner = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="holding_for_funders"
    )
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["funder", "partner"], name="one_holding_partnership_per_funder"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} holds for {self.funder}"


class HeldMoneyKind(models.TextChoices):
    PASSED_ON = "passed_on", _("Passed on to the group")
    SPENT = "spent", _("Spent for the group")


class HeldMoneyMovement(TimeStampedModel):
    """Money a holding partner passed on to a group, or spent for it, out of one award."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="held_movements")
    kind = models.CharField(max_length=10, choices=HeldMoneyKind.choices)
    amount_pence = models.PositiveIntegerField()
    description = models.CharField(_("what it was for"), max_length=200)
    idempotency_key = models.CharField(max_length=200, unique=True)
    ledger_transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="held_money_movement"
    )
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_pence__gt=0), name="held_money_movement_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {format_pence(self.amount_pence)}"
