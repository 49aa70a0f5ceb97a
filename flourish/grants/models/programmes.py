"""A funder's programme: who can apply, for how much, from what budget, and how it decides."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from flourish.accounts.models import Organisation
from flourish.core.models import TimeStampedModel


class Stage(models.TextChoices):
    SIFT = "sift", _("Sift: is it eligible?")
    FOLLOW_UP = "follow_up", _("Follow-up conversation with an associate")
    RECOMMENDATION = "recommendation", _("Associate's recommendation")
    SHORTLIST = "shortlist", _("Shortlist")
    PANEL = "panel", _("Panel")
    DECISION = "decision", _("Decision")


ALL_STAGES = [stage.value for stage in Stage]

# The eight kinds of thing the NSUN Covid Fund paid for in 2020 (background essay 004).
DEFAULT_CATEGORIES = [
    _("Technology to keep in touch"),
    _("Things to distribute"),
    _("Outside facilitators for online sessions"),
    _("Petrol and phone bills"),
    _("Launching new online things"),
    _("Radio and broadcasting"),
    _("Other practical help"),
    _("Technology for remote working"),
]


class ProgrammeKind(models.TextChoices):
    PROJECT = "project", _("Project grants: money for something the group wants to do")
    # Background essay 004, eighth hypothesis: groups need core funding on their own terms.
    CORE = "core", _("Core funding: unrestricted money for what the group already does")


def default_category_names() -> list[str]:
    """The default kinds in English whatever the creator reads, so each reader sees them in
    their own language (ProgrammeCategory.label looks the stored English up)."""
    with translation.override(None):
        return [str(name) for name in DEFAULT_CATEGORIES]


def default_stages() -> list[str]:
    return list(ALL_STAGES)


class Programme(TimeStampedModel):
    """Money a funder offers, the rules for asking for it, and the steps to a decision."""

    funder = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="programmes")
    title = models.CharField(_("title"), max_length=140)
    slug = models.SlugField(max_length=140, unique=True)
    description = models.TextField(_("what the money is for, in plain English"))
    who_can_apply = models.TextField(_("who can apply"))
    kind = models.CharField(
        _("kind of programme"),
        max_length=10,
        choices=ProgrammeKind.choices,
        default=ProgrammeKind.PROJECT,
    )
    contact_phone = models.CharField(
        _("phone number for applying by phone"), max_length=30, blank=True
    )
    contact_hours = models.CharField(_("when the phone is answered"), max_length=200, blank=True)
    min_grant_pence = models.PositiveIntegerField(_("smallest grant"), default=0)
    max_grant_pence = models.PositiveIntegerField(_("largest grant"))
    award_limit = models.PositiveIntegerField(
        _("most awards"), null=True, blank=True, help_text=_("For example, the six best ideas.")
    )
    opens_on = models.DateField(_("opens on"), null=True, blank=True)
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("Leave empty for a rolling programme.")
    )
    stages = models.JSONField(default=default_stages)
    business_plan_questions = models.JSONField(
        default=list,
        blank=True,
        help_text=_("For a larger tier: the business plan template's questions, one per item."),
    )
    report_due_days = models.PositiveSmallIntegerField(
        _("days after the award that a short report is due"), default=90
    )
    identifier_prefix = models.CharField(
        _("360Giving prefix"),
        max_length=40,
        help_text=_("The part after 360G- in your 360Giving identifiers, for example 'nsun'."),
    )
    is_published = models.BooleanField(default=True)

    class Meta:
        ordering = ["-opens_on", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(max_grant_pence__gt=0) & Q(max_grant_pence__gte=F("min_grant_pence")),
                name="programme_max_grant_at_least_min",
            ),
            models.CheckConstraint(
                condition=Q(award_limit__isnull=True) | Q(award_limit__gt=0),
                name="programme_award_limit_positive",
            ),
            models.CheckConstraint(
                condition=Q(closes_on__isnull=True)
                | Q(opens_on__isnull=True)
                | Q(closes_on__gte=F("opens_on")),
                name="programme_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = set(self.stages or []) - set(ALL_STAGES)
        if unknown or not self.stages:
            raise ValidationError({"stages": _("Choose the stages from the list.")})
        if Stage.DECISION not in self.stages:
            raise ValidationError({"stages": _("Every programme needs a decision stage.")})

    @property
    def is_core_funding(self) -> bool:
        return self.kind == ProgrammeKind.CORE

    @property
    def is_rolling(self) -> bool:
        return self.closes_on is None

    @property
    def stage_labels(self) -> list[str]:
        return [str(Stage(stage).label) for stage in self.stages]

    def uses(self, stage: str) -> bool:
        return stage in self.stages

    @property
    def opens_later(self) -> bool:
        return bool(self.opens_on and timezone.localdate() < self.opens_on)

    @property
    def has_closed(self) -> bool:
        return bool(self.closes_on and timezone.localdate() > self.closes_on)

    def is_open(self, today: object = None) -> bool:
        day = today or timezone.localdate()
        if self.opens_on and day < self.opens_on:  # type: ignore[operator]
            return False
        return not (self.closes_on and day > self.closes_on)  # type: ignore[operator]


class ProgrammeCategory(models.Model):
    """A kind of thing the programme pays for; every spend line names one."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "name"], name="category_name_per_programme"
            )
        ]
        verbose_name_plural = _("programme categories")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        """The name in the reader's language: the default kinds are stored in English, as
        created, so they are looked up in the catalogue; a funder's own name shows as written."""
        return gettext(self.name)


class EligibilityQuestion(models.Model):
    """A yes/no question; the answer that rules someone out says why and where else to go."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="eligibility_questions"
    )
    position = models.PositiveSmallIntegerField(default=1)
    text = models.CharField(_("question"), max_length=300)
    ruled_out_by_yes = models.BooleanField(
        default=False, help_text=_("Tick if answering yes means the group cannot apply.")
    )
    reason = models.TextField(_("why this rules someone out"))
    signpost = models.TextField(_("other help we can point to"), blank=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "position"], name="one_eligibility_question_per_position"
            )
        ]

    def __str__(self) -> str:
        return self.text

    def rules_out(self, answer: bool) -> bool:
        return answer == self.ruled_out_by_yes
