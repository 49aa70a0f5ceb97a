"""Offers ("I can help with…") and requests ("I'd like help with…"). Never an address."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.core.models import TimeStampedModel


class Direction(models.TextChoices):
    OFFER = "offer", _("Offer of help")
    REQUEST = "request", _("Request for help")


class HelpKind(models.TextChoices):
    """The timebank's taxonomy of kinds of help, short enough to choose from at a glance."""

    COMPANY = "company", _("Company and a chat")
    WALKING = "walking", _("Walks and getting out")
    COOKING = "cooking", _("Cooking and food")
    FORMS = "forms", _("Forms, letters and phone calls")
    GARDENING = "gardening", _("Gardening")
    DIY = "diy", _("Small repairs and DIY")
    TRANSPORT = "transport", _("Lifts and going with someone")
    CREATIVE = "creative", _("Arts, crafts and music")
    LEARNING = "learning", _("Teaching a skill or language")
    DIGITAL = "digital", _("Computers and phones")
    PEER_SUPPORT = "peer_support", _("Peer support and mentoring")
    GROUP = "group", _("Helping at the group")


class Weekday(models.TextChoices):
    MONDAY = "mon", _("Monday")
    TUESDAY = "tue", _("Tuesday")
    WEDNESDAY = "wed", _("Wednesday")
    THURSDAY = "thu", _("Thursday")
    FRIDAY = "fri", _("Friday")
    SATURDAY = "sat", _("Saturday")
    SUNDAY = "sun", _("Sunday")


class Listing(TimeStampedModel):
    member = models.ForeignKey(
        "timebank.TimebankMember", on_delete=models.PROTECT, related_name="listings"
    )
    timebank = models.ForeignKey(
        "timebank.Timebank", on_delete=models.PROTECT, related_name="listings"
    )
    direction = models.CharField(max_length=10, choices=Direction.choices)
    kind = models.CharField(_("kind of help"), max_length=20, choices=HelpKind.choices)
    title = models.CharField(_("in a few words"), max_length=120)
    description = models.TextField(_("more about it"))
    when = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("For example: weekday mornings.")
    )
    # Days stored as a comma-separated list of Weekday values, e.g. "mon,thu".
    days = models.CharField(max_length=40, blank=True)
    area = models.CharField(
        _("area"),
        max_length=100,
        help_text=_("A neighbourhood or postcode district, never an address."),
    )
    is_open = models.BooleanField(default=True)
    recorded_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["timebank", "is_open", "direction", "kind"])]

    def __str__(self) -> str:
        return self.title

    @property
    def day_list(self) -> list[str]:
        return [day for day in self.days.split(",") if day]

    def day_labels(self) -> list[str]:
        return [str(Weekday(day).label) for day in self.day_list]
