"""Goals in a person's own words (Goal Attainment Scaling), their reviews and versions,
the people they invite to help, wellbeing check-ins, and consent to be counted in totals.

Everything here belongs to the person. Words they write are encrypted at rest; the
levels and scores stay plain integers because totals are counted by the database.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from flourish.core.fields import EncryptedTextField
from flourish.core.models import TimeStampedModel

LEVELS = (-2, -1, 0, 1, 2)


class Level(models.IntegerChoices):
    MUCH_WORSE = -2, _("Much worse than I expect")
    WORSE = -1, _("A bit worse than I expect")
    EXPECTED = 0, _("About where I expect")
    BETTER = 1, _("A bit better than I expect")
    MUCH_BETTER = 2, _("Much better than I expect")


class GoalStatus(models.TextChoices):
    ACTIVE = "active", _("Working on it")
    PAUSED = "paused", _("Paused")
    FINISHED = "finished", _("Finished")
    REPLACED = "replaced", _("Replaced by another goal")


class Goal(TimeStampedModel):
    """One goal of one person. Its words live in versions; its reviews stay with the version
    they were made against, so rewording never rewrites what was said before."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="goals"
    )
    status = models.CharField(max_length=10, choices=GoalStatus.choices, default=GoalStatus.ACTIVE)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    status_changed_at = models.DateTimeField(null=True, blank=True)
    replaces = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replaced_by"
    )
    # Whether this goal counts in the totals the person agreed to be part of.
    in_totals = models.BooleanField(_("count this goal in anonymous totals"), default=True)
    # A reminder the person set for themselves: the date, how often it comes round again
    # after each review, and the date a reminder was last sent for (so each goes once).
    remind_on = models.DateField(_("remind me to review it on"), null=True, blank=True)
    remind_every_weeks = models.PositiveSmallIntegerField(
        _("and then every so many weeks"), null=True, blank=True
    )
    reminded_for = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return f"Goal {self.pk}"


class GoalVersion(models.Model):
    """The words of a goal at one time, with what each of the five levels would look like."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    wording = EncryptedTextField(_("your goal, in your own words"))
    much_worse = EncryptedTextField(_("much worse than you expect"), blank=True)
    worse = EncryptedTextField(_("a bit worse than you expect"), blank=True)
    expected = EncryptedTextField(_("about where you expect"), blank=True)
    better = EncryptedTextField(_("a bit better than you expect"), blank=True)
    much_better = EncryptedTextField(_("much better than you expect"), blank=True)
    weight = models.PositiveSmallIntegerField(_("how much this goal matters"), default=1)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["goal", "number"]
        constraints = [
            models.UniqueConstraint(fields=["goal", "number"], name="one_goal_version_number"),
            models.CheckConstraint(
                condition=Q(weight__gte=1, weight__lte=10), name="goal_weight_1_to_10"
            ),
        ]

    def __str__(self) -> str:
        return f"Goal {self.goal_id} version {self.number}"

    def level_words(self) -> list[tuple[int, str]]:
        """Each level with the person's own words for it, from much better down."""
        words = [self.much_better, self.better, self.expected, self.worse, self.much_worse]
        return list(zip((2, 1, 0, -1, -2), words, strict=True))


class Review(models.Model):
    """Where the person is now on one version of a goal, and a note."""

    version = models.ForeignKey(GoalVersion, on_delete=models.PROTECT, related_name="reviews")
    level = models.SmallIntegerField(_("where you are now"), choices=Level.choices)
    note = EncryptedTextField(_("a note"), blank=True)
    reviewed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["reviewed_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=-2, level__lte=2), name="review_level_minus2_to_2"
            )
        ]
        indexes = [models.Index(fields=["version", "reviewed_on"])]

    def __str__(self) -> str:
        return f"Review {self.pk}"


class GoalHelper(TimeStampedModel):
    """Someone the person invited to see (and, if they said so, help with) one goal."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="helpers")
    helper = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="goals_helping"
    )
    may_help = models.BooleanField(_("they may review and reword it with you"), default=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "helper"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_invitation_per_helper",
            )
        ]

    def __str__(self) -> str:
        return f"{self.helper} helps with goal {self.goal_id}"


class LinkKind(models.TextChoices):
    SUPPORT_PLAN = "support_plan", _("Personal budget support plan")
    POOL_PROPOSAL = "pool_proposal", _("Pool proposal")
    MENTORING_PAIR = "mentoring_pair", _("Mentoring pair")
    GRANT_APPLICATION = "grant_application", _("Grant application")


class GoalLink(TimeStampedModel):
    """The person naming one of their goals as served by something elsewhere in Flourish (a
    support plan, a pool proposal, a mentoring pair, a grant application). Only they make
    it, and only they end it: it is their consent for the goal's words to be shown there."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField(max_length=20, choices=LinkKind.choices)
    object_id = models.PositiveBigIntegerField()
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["kind", "object_id"])]
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "kind", "object_id"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_link_per_goal_and_thing",
            )
        ]

    def __str__(self) -> str:
        return f"goal {self.goal_id} serves {self.kind} {self.object_id}"


class Instrument(TimeStampedModel):
    """A wellbeing measure loaded from a definition file (docs/outcomes.md)."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=200)
    version = models.CharField(max_length=40)
    licence = models.TextField(blank=True)
    definition = models.JSONField()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CheckIn(models.Model):
    """One time a person answered an instrument."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="checkins"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="checkins")
    taken_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    in_totals = models.BooleanField(default=True)

    class Meta:
        ordering = ["-taken_at", "-id"]
        indexes = [models.Index(fields=["person", "instrument", "taken_at"])]

    def __str__(self) -> str:
        return f"Check-in {self.pk}"


class CheckInScore(models.Model):
    """One score of a check-in: an item's answer, or a scale's total after conversion."""

    checkin = models.ForeignKey(CheckIn, on_delete=models.CASCADE, related_name="scores")
    key = models.CharField(max_length=60)
    value = models.FloatField()

    class Meta:
        ordering = ["checkin", "id"]
        constraints = [
            models.UniqueConstraint(fields=["checkin", "key"], name="one_score_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.key}={self.value}"


class SeriesShare(TimeStampedModel):
    """Someone the person invited to see their check-ins on one measure (one series)."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="series_shares"
    )
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="series_shared_with"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "instrument", "viewer"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_open_share_per_series_viewer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.viewer} sees {self.instrument} check-ins of {self.person_id}"


POPULATIONS = ("programme", "group", "council", "timebank", "scheme")


def _exactly_one_population() -> Q:
    """Exactly one of the five kinds of population is named."""
    condition = Q()
    for chosen in POPULATIONS:
        named = Q(**{f"{chosen}__isnull": False})
        for other in POPULATIONS:
            if other != chosen:
                named &= Q(**{f"{other}__isnull": True})
        condition |= named
    return condition


class TotalsConsent(TimeStampedModel):
    """A person agreeing to be counted, anonymously, in the totals of one programme, group,
    council, timebank or mentoring scheme. Withdrawing leaves them out of every total from
    then on."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="totals_consents"
    )
    programme = models.ForeignKey(
        "grants.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    group = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    council = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    timebank = models.ForeignKey(
        "timebank.Timebank", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    scheme = models.ForeignKey(
        "timebank.MentoringScheme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_population(),
                name="totals_consent_names_one_population",
            ),
            *(
                models.UniqueConstraint(
                    fields=["person", kind],
                    condition=Q(withdrawn_at__isnull=True, **{f"{kind}__isnull": False}),
                    name=f"one_open_{kind}_consent",
                )
                for kind in POPULATIONS
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} counts in {self.place}"

    @property
    def kind(self) -> str:
        return next(kind for kind in POPULATIONS if getattr(self, f"{kind}_id") is not None)

    @property
    def place(self) -> Any:
        return self.programme or self.group or self.council or self.timebank or self.scheme


class RecordKey(models.Model):
    """A random number fixed per person, used only to perturb published totals (after the
    ONS cell key method): the same people always get the same answer, and a population one
    person different gets unrelated noise in every cell."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outcomes_record_key"
    )
    key = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"record key of {self.person_id}"


class PersonSummary(models.Model):
    """A person's outcomes in numbers only, kept up to date by every review and check-in, so
    totals over a whole programme are one sum in the database, never a walk through
    millions of check-ins. Only the person's own counted goals and check-ins go into it."""

    person = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="outcomes_summary"
    )
    t_score = models.FloatField(null=True, blank=True)
    ons4_checkins = models.PositiveIntegerField(default=0)
    life_satisfaction_first = models.FloatField(null=True, blank=True)
    life_satisfaction_latest = models.FloatField(null=True, blank=True)
    worthwhile_first = models.FloatField(null=True, blank=True)
    worthwhile_latest = models.FloatField(null=True, blank=True)
    happiness_first = models.FloatField(null=True, blank=True)
    happiness_latest = models.FloatField(null=True, blank=True)
    anxiety_first = models.FloatField(null=True, blank=True)
    anxiety_latest = models.FloatField(null=True, blank=True)

    def __str__(self) -> str:
        return f"outcomes summary of {self.person_id}"


class GroupAudience(models.TextChoices):
    ORGANISERS = "organisers", _("The group's organisers")
    EVERYONE = "everyone", _("Everyone in the group")


class GroupShare(TimeStampedModel):
    """The person showing one goal, or their check-ins on one measure, to one of their groups:
    to its organisers only, or to everyone in it. Withdrawing ends it at once."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="group_shares"
    )
    group = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="outcomes_shares"
    )
    goal = models.ForeignKey(
        Goal, null=True, blank=True, on_delete=models.CASCADE, related_name="group_shares"
    )
    instrument = models.ForeignKey(
        Instrument, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(_("who in the group"), max_length=20, choices=GroupAudience.choices)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(goal__isnull=False) & Q(instrument__isnull=True))
                | (Q(goal__isnull=True) & Q(instrument__isnull=False)),
                name="group_share_is_a_goal_or_a_series",
            ),
            models.UniqueConstraint(
                fields=["group", "goal"],
                condition=Q(withdrawn_at__isnull=True, goal__isnull=False),
                name="one_open_group_share_per_goal",
            ),
            models.UniqueConstraint(
                fields=["person", "group", "instrument"],
                condition=Q(withdrawn_at__isnull=True, instrument__isnull=False),
                name="one_open_group_share_per_series",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} shares {self.goal_id or self.instrument_id} with {self.group}"

    def who(self) -> str:
        """Who in the group can see it, in words for a message."""
        if self.audience == GroupAudience.ORGANISERS:
            return _("The organisers of %s") % self.group
        return _("Everyone in %s") % self.group
