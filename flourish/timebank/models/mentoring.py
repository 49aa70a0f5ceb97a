"""Peer mentoring: schemes, mentors, mentees, pairs, their sessions and concerns."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel


class MentoringScheme(TimeStampedModel):
    timebank = models.ForeignKey(
        "timebank.Timebank", on_delete=models.PROTECT, related_name="schemes"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200)
    description = models.TextField(_("what the scheme is for"), blank=True)
    timebanked = models.BooleanField(_("each session is a timebank exchange"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["timebank", "slug"], name="one_scheme_slug_per_timebank"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    APPROVED = "approved", _("Approved mentor")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MatchProfile(TimeStampedModel):
    """What both mentors and mentees tell us so that suggestions fit them."""

    scheme = models.ForeignKey(MentoringScheme, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey(
        "timebank.TimebankMember", on_delete=models.PROTECT, related_name="+"
    )
    languages = models.CharField(_("languages"), max_length=200, blank=True)
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    days = models.CharField(_("days you are free"), max_length=40, blank=True)
    gender = models.CharField(_("gender, in your own words"), max_length=60, blank=True)
    community = models.CharField(_("community, in your own words"), max_length=100, blank=True)

    class Meta:
        abstract = True

    def words(self, field: str) -> set[str]:
        return {w.strip().lower() for w in getattr(self, field).split(",") if w.strip()}


class MentorApplication(MatchProfile):
    status = models.CharField(
        max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.APPLIED
    )
    why = models.TextField(_("why you would like to mentor"))
    capacity = models.PositiveSmallIntegerField(_("people you can mentor at once"), default=1)
    approved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member__user__name"]
        constraints = [
            models.UniqueConstraint(fields=["scheme", "member"], name="one_mentor_application"),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1, capacity__lte=10), name="mentor_capacity_1_10"
            ),
        ]

    def __str__(self) -> str:
        return str(self.member)


class RequestStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting for a mentor")
    MATCHED = "matched", _("Matched")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class MenteeRequest(MatchProfile):
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    hopes = models.TextField(_("what you would like from a mentor"))
    same_gender = models.BooleanField(_("I would like a mentor of the same gender"), default=False)
    same_community = models.BooleanField(
        _("I would like a mentor from my community"), default=False
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    consent_given = models.BooleanField(default=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(referred_by__isnull=True) | models.Q(consent_given=True),
                name="referral_needs_consent",
            )
        ]

    def __str__(self) -> str:
        return str(self.member)


class PairStatus(models.TextChoices):
    PROPOSED = "proposed", _("Suggested: waiting for both to accept")
    ACTIVE = "active", _("Meeting")
    ENDED = "ended", _("Ended")
    DECLINED = "declined", _("Not going ahead")


class MentoringPair(TimeStampedModel):
    scheme = models.ForeignKey(MentoringScheme, on_delete=models.PROTECT, related_name="pairs")
    mentor = models.ForeignKey(MentorApplication, on_delete=models.PROTECT, related_name="pairs")
    mentee = models.ForeignKey(MenteeRequest, on_delete=models.PROTECT, related_name="pairs")
    status = models.CharField(
        max_length=10, choices=PairStatus.choices, default=PairStatus.PROPOSED
    )
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    mentor_accepted_at = models.DateTimeField(null=True, blank=True)
    mentee_accepted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    aims = models.TextField(_("what you both want from it, in your own words"), blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    mentor_reflection = EncryptedTextField(blank=True)
    mentee_reflection = EncryptedTextField(blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.mentor} and {self.mentee}"


class SessionMode(models.TextChoices):
    PHONE = "phone", _("By phone")
    VIDEO = "video", _("By video")
    IN_PERSON = "in_person", _("In person")


class MentoringSession(TimeStampedModel):
    pair = models.ForeignKey(MentoringPair, on_delete=models.PROTECT, related_name="sessions")
    happened_on = models.DateField(_("date"))
    minutes = models.PositiveIntegerField(_("length in minutes"))
    mode = models.CharField(_("how you met"), max_length=10, choices=SessionMode.choices)
    summary = models.CharField(_("short summary"), max_length=300)
    # The pair's own words; never shown to the coordinator.
    private_note = EncryptedTextField(_("private note for the two of you"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    exchange = models.OneToOneField(
        "timebank.Exchange", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["happened_on", "id"]

    def __str__(self) -> str:
        return self.summary


class Concern(TimeStampedModel):
    pair = models.ForeignKey(MentoringPair, on_delete=models.PROTECT, related_name="concerns")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    details = EncryptedTextField(_("what worries you"))

    def __str__(self) -> str:
        return f"Concern about {self.pair}"
