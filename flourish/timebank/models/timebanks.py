"""A timebank, the people in it, and the checks its coordinator records before approving them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.core.models import TimeStampedModel


class Timebank(TimeStampedModel):
    """An organisation's timebank: a group's own, or one a local body runs for many groups.
    Balances live on the ledger; these settings decide the limits its accounts get."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="timebanks"
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(_("what the timebank is for"), blank=True)
    # Minutes, never positive: a member may owe up to this much and no more.
    floor_minutes = models.IntegerField(_("lowest balance allowed, in minutes"), default=-1200)
    soft_limit_minutes = models.IntegerField(
        _("balance that prompts a kind word, in minutes"), default=-600
    )
    confirm_within_days = models.PositiveSmallIntegerField(
        _("days a receiver has to confirm"), default=7
    )
    auto_confirm = models.BooleanField(
        _("confirm exchanges automatically after that time unless disputed"), default=True
    )
    partners = models.ManyToManyField(
        "self",
        blank=True,
        help_text=_("Timebanks whose members may exchange with ours: an hour is an hour."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(floor_minutes__lte=0), name="timebank_floor_not_positive"
            ),
            models.CheckConstraint(
                condition=models.Q(soft_limit_minutes__gte=models.F("floor_minutes")),
                name="timebank_soft_limit_above_floor",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class MemberStatus(models.TextChoices):
    ASKED = "asked", _("Asked to join")
    APPROVED = "approved", _("Member")
    LEFT = "left", _("Left")


class TimebankMember(TimeStampedModel):
    """A person's place in one timebank. Kept when they leave, so their history stays whole."""

    timebank = models.ForeignKey(Timebank, on_delete=models.PROTECT, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="timebank_memberships"
    )
    status = models.CharField(
        max_length=10, choices=MemberStatus.choices, default=MemberStatus.ASKED
    )
    area = models.CharField(
        _("area"),
        max_length=100,
        help_text=_("A neighbourhood or postcode district, for example Headingley or LS6."),
    )
    about = models.TextField(_("a little about you"), blank=True)
    languages = models.CharField(_("languages you speak"), max_length=200, blank=True)
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    prefers_phone = models.BooleanField(_("would rather use the phone"), default=False)
    approved_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # Set when a coordinator joined them up by phone: shown as "recorded by X for Y".
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    account = models.OneToOneField(
        "ledger.LedgerAccount",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="timebank_member",
    )

    class Meta:
        ordering = ["timebank", "user__name"]
        constraints = [
            models.UniqueConstraint(fields=["timebank", "user"], name="one_place_per_timebank"),
        ]
        indexes = [models.Index(fields=["timebank", "status"])]

    def __str__(self) -> str:
        return str(self.user)

    @property
    def name(self) -> str:
        return str(self.user)


class CheckKind(models.TextChoices):
    CHAT = "chat", _("A welcome chat")
    REFERENCES = "references", _("References")
    SAFEGUARDING = "safeguarding", _("Safeguarding check")
    INDUCTION = "induction", _("Induction")
    TRAINING = "training", _("Mentor training")


class MemberCheck(TimeStampedModel):
    """One check a coordinator made, with when it was done and, for a safeguarding check,
    when it runs out, so a reminder can go before it does."""

    member = models.ForeignKey(TimebankMember, on_delete=models.CASCADE, related_name="checks")
    kind = models.CharField(_("check"), max_length=20, choices=CheckKind.choices)
    done_on = models.DateField(_("date done"))
    expires_on = models.DateField(_("date it runs out"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The date it runs out that a reminder was sent for, so each expiry is reminded once.
    reminded_for = models.DateField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["member", "kind", "-done_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__isnull=True)
                | models.Q(expires_on__gt=models.F("done_on")),
                name="timebank_check_expires_after_done",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_kind_display()}"


class PartnershipStatus(models.TextChoices):
    ASKED = "asked", _("Waiting for an answer")
    ACCEPTED = "accepted", _("Partners")
    DECLINED = "declined", _("Said no")


class PartnershipRequest(TimeStampedModel):
    """One timebank asking another to become partners, and the answer."""

    from_timebank = models.ForeignKey(
        Timebank, on_delete=models.PROTECT, related_name="partnerships_asked"
    )
    to_timebank = models.ForeignKey(
        Timebank, on_delete=models.PROTECT, related_name="partnerships_received"
    )
    status = models.CharField(
        max_length=10, choices=PartnershipStatus.choices, default=PartnershipStatus.ASKED
    )
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(from_timebank=models.F("to_timebank")),
                name="timebank_partnership_not_with_itself",
            )
        ]

    def __str__(self) -> str:
        return f"{self.from_timebank} → {self.to_timebank}"
