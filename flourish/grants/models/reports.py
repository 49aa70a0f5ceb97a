"""Hearing back: what happened, in the group's own words, and how the money was spent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.formatting import format_pence
from flourish.core.models import TimeStampedModel
from flourish.grants.models.decisions import Award
from flourish.grants.models.programmes import ProgrammeCategory


class GrantReport(TimeStampedModel):
    """A short report, proportionate to a small grant; an associate may record it from a call."""

    award = models.OneToOneField(Award, on_delete=models.PROTECT, related_name="report")
    what_happened = EncryptedTextField(_("what happened"))
    people_reached = models.PositiveIntegerField(
        _("how many people took part"), null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_from_call = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"Report on {self.award}"


class ReportSpend(models.Model):
    """How much was spent on one kind of thing, against the plan."""

    report = models.ForeignKey(GrantReport, on_delete=models.CASCADE, related_name="spending")
    category = models.ForeignKey(ProgrammeCategory, on_delete=models.PROTECT, related_name="+")
    amount_pence = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["report", "category"], name="one_spend_per_category"),
            models.CheckConstraint(
                condition=Q(amount_pence__gte=0), name="report_spend_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.category}: {format_pence(self.amount_pence)}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", _("A week before the report is due")
    AFTER = "after", _("A week after the report was due")


class ReportReminder(TimeStampedModel):
    """A reminder sent about a report, so each kind is sent once."""

    award = models.ForeignKey(Award, on_delete=models.PROTECT, related_name="reminders")
    kind = models.CharField(max_length=10, choices=ReminderKind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["award", "kind"], name="one_reminder_of_each_kind")
        ]

    def __str__(self) -> str:
        return f"{self.award}: {self.kind}"
