"""Panels: members meet with a quorum, declare conflicts per application, then vote."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel
from flourish.grants.models.applications import Application
from flourish.grants.models.programmes import Programme

User = settings.AUTH_USER_MODEL


class Panel(TimeStampedModel):
    """A meeting of people who decide on a programme's shortlist together."""

    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="panels")
    title = models.CharField(_("name"), max_length=140)
    meets_on = models.DateField(_("meets on"))
    quorum = models.PositiveSmallIntegerField(
        _("quorum"), default=3, help_text=_("How many members must vote for a decision.")
    )
    members: "models.ManyToManyField[Any, Any]" = models.ManyToManyField(
        User, related_name="grant_panels"
    )

    class Meta:
        ordering = ["-meets_on"]
        constraints = [models.CheckConstraint(condition=Q(quorum__gt=0), name="panel_quorum")]

    def __str__(self) -> str:
        return self.title


class ConflictDeclaration(TimeStampedModel):
    """A member's statement, per application, of whether they have a conflict of interest."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="declarations")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    has_conflict = models.BooleanField()
    details = EncryptedTextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "application", "member"], name="one_declaration_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.application}: {self.has_conflict}"


class VoteVerdict(models.TextChoices):
    FUND = "fund", _("Fund it")
    DO_NOT_FUND = "do_not_fund", _("Do not fund it")
    ABSTAIN = "abstain", _("Abstain")


class PanelVote(TimeStampedModel):
    """A member's vote on one application, with a score against the rubric and a reason."""

    panel = models.ForeignKey(Panel, on_delete=models.PROTECT, related_name="votes")
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("your vote"), max_length=12, choices=VoteVerdict.choices)
    score = models.PositiveSmallIntegerField(_("score from 1 to 5"), null=True, blank=True)
    comment = EncryptedTextField(_("why"), blank=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "application", "member"], name="one_vote_per_member"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__gte=1, score__lte=5),
                name="panel_vote_score_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} / {self.application}: {self.verdict}"
