"""Exchanges of time: asked, agreed, recorded by the giver, confirmed by the receiver.

Only a confirmed exchange moves time, as one ledger transaction; a correction is a
reversing transaction, never an edit.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from flourish.core.models import TimeStampedModel
from flourish.ledger.descriptions import Described

MAX_MINUTES = 24 * 60
MENTORING_SESSION = gettext_noop("Mentoring session: %(summary)s")


class ExchangeKind(models.TextChoices):
    PERSON = "person", _("One person helped another")
    SEVERAL = "several", _("One person helped several people")
    ORGANISATION = "organisation", _("Volunteering for the timebank's organisation")
    GIFT = "gift", _("Hours given to the community pot")


class ExchangeStatus(models.TextChoices):
    ASKED = "asked", _("Asked")
    AGREED = "agreed", _("Agreed")
    RECORDED = "recorded", _("Waiting for confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    DISPUTED = "disputed", _("Disputed: with the coordinator")
    DECLINED = "declined", _("Declined")
    REVERSED = "reversed", _("Corrected by the coordinator")


def exchange_headline(kind: str, mentoring: bool, description: str) -> str:
    """What an exchange is called on its pages. A gift to the pot and a mentoring session
    are named by Flourish, so in the reader's language, whoever recorded them and in
    whichever language."""
    if kind == ExchangeKind.GIFT:
        return str(ExchangeKind.GIFT.label)
    if mentoring:
        return str(Described(MENTORING_SESSION, {"summary": description}))
    return description


class Exchange(TimeStampedModel):
    timebank = models.ForeignKey(
        "timebank.Timebank", on_delete=models.PROTECT, related_name="exchanges"
    )
    kind = models.CharField(
        max_length=20, choices=ExchangeKind.choices, default=ExchangeKind.PERSON
    )
    status = models.CharField(
        max_length=20, choices=ExchangeStatus.choices, default=ExchangeStatus.ASKED, db_index=True
    )
    listing = models.ForeignKey(
        "timebank.Listing",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchanges",
    )
    giver = models.ForeignKey(
        "timebank.TimebankMember", on_delete=models.PROTECT, related_name="exchanges_given"
    )
    asked_by = models.ForeignKey(
        "timebank.TimebankMember",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="exchanges_asked",
    )
    description = models.CharField(_("what the help was"), max_length=300)
    # A mentoring session's exchange keeps only the session's summary as its description,
    # so that "Mentoring session" is said in the reader's language, not the logger's.
    mentoring = models.BooleanField(default=False)
    help_kind = models.CharField(max_length=20, blank=True)
    area = models.CharField(max_length=100, blank=True)
    agreed_when = models.CharField(_("when you agreed to meet"), max_length=200, blank=True)
    minutes = models.PositiveIntegerField(null=True, blank=True)
    happened_on = models.DateField(null=True, blank=True, db_index=True)
    recorded_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    dispute_reason = models.TextField(blank=True)
    # Who typed it in, when that was not the person it is about (a coordinator, by phone).
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    transaction = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="timebank_exchange",
    )
    reversal = models.OneToOneField(
        "ledger.LedgerTransaction",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="timebank_exchange_reversed",
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["timebank", "status", "happened_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__isnull=True)
                | models.Q(minutes__gt=0, minutes__lte=MAX_MINUTES),
                name="timebank_exchange_minutes_in_a_day",
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def headline(self) -> str:
        return exchange_headline(self.kind, self.mentoring, self.description)

    @property
    def described(self) -> "Described | str":
        """What the exchange was, as its ledger line names it: words Flourish adds are put
        into the reader's language when read."""
        if self.mentoring:
            return Described(MENTORING_SESSION, {"summary": self.description})
        return self.description

    @property
    def receivers(self) -> list["ExchangeShare"]:
        return list(self.shares.all())


class ExchangeShare(models.Model):
    """One receiver of an exchange, and the part of the time they confirm."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="shares")
    member = models.ForeignKey(
        "timebank.TimebankMember", on_delete=models.PROTECT, related_name="exchanges_received"
    )
    minutes = models.PositiveIntegerField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["exchange", "member"], name="one_share_per_receiver")
        ]

    def __str__(self) -> str:
        return f"{self.member} ← {self.exchange}"


class ExchangeTotal(models.Model):
    """Confirmed exchanges added up by timebank, day, kind and area, kept as each exchange is
    confirmed or corrected, so reports read a few thousand rows, not every exchange.
    `services.totals.exchange_totals_rebuild` makes them again from the exchanges."""

    timebank = models.ForeignKey(
        "timebank.Timebank", on_delete=models.CASCADE, related_name="exchange_totals"
    )
    day = models.DateField()
    help_kind = models.CharField(max_length=20, blank=True)
    area = models.CharField(max_length=100, blank=True)
    exchanges = models.IntegerField(default=0)
    minutes = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["timebank", "day", "help_kind", "area"], name="one_total_per_day_kind_area"
            )
        ]

    def __str__(self) -> str:
        return f"{self.timebank_id} {self.day} {self.help_kind} {self.area}"
