"""Reminders before a safeguarding check runs out: to the timebank's coordinators and to
the member, once for each check and each date it runs out."""

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from flourish.core.formatting import format_day
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.timebank import events
from flourish.timebank.models import CheckKind, MemberCheck, MemberStatus
from flourish.timebank.services.coordinators import coordinator_emails


def current_checks() -> QuerySet[MemberCheck]:
    """Each member's latest check of each kind: a check done again replaces the old one."""
    newer = MemberCheck.objects.filter(
        member=OuterRef("member"), kind=OuterRef("kind"), done_on__gt=OuterRef("done_on")
    )
    return MemberCheck.objects.filter(~Exists(newer))


def checks_to_remind(*, today: datetime.date) -> QuerySet[MemberCheck]:
    """Safeguarding checks of current members that run out within the reminder window and
    have had no reminder for this date yet."""
    days = settings.TIMEBANK_CHECK_REMINDER_DAYS
    return (
        current_checks()
        .filter(
            kind=CheckKind.SAFEGUARDING,
            member__status=MemberStatus.APPROVED,
            expires_on__isnull=False,
            expires_on__lte=today + datetime.timedelta(days=days),
        )
        .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("expires_on")))
        .select_related("member__user", "member__timebank")
        .order_by("expires_on", "pk")
    )


def _send(check: MemberCheck, today: datetime.date) -> None:
    member = check.member
    context = {"check": check, "member": member, "timebank": member.timebank, "today": today}
    coordinators = coordinator_emails(timebank=member.timebank)
    if coordinators:
        email_send.enqueue(
            to=coordinators,
            subject=_("A safeguarding check runs out on %(day)s: %(name)s")
            % {"day": format_day(check.expires_on), "name": member},
            body=render_to_string("timebank/messages/check_reminder_coordinator.txt", context),
        )
    person = member.user
    if person.is_active and person.email:
        with override(person.preferred_language or None):
            email_send.enqueue(
                to=[person.email],
                subject=_("Your safeguarding check for %(timebank)s runs out soon")
                % {"timebank": member.timebank},
                body=render_to_string("timebank/messages/check_reminder_member.txt", context),
            )


def check_reminders_send(*, today: datetime.date | None = None) -> int:
    """Run daily: one reminder for each safeguarding check about to run out, to the
    coordinators and the member. A second run, or a second worker, sends nothing more."""
    today = today or timezone.localdate()
    sent = 0
    for check in checks_to_remind(today=today):
        with transaction.atomic():
            # Claim it first: only the run that moves `reminded_for` sends the emails.
            claimed = (
                MemberCheck.objects.filter(pk=check.pk)
                .filter(Q(reminded_for__isnull=True) | ~Q(reminded_for=F("expires_on")))
                .update(reminded_for=F("expires_on"), reminded_at=timezone.now())
            )
            if not claimed:
                continue
            _send(check, today)
            audit_record(
                actor=None,
                action=events.CHECK_REMINDER_SENT,
                target=check.member,
                data={"kind": check.kind, "expires_on": str(check.expires_on)},
            )
            sent += 1
    return sent
