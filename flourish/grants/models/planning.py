"""Planning sessions a scheme offers before people apply (the Leeds model), and bookings."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from flourish.core.models import TimeStampedModel
from flourish.grants.models.programmes import Programme


class PlanningSession(TimeStampedModel):
    """A session where people shape their idea with help before applying."""

    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="planning_sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    place = models.CharField(_("where"), max_length=200, help_text=_("A place, or 'online'."))
    places = models.PositiveSmallIntegerField(_("places"), default=12)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(places__gt=0), name="planning_session_has_places")
        ]

    def __str__(self) -> str:
        return f"{self.programme}: {self.starts_at:%Y-%m-%d %H:%M}"


class SessionBooking(TimeStampedModel):
    session = models.ForeignKey(PlanningSession, on_delete=models.CASCADE, related_name="bookings")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="one_booking_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.session}"
