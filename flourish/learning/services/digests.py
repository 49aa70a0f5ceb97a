"""Email digests of what is new in a circle, daily or weekly, for members who asked for
one. Replying is done on the site; the email only says what is new."""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.learning import events
from flourish.learning.models import CircleMember, Digest, Meetup, Reply, Thread

# A little under a day or a week, so a job that runs at 07:00 one day and 06:59 the next
# still sends.
DUE_AFTER = {
    Digest.DAILY: datetime.timedelta(hours=23),
    Digest.WEEKLY: datetime.timedelta(days=6, hours=23),
}
MOST_THREADS = 20


def _whats_new(member: CircleMember, since: datetime.datetime, now: datetime.datetime) -> Any:
    """New conversations and replies by other people, and meet-ups added, since `since`.
    Nothing hidden by a moderator is included."""
    circle = member.circle
    replies = dict(
        Reply.objects.filter(
            thread__circle=circle,
            created_at__gt=since,
            hidden_at__isnull=True,
            thread__hidden_at__isnull=True,
        )
        .exclude(author=member.user)
        .values_list("thread")
        .annotate(new=Count("id"))
    )
    started = Thread.objects.filter(
        circle=circle, created_at__gt=since, hidden_at__isnull=True
    ).exclude(author=member.user)
    threads = list(
        Thread.objects.filter(
            pk__in=set(replies) | set(started.values_list("pk", flat=True))
        ).order_by("-last_activity_at", "-id")[:MOST_THREADS]
    )
    for thread in threads:
        thread.new_replies = replies.get(thread.pk, 0)  # type: ignore[attr-defined]
    meetups = list(
        Meetup.objects.filter(circle=circle, created_at__gt=since, starts_at__gt=now).order_by(
            "starts_at"
        )
    )
    return threads, meetups


def _digest_send(member: CircleMember, since: datetime.datetime, now: datetime.datetime) -> bool:
    threads, meetups = _whats_new(member, since, now)
    if not threads and not meetups:
        return False
    link = settings.SITE_URL.rstrip("/") + reverse("learning:circle", args=[member.circle.slug])
    with translation.override(member.user.preferred_language or settings.LANGUAGE_CODE):
        context = {"circle": member.circle, "threads": threads, "meetups": meetups, "link": link}
        email_send.enqueue(
            to=[member.user.email],
            subject=_("What is new in %(circle)s") % {"circle": member.circle.name},
            body=render_to_string("learning/messages/digest.txt", context),
        )
    return True


def digests_send(*, now: datetime.datetime | None = None) -> int:
    """Send each member who asked for a digest, and is due one, what is new since their
    last. Members who chose "never" get nothing. Running twice sends nothing twice: a
    member's last digest time moves on before their email is queued."""
    now = now or timezone.now()
    sent = 0
    due = CircleMember.objects.exclude(digest=Digest.OFF).select_related("circle", "user")
    for member in due.order_by("pk").iterator():
        since = member.last_digest_at or member.created_at
        if since > now - DUE_AFTER[Digest(member.digest)]:
            continue
        with transaction.atomic():
            claimed = CircleMember.objects.filter(
                pk=member.pk, digest=member.digest, last_digest_at=member.last_digest_at
            ).update(last_digest_at=now)
            if claimed and _digest_send(member, since, now):
                sent += 1
    audit_record(actor=None, action=events.DIGESTS_SENT, data={"sent": sent})
    return sent
