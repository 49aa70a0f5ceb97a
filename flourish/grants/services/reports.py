"""Writes for hearing back from funded groups."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from flourish.accounts.models import ContactRoute, Membership, Role
from flourish.core.services import audit_record
from flourish.core.tasks import email_send
from flourish.grants import events
from flourish.grants.models import (
    Award,
    GrantReport,
    ProgrammeCategory,
    ReminderKind,
    ReportReminder,
    ReportSpend,
)
from flourish.learning.models import PromptReason
from flourish.learning.services.prompts import prompt_offer


@transaction.atomic
def report_submit(
    *,
    award: Award,
    actor: Any,
    what_happened: str,
    spending: dict[ProgrammeCategory, int],
    people_reached: int | None = None,
    recorded_from_call: bool = False,
) -> GrantReport:
    """A funded group tells us once what happened and roughly how the money was spent."""
    award = Award.objects.select_for_update(of=("self",)).get(pk=award.pk)
    if GrantReport.objects.filter(award=award).exists():
        raise ValidationError(_("You have already told us what happened. Thank you."))
    if any(category.programme_id != award.programme_id for category in spending):
        raise ValidationError(_("Choose the kinds of thing from this programme."))
    report = GrantReport(
        award=award,
        what_happened=what_happened,
        people_reached=people_reached,
        recorded_by=actor,
        recorded_from_call=recorded_from_call,
    )
    report.full_clean()
    report.save()
    ReportSpend.objects.bulk_create(
        ReportSpend(report=report, category=category, amount_pence=amount)
        for category, amount in spending.items()
        if amount
    )
    audit_record(
        actor=actor,
        action=events.REPORT_SUBMITTED,
        target=award,
        data={"spent_pence": sum(spending.values()), "from_call": recorded_from_call},
    )
    return report


# A gentle nudge a week before a report is due, and one more a week after; never more.
REMINDER_OFFSETS = {ReminderKind.BEFORE: -7, ReminderKind.AFTER: 7}


def _recipients(award: Award) -> list[str]:
    application = award.application
    leads = Membership.objects.filter(
        organisation=application.group, role=Role.GROUP_LEAD
    ).values_list("user__email", flat=True)
    emails = set(leads) | {application.submitted_by.email}
    if application.contact_route == ContactRoute.EMAIL and "@" in application.contact_detail:
        emails.add(application.contact_detail)
    return sorted(emails)


def report_reminders_send(*, today: date) -> int:
    """Groups that have not reported get one reminder before the due date and one after."""
    sent = 0
    for kind, offset in REMINDER_OFFSETS.items():
        due = Award.objects.filter(
            report_due_on__lte=today - timedelta(days=offset),
            report__isnull=True,
            paid_pence__gt=0,
        ).exclude(reminders__kind=kind)
        for award in due.select_related("application__submitted_by", "programme"):
            with transaction.atomic():
                _reminder, created = ReportReminder.objects.get_or_create(award=award, kind=kind)
                if not created:
                    continue  # another worker got there first
                email_send.enqueue(
                    to=_recipients(award),
                    subject=_("Tell us how it went: %(programme)s")
                    % {"programme": award.programme.title},
                    body=render_to_string(
                        "grants/messages/report_reminder.txt", {"award": award, "kind": kind}
                    ),
                )
                audit_record(
                    actor=None,
                    action=events.REPORT_REMINDER_SENT,
                    target=award,
                    data={"kind": kind},
                )
                sent += 1
    return sent


# How long before a report is due its group is offered the guide to telling a funder.
REPORT_PROMPT_DAYS = 14


def report_due_prompts_offer(*, today: date) -> int:
    """Groups whose short report is due within two weeks see the guide to telling their
    funder what happened on their page (once per award, however often this runs)."""
    due = Award.objects.filter(
        report_due_on__gte=today,
        report_due_on__lte=today + timedelta(days=REPORT_PROMPT_DAYS),
        report__isnull=True,
        accepted_at__isnull=False,
    ).select_related("application__group")
    offered = 0
    for award in due:
        with transaction.atomic():
            prompt = prompt_offer(
                group=award.application.group,
                reason=PromptReason.REPORT_DUE,
                about=f"award:{award.pk}",
            )
        offered += prompt is not None
    return offered
