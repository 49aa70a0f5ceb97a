"""Guides: the hidden curriculum of running a group, written by staff in Markdown, kept as
versions in each language, and the readers' "was this useful?"."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.core.models import TimeStampedModel


class Stage(models.TextChoices):
    """A group's life, in the order most groups meet it."""

    STARTING_OUT = "starting_out", _("Starting out")
    GETTING_MONEY = "getting_money", _("Getting money")
    HOLDING_MONEY = "holding_money", _("Holding money without a bank account")
    SPENDING = "spending", _("Spending and keeping records")
    SAFEGUARDING = "safeguarding", _("Safeguarding")
    DATA = "data", _("Data protection")
    VOLUNTEERS = "volunteers", _("Volunteers")
    TELLING_FUNDERS = "telling_funders", _("Telling a funder what happened")
    GROWING = "growing", _("Growing or changing structure")
    LOOKING_AFTER = "looking_after", _("Looking after yourselves")
    ENDING_WELL = "ending_well", _("Ending well")


class Guide(TimeStampedModel):
    """One short guide. Its words live in versions, one series per language."""

    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    stage = models.CharField(_("stage of a group's life"), max_length=30, choices=Stage.choices)
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["stage", "position", "slug"]

    def __str__(self) -> str:
        return self.slug


class GuideVersion(TimeStampedModel):
    """What a guide said in one language at one moment. Versions are never changed: saving
    again makes a new one, and publishing one makes it the version readers see."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="versions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    number = models.PositiveIntegerField()
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300)
    body = models.TextField(_("the guide, in Markdown"), max_length=20_000)
    # The body as safe HTML, made once when the version is saved (learning/rendering.py).
    html = models.TextField(editable=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    # The version readers see in this language: at most one per guide and language.
    is_current = models.BooleanField(default=False)

    class Meta:
        ordering = ["guide", "language", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["guide", "language", "number"], name="one_guide_version_number"
            ),
            models.UniqueConstraint(
                fields=["guide", "language"],
                condition=models.Q(is_current=True),
                name="one_current_guide_version_per_language",
            ),
            models.CheckConstraint(
                condition=models.Q(is_current=False) | models.Q(published_at__isnull=False),
                name="current_guide_version_is_published",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language} v{self.number})"


class GuideFeedback(TimeStampedModel):
    """A reader's "was this useful?": part of the demand log of the team that writes guides."""

    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="feedback")
    version = models.ForeignKey(GuideVersion, on_delete=models.SET_NULL, null=True, blank=True)
    useful = models.BooleanField()
    comment = models.TextField(_("what was missing or unclear"), max_length=2000, blank=True)
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.guide}: {'useful' if self.useful else 'not useful'}"
