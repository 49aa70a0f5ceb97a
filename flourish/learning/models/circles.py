"""Circles of peers: group leaders who talk to each other, by area, theme or community.
Nothing in a circle is public; peer moderators from the circle look after it."""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from flourish.core.models import TimeStampedModel

POST_MAX_LENGTH = 5000


class CircleKind(models.TextChoices):
    AREA = "area", _("An area")
    THEME = "theme", _("A theme")
    COMMUNITY = "community", _("A community")


class Circle(TimeStampedModel):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    kind = models.CharField(max_length=20, choices=CircleKind.choices)
    about = models.CharField(_("what the circle is for"), max_length=300)
    code_of_conduct = models.TextField(_("how we treat each other here"), max_length=4000)
    open_to_join = models.BooleanField(default=True)
    # Kept in step by `thread_start` (conversations are never deleted on their own), so
    # a circle's page never counts its conversations: a count grows with the circle.
    thread_count = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Digest(models.TextChoices):
    DAILY = "daily", _("Every day")
    WEEKLY = "weekly", _("Every week")
    OFF = "off", _("Never")


def feed_secret() -> str:
    return secrets.token_urlsafe(24)


class CircleMember(TimeStampedModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="circle_memberships"
    )
    is_moderator = models.BooleanField(default=False)
    # Off unless the member asks: an email nobody asked for is one more thing to carry.
    digest = models.CharField(
        _("email me what is new"), max_length=10, choices=Digest.choices, default=Digest.OFF
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)
    # The secret in the member's calendar address: calendar apps cannot sign in, so the
    # address is the key. The member can change it if it leaks.
    feed_secret = models.CharField(max_length=64, unique=True, default=feed_secret)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["circle", "user"], name="one_circle_membership")
        ]
        indexes = [models.Index(fields=["digest"], name="learning_member_digest")]

    def __str__(self) -> str:
        return f"{self.user} in {self.circle}"


class Thread(TimeStampedModel):
    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="threads")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=150)
    body = models.TextField(_("what you want to say"), max_length=POST_MAX_LENGTH)
    # Kept in step by the services, so a circle's page never counts replies per thread.
    reply_count = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(default=timezone.now)
    # A moderator can hide a whole conversation; its author sees why.
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)

    class Meta:
        ordering = ["-last_activity_at", "-id"]
        indexes = [models.Index(fields=["circle", "-last_activity_at", "-id"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class Reply(TimeStampedModel):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("your reply"), max_length=POST_MAX_LENGTH)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("why it is hidden"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["thread", "created_at", "id"])]
        verbose_name_plural = "replies"

    def __str__(self) -> str:
        return f"Reply {self.pk} to {self.thread_id}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ReplyReport(TimeStampedModel):
    """A member tells the moderators a reply breaks the circle's code of conduct."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="reports")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("what is wrong with it"), max_length=500)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reply", "reported_by"], name="one_report_per_person")
        ]

    def __str__(self) -> str:
        return f"Report on {self.reply_id}"


class CircleInvitation(TimeStampedModel):
    """A moderator invites someone, by email, to a circle that is by invitation. The link's
    secret is the invitation; only the person signed in with that email can accept it."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("their email address"))
    secret = models.CharField(max_length=64, unique=True, default=feed_secret)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"Invitation to {self.circle}"


class Meetup(TimeStampedModel):
    """A circle's meet-up, in person or online; members add it to their calendars."""

    circle = models.ForeignKey(Circle, on_delete=models.CASCADE, related_name="meetups")
    title = models.CharField(_("what it is"), max_length=150)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    where = models.CharField(_("where"), max_length=300)
    details = models.TextField(_("anything else to know"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["circle", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="meetup_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return self.title
