"""A circle's meet-ups and invitations: moderators add a meet-up or invite someone by
email; the invited person accepts with the link's secret."""

import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.learning import events
from flourish.learning.models import Circle, CircleInvitation, CircleMember, Meetup

INVITATION_LASTS = datetime.timedelta(days=30)


def _moderator(circle: Circle, actor: Any, message: str) -> None:
    if not CircleMember.objects.filter(circle=circle, user=actor, is_moderator=True).exists():
        raise ValidationError(message)


@transaction.atomic
def meetup_add(
    *,
    circle: Circle,
    actor: Any,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    where: str,
    details: str = "",
) -> Meetup:
    """A moderator adds a meet-up; it must end after it starts and not be in the past."""
    _moderator(circle, actor, _("Only the circle's moderators can add a meet-up."))
    if starts_at < timezone.now():
        raise ValidationError({"starts_at": _("Choose a time that has not passed yet.")})
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The meet-up must end after it starts.")})
    meetup = Meetup(
        circle=circle,
        title=title.strip(),
        starts_at=starts_at,
        ends_at=ends_at,
        where=where.strip(),
        details=details.strip(),
        created_by=actor,
    )
    meetup.full_clean()
    meetup.save()
    audit_record(actor=actor, action=events.MEETUP_ADDED, target=circle)
    return meetup


def _send_invitation(invitation: CircleInvitation, link: str) -> None:
    email_send.enqueue(
        to=[invitation.email],
        subject=_("You are invited to %(circle)s") % {"circle": invitation.circle.name},
        body=render_to_string(
            "learning/messages/invitation.txt", {"invitation": invitation, "link": link}
        ),
    )


@transaction.atomic
def circle_invite(*, circle: Circle, actor: Any, email: str) -> CircleInvitation:
    """A moderator invites someone by email; the email carries a link with a secret only
    that person can use."""
    _moderator(circle, actor, _("Only the circle's moderators can invite people."))
    email = email.strip().lower()
    if CircleMember.objects.filter(circle=circle, user__email__iexact=email).exists():
        raise ValidationError({"email": _("They are already in this circle.")})
    invitation = CircleInvitation(circle=circle, email=email, invited_by=actor)
    invitation.full_clean()
    invitation.save()
    audit_record(actor=actor, action=events.CIRCLE_INVITED, target=circle)
    link = settings.SITE_URL.rstrip("/") + reverse("learning:invitation", args=[invitation.secret])
    transaction.on_commit(partial(_send_invitation, invitation, link))
    return invitation


def invitation_is_open(invitation: CircleInvitation) -> bool:
    return invitation.accepted_at is None and (
        invitation.created_at > timezone.now() - INVITATION_LASTS
    )


@transaction.atomic
def invitation_accept(*, invitation: CircleInvitation, actor: Any) -> CircleMember:
    """The invited person joins the circle. An invitation works once, for a month."""
    invitation = CircleInvitation.objects.select_for_update().get(pk=invitation.pk)
    if actor.email.lower() != invitation.email:
        raise ValidationError(_("This invitation is for someone else."))
    if not invitation_is_open(invitation):
        raise ValidationError(
            _("This invitation has been used or is too old. Ask a moderator for a new one.")
        )
    try:
        with transaction.atomic():
            member, _created = CircleMember.objects.get_or_create(
                circle=invitation.circle, user=actor
            )
    except IntegrityError:
        member = CircleMember.objects.get(circle=invitation.circle, user=actor)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at", "updated_at"])
    audit_record(actor=actor, action=events.INVITATION_ACCEPTED, target=invitation.circle)
    return member
