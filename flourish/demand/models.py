"""Learning from demand: services (front doors), the contacts people make with them, notes
on changes made; and boards where members propose, comment and vote."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from flourish.core.models import TimeStampedModel


class Period(models.TextChoices):
    WEEK = "week", _("Week")
    MONTH = "month", _("Month")


class Service(TimeStampedModel):
    """A front door an organisation runs (a group's phone line, a funder's programme, a council
    team): the place people's requests arrive, and what the team learns from them."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="demand_services"
    )
    name = models.CharField(_("name of the service"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField(_("what the service is for"), blank=True)
    # Set for a funder's programme: applicants' feedback on the process arrives here.
    programme = models.OneToOneField(
        "grants.Programme",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="demand_service",
    )
    period = models.CharField(
        _("show the chart by"), max_length=5, choices=Period.choices, default=Period.WEEK
    )
    chart_is_public = models.BooleanField(
        _("anyone may see the chart"),
        default=False,
        help_text=_("The chart, kinds and causes only: people's own words stay with the team."),
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("Email")
    IN_PERSON = "in_person", _("In person")
    ONLINE_FORM = "online_form", _("Online form")
    SOCIAL_MEDIA = "social_media", _("Social media")


class DemandType(models.TextChoices):
    VALUE = "value", _("Value demand: what we are here for")
    FAILURE = (
        "failure",
        _("Failure demand: caused by us not doing something, or not doing it right"),
    )


class FailureKind(models.TextChoices):
    CHASING = "chasing", _("Chasing progress")
    NOT_UNDERSTOOD = "not_understood", _("Didn't understand")
    REPEAT = "repeat", _("Had to repeat themselves")
    WRONG_PLACE = "wrong_place", _("Came to the wrong place")
    WENT_WRONG = "went_wrong", _("Something went wrong")
    OTHER = "other", _("Other")


class Contact(models.Model):
    """One time someone asked something of a service, in their own words. Holds no personal
    data: not who they are, only what they asked and what kind of demand it was."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    received_on = models.DateField(_("when"))
    words = models.TextField(_("what they asked, in their words"), max_length=500)
    channel = models.CharField(_("how they got in touch"), max_length=15, choices=Channel.choices)
    demand = models.CharField(_("kind of demand"), max_length=7, choices=DemandType.choices)
    failure_kind = models.CharField(
        _("kind of failure demand"), max_length=15, choices=FailureKind.choices, blank=True
    )
    cause = models.CharField(_("what caused it, if you know"), max_length=100, blank=True)
    resolved_first_time = models.BooleanField(_("sorted at the first contact"), default=False)
    # Empty when an applicant left feedback themselves and asked to stay anonymous.
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            # A service's page counts its contacts by period, kind and cause: with what it
            # counts in the index too, PostgreSQL reads the index alone, not one page of
            # the table for each contact (contacts for many services arrive interleaved).
            models.Index(
                fields=["service", "received_on"],
                include=["id", "demand", "failure_kind", "cause", "resolved_first_time"],
                name="contact_service_day_figures",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(demand__in=DemandType.values),
                name="contact_demand_known",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(demand=DemandType.VALUE, failure_kind="", cause="")
                    | models.Q(demand=DemandType.FAILURE, failure_kind__in=FailureKind.values)
                ),
                name="contact_failure_has_a_known_kind",
            ),
            models.CheckConstraint(
                condition=models.Q(channel__in=Channel.values), name="contact_channel_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.received_on}: {self.words[:60]}"

    @property
    def is_failure(self) -> bool:
        return self.demand == DemandType.FAILURE


class ChangeNote(TimeStampedModel):
    """A change the team made ("we rewrote question 4"), marked on the chart from that day."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="notes")
    made_on = models.DateField(_("when the change was made"))
    text = models.CharField(_("what you changed"), max_length=300)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["made_on", "id"]

    def __str__(self) -> str:
        return f"{self.made_on}: {self.text}"


class Board(TimeStampedModel):
    """Where people decide together: a group's members, the groups a funder's programme
    funds, a timebank's members, or the people of a personal-budgets pool propose changes
    and ideas, talk them over and vote. Who takes part and who owns it is in `rules.py`."""

    # The organisation whose services a proposal's outcome may link to: the group's own, the
    # funder's for a programme, the timebank's. Empty only for a pool, which has none.
    organisation = models.ForeignKey(
        "accounts.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="boards",
    )
    programme = models.ForeignKey(
        "grants.Programme", null=True, blank=True, on_delete=models.PROTECT, related_name="boards"
    )
    timebank = models.ForeignKey(
        "timebank.Timebank", null=True, blank=True, on_delete=models.PROTECT, related_name="boards"
    )
    pool = models.ForeignKey(
        "budgets.Pool", null=True, blank=True, on_delete=models.PROTECT, related_name="boards"
    )
    name = models.CharField(_("name of the board"), max_length=150)
    slug = models.SlugField(max_length=160, unique=True)
    description = models.TextField(_("what the board is for"), blank=True)
    is_public = models.BooleanField(
        _("anyone may read it"),
        default=False,
        help_text=_("Only members may propose, comment and vote, whatever you choose."),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        organisation__isnull=False,
                        programme__isnull=True,
                        timebank__isnull=True,
                        pool__isnull=True,
                    )
                    | models.Q(
                        organisation__isnull=False,
                        programme__isnull=False,
                        timebank__isnull=True,
                        pool__isnull=True,
                    )
                    | models.Q(
                        organisation__isnull=False,
                        programme__isnull=True,
                        timebank__isnull=False,
                        pool__isnull=True,
                    )
                    | models.Q(
                        organisation__isnull=True,
                        programme__isnull=True,
                        timebank__isnull=True,
                        pool__isnull=False,
                    )
                ),
                name="board_belongs_to_one_home",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def home_name(self) -> str:
        """Whose board it is, as its pages name it."""
        home = self.pool or self.programme or self.timebank or self.organisation
        return str(home)


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Open for votes")
    CONSIDERING = "considering", _("Under consideration")
    DOING = "doing", _("Accepted: we are doing it")
    DONE = "done", _("Done: you said, we did")
    DECLINED = "declined", _("Not doing")


OPEN_FOR_VOTES = (ProposalStatus.OPEN, ProposalStatus.CONSIDERING)


class Proposal(TimeStampedModel):
    """A change or idea a member put to the board, and what came of it."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    title = models.CharField(_("your idea, in a sentence"), max_length=150)
    body = models.TextField(_("tell us more"), max_length=3000, blank=True)
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    # Why it is not being done, or what was done ("you said, we did").
    outcome = models.TextField(_("what came of it"), max_length=2000, blank=True)
    outcome_service = models.ForeignKey(
        Service,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("demand chart that shows whether it helped"),
    )
    decided_on = models.DateField(null=True, blank=True)
    hidden_reason = models.CharField(max_length=300, blank=True)
    vote_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-vote_count", "-created_at"]
        indexes = [models.Index(fields=["board", "status"], name="proposal_board_status")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=ProposalStatus.values), name="proposal_status_known"
            ),
            models.CheckConstraint(
                condition=~models.Q(status=ProposalStatus.DECLINED) | ~models.Q(outcome=""),
                name="declined_proposal_gives_a_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return bool(self.hidden_reason)

    @property
    def takes_votes(self) -> bool:
        return self.status in OPEN_FOR_VOTES and not self.is_hidden


class Comment(TimeStampedModel):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("your comment"), max_length=2000)
    hidden_reason = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]


class Vote(models.Model):
    """One member's support for one proposal. Who voted for what is theirs alone to see."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    cast_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "voter"], name="one_vote_per_person")
        ]

    def __str__(self) -> str:
        return f"vote {self.pk}"
