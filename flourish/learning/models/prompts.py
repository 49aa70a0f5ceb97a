""" "What you might need now": an item put on a group's page when something elsewhere in
Flourish happens, pointing at the guide for that moment. The group answers it; it is never
offered twice for the same thing, so it never nags."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import Organisation
from flourish.core.models import TimeStampedModel


class PromptReason(models.TextChoices):
    HOLDING_MONEY = "holding_money", _("Your grant is held for you: how holding money works")
    REPORT_DUE = "report_due", _("Your short report is due soon: telling your funder what happened")
    STALE_LISTING = "stale_listing", _("Your listing needs a check: keeping it fresh")
    FIRST_BOOKING = "first_booking", _("Your first booking: receipts and invoices")
    FIRST_VOLUNTEER = "first_volunteer", _("Someone new is helping: safeguarding")


# The guide each reason points at, by its web address.
GUIDE_FOR_REASON = {
    PromptReason.HOLDING_MONEY: "holding-money-without-a-bank-account",
    PromptReason.REPORT_DUE: "telling-your-funder-what-happened",
    PromptReason.STALE_LISTING: "keeping-your-listing-fresh",
    PromptReason.FIRST_BOOKING: "receipts-and-invoices",
    PromptReason.FIRST_VOLUNTEER: "safeguarding-when-someone-new-helps",
}


class PromptState(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    DONE = "done", _("Done")
    NOT_RELEVANT = "not_relevant", _("Not relevant")


class Prompt(TimeStampedModel):
    group = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="prompts")
    reason = models.CharField(max_length=30, choices=PromptReason.choices)
    # What it is about ("award:12"), so a second grant can prompt again but a retry cannot.
    about = models.CharField(max_length=100, blank=True)
    state = models.CharField(max_length=20, choices=PromptState.choices, default="waiting")
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "reason", "about"], name="one_prompt_per_group_reason_and_thing"
            )
        ]
        indexes = [models.Index(fields=["group", "state", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.group}: {self.reason}"

    @property
    def guide_slug(self) -> str:
        return GUIDE_FOR_REASON[PromptReason(self.reason)]

    @property
    def reason_label(self) -> str:
        """What `get_reason_display()` says, looked up rather than found: Django's builds a
        dictionary of every reason, translating each, on every call (a fifth of a group's
        page of ten prompts)."""
        return str(PromptReason(self.reason).label)


class GroupLearningSettings(TimeStampedModel):
    """A group's choices about learning: whether prompts also come by email (off unless
    the group turns it on), and the one support organisation it wants help from."""

    group = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="learning_settings"
    )
    email_prompts = models.BooleanField(_("Also email us when something might help"), default=False)
    support_organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return str(self.group)
