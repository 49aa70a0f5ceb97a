"""Circles: joining, posting, replying, reporting and hiding."""

from functools import partial
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.accounts.models import Membership, Role
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.learning import events
from flourish.learning.models import (
    Circle,
    CircleMember,
    Digest,
    Reply,
    ReplyReport,
    Thread,
)
from flourish.learning.models.circles import feed_secret


def _member(circle: Circle, actor: Any) -> CircleMember:
    member = CircleMember.objects.filter(circle=circle, user=actor).first() if actor else None
    if member is None:
        raise ValidationError(_("Join this circle before you post in it."))
    return member


def _words(text: str, field: str, message: str) -> str:
    text = (text or "").strip()
    if not text:
        raise ValidationError({field: message})
    return text


@transaction.atomic
def circle_join(*, circle: Circle, actor: Any) -> CircleMember:
    """Group leaders join open circles; other circles are by invitation from a moderator."""
    if not circle.open_to_join:
        raise ValidationError(_("This circle is by invitation. Ask one of its moderators."))
    if not Membership.objects.filter(user=actor, role=Role.GROUP_LEAD).exists():
        raise ValidationError(_("Circles are for people who run a group."))
    try:
        with transaction.atomic():
            member, created = CircleMember.objects.get_or_create(circle=circle, user=actor)
    except IntegrityError:
        return CircleMember.objects.get(circle=circle, user=actor)
    if created:
        audit_record(actor=actor, action=events.CIRCLE_JOINED, target=circle)
    return member


@transaction.atomic
def thread_start(*, circle: Circle, actor: Any, title: str, body: str) -> Thread:
    """A member starts a conversation; an empty one is refused."""
    _member(circle, actor)
    thread = Thread(
        circle=circle,
        author=actor,
        title=_words(title, "title", _("Give your post a title.")),
        body=_words(body, "body", _("Write what you want to say.")),
    )
    thread.full_clean()
    thread.save()
    Circle.objects.filter(pk=circle.pk).update(thread_count=F("thread_count") + 1)
    audit_record(actor=actor, action=events.THREAD_STARTED, target=thread)
    return thread


@transaction.atomic
def reply_post(*, thread: Thread, actor: Any, body: str) -> Reply:
    """A member replies; an empty reply, or one to a hidden conversation, is refused."""
    _member(thread.circle, actor)
    if Thread.objects.filter(pk=thread.pk, hidden_at__isnull=False).exists():
        raise ValidationError(_("A moderator hid this conversation, so it takes no more replies."))
    reply = Reply(thread=thread, author=actor, body=_words(body, "body", _("Write your reply.")))
    reply.full_clean()
    reply.save()
    Thread.objects.filter(pk=thread.pk).update(
        reply_count=F("reply_count") + 1, last_activity_at=reply.created_at
    )
    audit_record(actor=actor, action=events.REPLY_POSTED, target=thread)
    return reply


def _tell_moderators(report: ReplyReport) -> None:
    circle = report.reply.thread.circle
    emails = sorted(circle.members.filter(is_moderator=True).values_list("user__email", flat=True))
    if emails:
        email_send.enqueue(
            to=emails,
            subject=_("A reply in %(circle)s has been reported") % {"circle": circle.name},
            body=_("Sign in to Flourish and open the circle's reports to look at it."),
        )


@transaction.atomic
def reply_report(*, reply: Reply, actor: Any, reason: str) -> ReplyReport:
    """A member reports a reply; the circle's moderators hear at once."""
    _member(reply.thread.circle, actor)
    reason = _words(reason, "reason", _("Say what is wrong with this reply."))
    report, created = ReplyReport.objects.get_or_create(
        reply=reply, reported_by=actor, defaults={"reason": reason}
    )
    if created:
        audit_record(actor=actor, action=events.REPLY_REPORTED, target=reply.thread)
        transaction.on_commit(partial(_tell_moderators, report))
    return report


@transaction.atomic
def reply_hide(*, reply: Reply, actor: Any, reason: str) -> Reply:
    """A peer moderator hides a reply and says why; its author sees the reason."""
    member = _member(reply.thread.circle, actor)
    if not member.is_moderator:
        raise ValidationError(_("Only the circle's moderators can hide a reply."))
    reply.hidden_reason = _words(
        reason, "reason", _("Say why you are hiding it: its author will see this.")
    )
    reply.hidden_at = timezone.now()
    reply.hidden_by = actor
    reply.full_clean()
    reply.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    ReplyReport.objects.filter(reply=reply, resolved_at__isnull=True).update(
        resolved_at=reply.hidden_at
    )
    audit_record(actor=actor, action=events.REPLY_HIDDEN, target=reply.thread)
    return reply


@transaction.atomic
def thread_hide(*, thread: Thread, actor: Any, reason: str) -> Thread:
    """A peer moderator hides a whole conversation and says why; its author sees the
    reason, everyone else a note that a moderator hid it. Its reports are resolved."""
    member = _member(thread.circle, actor)
    if not member.is_moderator:
        raise ValidationError(_("Only the circle's moderators can hide a conversation."))
    thread.hidden_reason = _words(
        reason, "reason", _("Say why you are hiding it: its author will see this.")
    )
    thread.hidden_at = timezone.now()
    thread.hidden_by = actor
    thread.full_clean()
    thread.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated_at"])
    ReplyReport.objects.filter(reply__thread=thread, resolved_at__isnull=True).update(
        resolved_at=thread.hidden_at
    )
    audit_record(actor=actor, action=events.THREAD_HIDDEN, target=thread)
    return thread


@transaction.atomic
def member_digest_set(*, member: CircleMember, actor: Any, digest: str) -> CircleMember:
    """A member chooses how often to get an email of what is new: daily, weekly or never."""
    if digest not in Digest.values:
        raise ValidationError({"digest": _("Choose every day, every week or never.")})
    member.digest = digest
    if member.last_digest_at is None:
        # The first digest covers what happens from now, not the circle's whole history.
        member.last_digest_at = timezone.now()
    member.save(update_fields=["digest", "last_digest_at", "updated_at"])
    audit_record(
        actor=actor, action=events.DIGEST_CHANGED, target=member.circle, data={"digest": digest}
    )
    return member


@transaction.atomic
def member_feed_renew(*, member: CircleMember, actor: Any) -> CircleMember:
    """A new secret calendar address: the old one stops working at once."""
    member.feed_secret = feed_secret()
    member.save(update_fields=["feed_secret", "updated_at"])
    audit_record(actor=actor, action=events.FEED_RENEWED, target=member.circle)
    return member


@transaction.atomic
def moderator_set(*, member: CircleMember, actor: Any, is_moderator: bool) -> CircleMember:
    """A circle's moderator makes a member a moderator, or stops one moderating (themselves
    too); a circle always keeps at least one moderator."""
    # Locks the circle's moderators, so two moderators removing each other at the same
    # moment cannot leave the circle with none.
    moderators = list(
        CircleMember.objects.select_for_update()
        .filter(circle_id=member.circle_id, is_moderator=True)
        .values_list("user_id", "pk")
    )
    if actor is None or actor.pk not in {user_id for user_id, _pk in moderators}:
        raise ValidationError(_("Only the circle's moderators can change who moderates it."))
    member.refresh_from_db(fields=["is_moderator"])
    if member.is_moderator == is_moderator:
        return member
    if not is_moderator and len(moderators) == 1:
        raise ValidationError(
            _("A circle needs at least one moderator. Make someone else a moderator first.")
        )
    member.is_moderator = is_moderator
    member.full_clean()
    member.save(update_fields=["is_moderator", "updated_at"])
    audit_record(
        actor=actor,
        action=events.MODERATOR_ADDED if is_moderator else events.MODERATOR_REMOVED,
        target=member.circle,
        data={"member": member.user_id},
    )
    return member
