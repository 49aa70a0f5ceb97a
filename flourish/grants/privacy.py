"""Grants' part in a person's rights: what grants holds about them (for their copy), and
what erasing them removes, and what a funder must keep for a time."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from flourish.core.formatting import format_day, format_moment, format_pence
from flourish.core.services import audit_record
from flourish.grants import events
from flourish.grants.models import (
    Application,
    ConflictDeclaration,
    PanelVote,
    SessionBooking,
    SpendLine,
)
from flourish.grants.status import applicant_status

Row = dict[str, str]


@dataclass
class Kept:
    """A record kept after erasure, and until when."""

    application: Application
    until: date

    @property
    def description(self) -> str:
        return _("Your grant application to %(programme)s, for %(group)s") % {
            "programme": self.application.programme.title,
            "group": self.application.group_name or _("a group"),
        }


def _is_contact(application: Application, person: Any) -> bool:
    detail = "".join(application.contact_detail.lower().split())
    mine = {person.email.lower(), "".join(person.phone.split())} - {""}
    return detail in mine


def applications_for_person(*, person: Any) -> list[Application]:
    """Applications a person started, or that name them as the group's contact."""
    found = (
        Application.objects.filter(Q(submitted_by=person) | Q(group__memberships__user=person))
        .distinct()
        .select_related("programme", "group", "award", "decision", "award__report")
        .prefetch_related("spend_lines__category")
        .order_by("created_at", "id")
    )
    # Contact details are encrypted, so the database cannot match them: Python does.
    return [a for a in found if a.submitted_by_id == person.pk or _is_contact(a, person)]


def _application_row(application: Application) -> Row:
    award = getattr(application, "award", None)
    decision = getattr(application, "decision", None)
    report = getattr(award, "report", None) if award is not None else None
    lines = "; ".join(
        f"{line.category.name}: {line.description} ({format_pence(line.amount_pence)})"
        for line in application.spend_lines.all()
    )
    return {
        _("Programme"): application.programme.title,
        _("Group"): application.group_name,
        _("Where it is"): str(applicant_status(application)),
        _("Sent on"): format_day(application.submitted_at),
        _("Your name"): application.applicant_name,
        _("Your part in the group"): application.applicant_role,
        _("Council area"): application.local_authority,
        _("Communities"): application.communities,
        _("What you want to do"): application.what_you_want_to_do,
        _("File you sent"): application.attachment_name,
        _("Who it helps"): application.who_it_helps,
        _("What the money is for"): lines,
        _("When"): application.when,
        _("How to reach you"): application.get_contact_route_display(),
        _("Email address or phone number"): application.contact_detail,
        _("Good times to reach you"): application.contact_times,
        _("Access needs"): application.access_needs,
        _("Feedback on the decision"): decision.feedback if decision is not None else "",
        _("Grant"): format_pence(award.amount_pence) if award is not None else "",
        _("What happened (your report)"): report.what_happened if report is not None else "",
    }


def _panel_rows(person: Any) -> list[Row]:
    votes: QuerySet[PanelVote] = PanelVote.objects.filter(member=person).select_related(
        "panel", "application__group"
    )
    declarations: QuerySet[ConflictDeclaration] = ConflictDeclaration.objects.filter(
        member=person, has_conflict=True
    ).select_related("panel", "application__group")
    return [
        {
            _("Panel"): vote.panel.title,
            _("Application from"): vote.application.group_name,
            _("Your vote"): vote.get_verdict_display(),
            _("Why"): vote.comment,
        }
        for vote in votes
    ] + [
        {
            _("Panel"): declaration.panel.title,
            _("Application from"): declaration.application.group_name,
            _("Conflict of interest you declared"): declaration.details,
        }
        for declaration in declarations
    ]


def held_about(*, person: Any) -> dict[str, list[Row]]:
    """What grants holds about a person, as they read it in their copy."""
    bookings = SessionBooking.objects.filter(person=person).select_related("session__programme")
    return {
        "applications": [
            _application_row(application) for application in applications_for_person(person=person)
        ],
        "panels": _panel_rows(person),
        "planning_sessions": [
            {
                _("Programme"): booking.session.programme.title,
                _("Session"): format_moment(booking.session.starts_at),
                _("Where"): booking.session.place,
            }
            for booking in bookings
        ],
    }


def kept_until(application: Application) -> date | None:
    """The day a funder may let go of an awarded application's record; None if not awarded."""
    award = getattr(application, "award", None)
    if award is None:
        return None
    years = settings.GRANT_RECORD_RETENTION_YEARS
    awarded = award.awarded_on
    try:
        return awarded.replace(year=awarded.year + years)
    except ValueError:  # 29 February
        return awarded.replace(year=awarded.year + years, day=28)


def records_to_keep(*, person: Any, today: date | None = None) -> list[Kept]:
    """Grant records the funder must keep for now, even when the person asks for erasure."""
    day = today or timezone.localdate()
    kept = []
    for application in applications_for_person(person=person):
        until = kept_until(application)
        if until is not None and until > day:
            kept.append(Kept(application=application, until=until))
    return kept


def _forget_contact(application: Application) -> None:
    if application.attachment:
        application.attachment.delete(save=False)
    application.attachment_name = ""
    application.applicant_name = ""
    application.applicant_role = ""
    application.contact_detail = ""
    application.contact_times = ""
    application.access_needs = ""
    application.full_clean()
    application.save()


@transaction.atomic
def erase_person(*, person: Any, actor: Any, today: date | None = None) -> list[Kept]:
    """A person's drafts go; their name and contact details leave sent applications;
    an awarded application's record is kept whole until the retention period ends."""
    kept = records_to_keep(person=person, today=today)
    keep_ids = {record.application.pk for record in kept}
    for application in applications_for_person(person=person):
        if application.pk in keep_ids:
            continue
        if application.is_draft and application.submitted_by_id == person.pk:
            if application.attachment:
                application.attachment.delete(save=False)
            SpendLine.objects.filter(application=application).delete()
            application.delete()
            continue
        _forget_contact(application)
        audit_record(actor=actor, action=events.APPLICATION_CONTACT_ERASED, target=application)
    SessionBooking.objects.filter(person=person).delete()
    return kept


@transaction.atomic
def kept_records_forget(*, application_ids: list[int], today: date | None = None) -> int:
    """Once an erased person's kept grant record reaches the end of its retention period,
    their name and contact details leave it too; returns how many were cleared."""
    day = today or timezone.localdate()
    cleared = 0
    found = Application.objects.filter(pk__in=application_ids).select_related("award")
    for application in found.select_for_update(of=("self",)):
        until = kept_until(application)
        if until is None or until > day or not _still_names_someone(application):
            continue
        _forget_contact(application)
        audit_record(actor=None, action=events.APPLICATION_CONTACT_ERASED, target=application)
        cleared += 1
    return cleared


def _still_names_someone(application: Application) -> bool:
    return bool(application.applicant_name or application.contact_detail or application.attachment)
