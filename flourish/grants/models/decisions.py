"""The steps from a sent application to money paid: sift, follow-up, recommendation, decision."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import Organisation
from flourish.core.fields import EncryptedTextField
from flourish.core.formatting import format_pence
from flourish.core.models import TimeStampedModel
from flourish.grants.models.applications import Application
from flourish.grants.models.programmes import Programme
from flourish.ledger.models import LedgerTransaction

User = settings.AUTH_USER_MODEL


class SiftResult(TimeStampedModel):
    """Whether an application is eligible; a decline carries a kind message and signposts."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="sift")
    eligible = models.BooleanField()
    decline_message = models.TextField(blank=True)
    feedback = models.TextField(blank=True)
    signposts = models.TextField(blank=True)
    sifted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.application}: {'eligible' if self.eligible else 'not eligible'}"


class ConversationKind(models.TextChoices):
    PHONE = "phone", _("Phone call")
    VIDEO = "video", _("Video call")
    EMAIL = "email", _("Email")
    VISIT = "visit", _("Visit")


class Conversation(TimeStampedModel):
    """A follow-up conversation an associate had with the group, with their notes."""

    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, related_name="conversations"
    )
    associate = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("how you talked"), max_length=10, choices=ConversationKind.choices)
    happened_on = models.DateField(_("when"))
    notes = EncryptedTextField(_("notes"))

    class Meta:
        ordering = ["-happened_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.happened_on}"


class RecommendationVerdict(models.TextChoices):
    YES = "yes", _("Yes, fund it")
    MAYBE = "maybe", _("Maybe")
    NO = "no", _("No")


class Recommendation(TimeStampedModel):
    """The associate's short written recommendation for the panel or decision-maker."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="recommendation"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    background = EncryptedTextField(_("background"))
    verdict = models.CharField(
        _("your recommendation"), max_length=10, choices=RecommendationVerdict.choices
    )
    suggested_amount_pence = models.PositiveIntegerField(null=True, blank=True)
    conditions = EncryptedTextField(_("conditions"), blank=True)

    def __str__(self) -> str:
        return f"{self.application}: {self.verdict}"


class DecisionOutcome(models.TextChoices):
    AWARD = "award", _("Award a grant")
    DECLINE = "decline", _("Decline")


class Decision(TimeStampedModel):
    """The recorded decision on an application, with reasons and feedback for the group."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="decision"
    )
    outcome = models.CharField(max_length=10, choices=DecisionOutcome.choices)
    reasons = EncryptedTextField(blank=True)
    feedback = EncryptedTextField(blank=True)
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.application}: {self.outcome}"


class AcceptanceMethod(models.TextChoices):
    ONLINE = "online", _("Accepted online by the group")
    VERBAL = "verbal", _("Accepted by phone or in person, recorded by staff")


class Award(TimeStampedModel):
    """Money promised to a group; the programme's budget and award limit cap the total."""

    application = models.OneToOneField(Application, on_delete=models.PROTECT, related_name="award")
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="awards")
    amount_pence = models.PositiveIntegerField()
    conditions = models.TextField(blank=True)
    holding_partner = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="held_awards",
        help_text=_("Holds the money for a group without a bank account."),
    )
    decided_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    awarded_on = models.DateField()
    report_due_on = models.DateField(null=True, blank=True)
    paid_pence = models.PositiveIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_how = models.CharField(max_length=10, choices=AcceptanceMethod.choices, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-awarded_on", "-id"]
        # "Who we funded" in this order: a page of a programme's awards read from the index.
        indexes = [
            models.Index(fields=["programme", "-awarded_on", "-id"], name="award_funded_order")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="award_positive"),
            models.CheckConstraint(
                condition=Q(paid_pence__lte=models.F("amount_pence")),
                name="award_paid_at_most_awarded",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application}: {format_pence(self.amount_pence)}"

    @property
    def left_to_pay(self) -> int:
        """What is still to pay, in pence: never below 0 (`award_paid_at_most_awarded`)."""
        return self.amount_pence - self.paid_pence


class PayeeKind(models.TextChoices):
    GROUP = "group", _("The group's own account")
    HOLDING_PARTNER = "holding_partner", _("A holding partner, for a group without a bank account")
    SUPPLIER = "supplier", _("A supplier, on the group's behalf")


class Payment(TimeStampedModel):
    """One payment of an award, recorded against the ledger transaction that moved the money."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="payments")
    payee_kind = models.CharField(max_length=20, choices=PayeeKind.choices, default=PayeeKind.GROUP)
    # Empty for a supplier: suppliers are named here, not kept as organisations.
    paid_to = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    supplier_name = models.CharField(_("supplier's name"), max_length=200, blank=True)
    supplier_for = models.CharField(_("what the payment is for"), max_length=200, blank=True)
    amount_pence = models.PositiveIntegerField()
    idempotency_key = models.CharField(max_length=200, unique=True)
    ledger_transaction = models.OneToOneField(
        LedgerTransaction, on_delete=models.PROTECT, related_name="grant_payment"
    )
    paid_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_pence__gt=0), name="payment_positive"),
            models.CheckConstraint(
                condition=(
                    Q(payee_kind="supplier", paid_to__isnull=True)
                    & ~Q(supplier_name="")
                    & ~Q(supplier_for="")
                )
                | (~Q(payee_kind="supplier") & Q(paid_to__isnull=False)),
                name="payment_names_its_payee",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.award}: paid {format_pence(self.amount_pence)}"

    @property
    def payee_name(self) -> str:
        return self.supplier_name if self.paid_to is None else self.paid_to.name
