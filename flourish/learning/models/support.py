"""A health check on the group's own terms, and asking for support from people who get it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import Organisation
from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel


class HealthCheck(TimeStampedModel):
    """A group's own answers to about ten plain questions. There is no score and no rank,
    on purpose: the answers only suggest guides and support. Private to the group unless
    it chooses to share them with the people who run support."""

    group = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="health_checks")
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True)
    answers = models.JSONField(default=dict)
    shared_with_support = models.BooleanField(
        _("Share these answers with the people who run support"), default=False
    )

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.group} {self.created_at:%Y-%m-%d}"


class SupportStatus(models.TextChoices):
    ASKED = "asked", _("Asked, waiting for someone to pick it up")
    HELPING = "helping", _("Someone is helping")
    CLOSED = "closed", _("Finished")


class SupportRequest(TimeStampedModel):
    """A group asks for help with something specific; someone who runs support takes it
    on, agrees what help they will give and keeps a log of their conversations."""

    group = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="support_requests"
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # Encrypted: groups describe their troubles, sometimes people's health.
    what = EncryptedTextField(_("What would you like help with?"), max_length=2000)
    status = models.CharField(max_length=20, choices=SupportStatus.choices, default="asked")
    # The organisation the group asked for help from when it asked (its choice then); empty
    # means the people who run this Flourish site.
    support_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests_for",
    )
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests_helping",
    )
    agreed_help = models.TextField(_("The help we agreed"), max_length=2000, blank=True)
    how_it_went = models.TextField(_("How did it go?"), max_length=2000, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.group}: {self.get_status_display()}"


class SupportNote(TimeStampedModel):
    """One conversation with the group, logged by the person helping (as associates log
    grant follow-ups)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="notes")
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    text = EncryptedTextField(_("What you talked about"), max_length=4000)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.request} note"


class HealthCheckShare(TimeStampedModel):
    """The group chose to show one health check to a funder or its support organisation.
    Withdrawing deletes the row: from then on that organisation cannot read the answers."""

    health_check = models.ForeignKey(HealthCheck, on_delete=models.CASCADE, related_name="shares")
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="health_checks_shared"
    )
    shared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "organisation"], name="one_share_per_check_and_organisation"
            )
        ]

    def __str__(self) -> str:
        return f"{self.health_check} shared with {self.organisation}"
